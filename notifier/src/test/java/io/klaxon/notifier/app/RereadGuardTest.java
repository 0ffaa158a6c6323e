package io.klaxon.notifier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.notifier.metrics.NotifierMetrics;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RereadGuardTest {
  private static final TopicPartition P0 = new TopicPartition("notifications", 0);
  private static final TopicPartition P1 = new TopicPartition("notifications", 1);
  private static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");

  private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
  private final NotifierMetrics metrics = NotifierMetrics.inMemory();
  private final List<Instant> lookups = new ArrayList<>();
  private Set<String> delivered = Set.of("n-12", "n-15");
  private final RereadGuard guard = new RereadGuard(since -> {
    lookups.add(since);
    return delivered;
  }, InstantSource.fixed(NOW), metrics);

  @BeforeEach
  void assign() {
    consumer.assign(List.of(P0, P1));
    consumer.updateEndOffsets(Map.of(P0, 20L, P1, 5L));
  }

  private void committed(TopicPartition partition, long offset, String metadata) {
    consumer.commitSync(Map.of(partition, new OffsetAndMetadata(offset, metadata)));
  }

  private double skipped() {
    return metrics.registry().get("klaxon.notifier.redeliveries.skipped").counter().count();
  }

  @Test
  void aPartitionTakenOverSkipsWhatItsPreviousOwnerDeliveredUpToTheEndItHadThen() {
    Instant readSince = NOW.minusSeconds(7);
    committed(P0, 10, RereadGuard.metadata(readSince.toEpochMilli()));
    guard.assigned(List.of(P0));

    guard.prepare(consumer);

    assertThat(lookups).containsExactly(readSince);
    assertThat(guard.alreadyDelivered(P0, 12, "n-12")).isTrue();
    assertThat(guard.alreadyDelivered(P0, 13, "n-13")).isFalse();
    assertThat(guard.alreadyDelivered(P0, 15, "n-15")).isTrue();
    assertThat(skipped()).isEqualTo(2);
    assertThat(guard.alreadyDelivered(P0, 20, "n-12")).as("written after the takeover: not the previous owner's").isFalse();
    assertThat(guard.checking()).isZero();
    assertThat(guard.alreadyDelivered(P0, 19, "n-15")).as("no longer checked").isFalse();
  }

  @Test
  void receiptsAreReadOnceForEveryPartitionOfARebalanceFromTheEarliestTime() {
    committed(P0, 10, RereadGuard.metadata(NOW.minusSeconds(3).toEpochMilli()));
    committed(P1, 2, RereadGuard.metadata(NOW.minusSeconds(9).toEpochMilli()));
    guard.assigned(List.of(P0, P1));

    guard.prepare(consumer);
    guard.prepare(consumer);

    assertThat(lookups).containsExactly(NOW.minusSeconds(9));
    assertThat(guard.checking()).isEqualTo(2);
    assertThat(guard.alreadyDelivered(P1, 3, "n-15")).isTrue();
  }

  @Test
  void theLookbackIsBounded() {
    committed(P0, 10, RereadGuard.metadata(NOW.minus(Duration.ofHours(2)).toEpochMilli()));
    guard.assigned(List.of(P0));

    guard.prepare(consumer);

    assertThat(lookups).containsExactly(NOW.minus(RereadGuard.MAX_LOOKBACK));
  }

  @Test
  void aCommitThatGivesNoTimeIsNotLookedUp() {
    committed(P0, 10, "");
    guard.assigned(List.of(P0, P1));

    guard.prepare(consumer);

    assertThat(lookups).as("P1 has no commit at all, P0's says nothing of time").isEmpty();
    assertThat(guard.alreadyDelivered(P0, 12, "n-12")).isFalse();
  }

  @Test
  void aPartitionThatMovesAwayIsNoLongerChecked() {
    committed(P0, 10, RereadGuard.metadata(NOW.minusSeconds(2).toEpochMilli()));
    guard.assigned(List.of(P0));
    guard.prepare(consumer);

    guard.forget(List.of(P0));

    assertThat(guard.checking()).isZero();
    assertThat(guard.alreadyDelivered(P0, 12, "n-12")).isFalse();
  }

  @Test
  void aPartitionWhoseCommitIsAtItsEndIsNotChecked() {
    committed(P1, 5, RereadGuard.metadata(NOW.minusSeconds(2).toEpochMilli()));
    guard.assigned(List.of(P1));

    guard.prepare(consumer);

    assertThat(guard.checking()).isZero();
  }

  @Test
  void whenNothingWasDeliveredNothingIsChecked() {
    delivered = Set.of();
    committed(P0, 10, RereadGuard.metadata(NOW.minusSeconds(2).toEpochMilli()));
    guard.assigned(List.of(P0));

    guard.prepare(consumer);

    assertThat(lookups).hasSize(1);
    assertThat(guard.checking()).isZero();
  }

  @Test
  void theMetadataSaysSinceWhen() {
    assertThat(RereadGuard.readSince(new OffsetAndMetadata(3, RereadGuard.metadata(1_234)))).hasValue(1_234);
    assertThat(RereadGuard.readSince(new OffsetAndMetadata(3, "read-since=soon"))).isEmpty();
    assertThat(RereadGuard.readSince(new OffsetAndMetadata(3, "something else"))).isEmpty();
    assertThat(RereadGuard.readSince(new OffsetAndMetadata(3))).isEmpty();
    assertThat(RereadGuard.readSince(null)).isEmpty();
  }
}
