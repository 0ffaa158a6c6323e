package io.klaxon.notifier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {
  private static final TopicPartition P0 = new TopicPartition("notifications", 0);
  private static final TopicPartition P1 = new TopicPartition("notifications", 1);

  private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
  private final OffsetTracker offsets = new OffsetTracker();

  @BeforeEach
  void assign() {
    consumer.assign(List.of(P0, P1));
    consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
  }

  private void commit() {
    offsets.commit(consumer, offsets.partitions(), true);
  }

  @Test
  void theCommitNeverPassesAnUnfinishedRecord() {
    for (long offset = 10; offset < 14; offset++) {
      offsets.started(P0, offset);
    }
    offsets.finished(P0, 11);
    offsets.finished(P0, 13);
    commit();
    // The first record is unfinished: committing its offset would be no progress.
    assertThat(CommittedOffsets.of(consumer, P0)).isNull();

    offsets.finished(P0, 10);
    commit();
    assertThat(CommittedOffsets.of(consumer, P0)).isEqualTo(12L);

    offsets.finished(P0, 12);
    commit();
    assertThat(CommittedOffsets.of(consumer, P0)).isEqualTo(14L);
  }

  @Test
  void onceEveryRecordIsFinishedTheCommitGoesOnToTheReadPositionPastTransactionMarkers() {
    offsets.started(P0, 0);
    offsets.started(P0, 1);
    // An exactly-once producer's commit marker sits at offset 2: the consumer reads past it.
    consumer.seek(P0, 3);
    offsets.finished(P0, 1);
    commit();
    assertThat(CommittedOffsets.of(consumer, P0)).as("record 0 is unfinished").isNull();

    offsets.finished(P0, 0);
    commit();
    assertThat(CommittedOffsets.of(consumer, P0)).isEqualTo(3L);

    offsets.started(P0, 3);
    consumer.seek(P0, 5);
    commit();
    assertThat(CommittedOffsets.of(consumer, P0)).as("record 3 is unfinished").isEqualTo(3L);
  }

  @Test
  void eachCommitSaysSinceWhenTheRecordsFromItsOffsetOnWereRead() {
    java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(1_000);
    OffsetTracker timed = new OffsetTracker(() -> java.time.Instant.ofEpochMilli(now.get()));
    timed.started(P0, 10);
    now.set(2_000);
    timed.started(P0, 11);
    timed.finished(P0, 10);
    now.set(3_000);
    timed.commit(consumer, timed.partitions(), true);
    assertThat(committedMetadata()).as("record 11, read at 2,000, is unfinished").isEqualTo(RereadGuard.metadata(2_000));

    timed.finished(P0, 11);
    consumer.seek(P0, 12);
    now.set(5_000);
    timed.commit(consumer, timed.partitions(), true);
    assertThat(committedMetadata()).as("everything read is finished: what comes next is read after the commit")
        .isEqualTo(RereadGuard.metadata(5_000));
  }

  private String committedMetadata() {
    return consumer.committed(java.util.Set.of(P0)).get(P0).metadata();
  }

  @Test
  void aSkippedRecordIsFinalAtOnce() {
    offsets.skipped(P0, 5);
    offsets.started(P0, 6);
    offsets.skipped(P0, 7);

    commit();
    assertThat(CommittedOffsets.of(consumer, P0)).isEqualTo(6L);
    offsets.finished(P0, 6);
    commit();
    assertThat(CommittedOffsets.of(consumer, P0)).isEqualTo(8L);
  }

  @Test
  void onlyTheWantedPartitionsAreCommittedAndOnlyWhenTheyMoved() {
    offsets.skipped(P0, 0);
    offsets.skipped(P1, 0);

    offsets.commit(consumer, List.of(P1), true);
    assertThat(CommittedOffsets.of(consumer, P0)).isNull();
    assertThat(CommittedOffsets.of(consumer, P1)).isEqualTo(1L);

    consumer.commitSync(Map.of(P1, new OffsetAndMetadata(0)));
    offsets.commit(consumer, List.of(P1), true);
    // Nothing moved since the last commit, so nothing is committed again.
    assertThat(CommittedOffsets.of(consumer, P1)).isZero();
  }

  @Test
  void aForgottenPartitionIsNotCommittedAndIgnoresLateFinishes() {
    offsets.started(P0, 3);
    offsets.skipped(P1, 0);

    offsets.forget(List.of(P0));
    offsets.finished(P0, 3);
    commit();

    assertThat(offsets.partitions()).containsExactly(P1);
    assertThat(CommittedOffsets.of(consumer, P0)).isNull();
    assertThat(CommittedOffsets.of(consumer, P1)).isEqualTo(1L);
  }

  @Test
  void anAsynchronousCommitReachesTheConsumer() {
    offsets.skipped(P0, 0);

    offsets.commit(consumer, offsets.partitions(), false);

    assertThat(CommittedOffsets.of(consumer, P0)).isEqualTo(1L);
  }
}
