package io.klaxon.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StandbyUpdateListener;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class RestorationLogTest {
  private static final long SECOND = 1_000_000_000L;
  private final List<String> lines = new ArrayList<>();
  private final AtomicLong clock = new AtomicLong();
  private final RestorationLog restorations = new RestorationLog(lines::add, clock::get);

  @Test
  void oneLinePerRoundWithTheTotalsAndTheSlowestChangelog() {
    TopicPartition dedup = new TopicPartition("app-dedup-store-changelog", 3);
    TopicPartition limits = new TopicPartition("app-rate-limit-store-changelog", 3);
    restorations.onRestoreStart(dedup, "dedup-store", 0, 120_000);
    clock.addAndGet(SECOND);
    restorations.onRestoreStart(limits, "rate-limit-store", 0, 500);
    clock.addAndGet(SECOND);
    restorations.onRestoreEnd(limits, "rate-limit-store", 500);
    assertThat(lines).as("one changelog is still restoring").isEmpty();
    clock.addAndGet(2 * SECOND);
    restorations.onRestoreEnd(dedup, "dedup-store", 120_000);

    assertThat(lines).containsExactly("Restored state from 2 changelog partition(s): 120,500 records in 4.0 s"
        + " (slowest: app-dedup-store-changelog-3, 120,000 records in 4.0 s)");
  }

  @Test
  void aNewRoundStartsCountingAfresh() {
    restored(new TopicPartition("app-dedup-store-changelog", 0), "dedup-store", 10_000, 3);
    TopicPartition second = new TopicPartition("app-dedup-store-changelog", 1);
    restorations.onRestoreStart(second, "dedup-store", 0, 90_000);
    clock.addAndGet(SECOND);
    restorations.onRestoreSuspended(second, "dedup-store", 70_000);

    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).isEqualTo("Restored state from 1 changelog partition(s): 70,000 records in 1.0 s"
        + " (slowest: app-dedup-store-changelog-1, 70,000 records in 1.0 s (its task moved away before the end))");
  }

  @Test
  void aRoundTooSmallToMatterIsNotLogged() {
    restored(new TopicPartition("app-held-store-changelog", 0), "held-store", 9_999, 4);
    restored(new TopicPartition("app-held-store-changelog", 1), "held-store", 3, 5);

    assertThat(lines).containsExactly("Restored state from 1 changelog partition(s): 3 records in 5.0 s"
        + " (slowest: app-held-store-changelog-1, 3 records in 5.0 s)");
  }

  @Test
  void anEndWithoutAStartIsIgnored() {
    restorations.onRestoreEnd(new TopicPartition("app-dedup-store-changelog", 0), "dedup-store", 10);

    assertThat(lines).isEmpty();
  }

  @Test
  void aStandbyCopyCountsFromItsStartUntilItIsCaughtUp() {
    TopicPartition active = new TopicPartition("app-dedup-store-changelog", 0);
    TopicPartition standby = new TopicPartition("app-dedup-store-changelog", 1);
    TopicPartition empty = new TopicPartition("app-dedup-store-changelog", 2);
    TaskId task = new TaskId(3, 1);
    restorations.onUpdateStart(empty, "dedup-store", 0);
    restorations.onUpdateStart(standby, "dedup-store", 0);
    clock.addAndGet(SECOND);
    restorations.onRestoreStart(active, "dedup-store", 0, 100);
    assertThat(restorations.restoring()).as("the active copy; standby copies count from their first batch").isOne();
    restorations.onBatchLoaded(standby, "dedup-store", task, 49_999, 50_000, 90_000);
    assertThat(restorations.restoring()).isEqualTo(2);
    clock.addAndGet(SECOND);
    restorations.onRestoreEnd(active, "dedup-store", 100);
    assertThat(lines).as("the standby copy is 40,000 records behind").isEmpty();
    assertThat(restorations.restoring()).isOne();
    clock.addAndGet(SECOND);
    restorations.onBatchLoaded(standby, "dedup-store", task, 89_500, 39_501, 90_000);
    restorations.onBatchLoaded(standby, "dedup-store", task, 89_990, 490, 90_100);
    assertThat(restorations.restoring()).as("caught up, and following its changelog").isZero();
    restorations.onBatchLoaded(standby, "dedup-store", task, 90_500, 510, 90_600);
    assertThat(restorations.restoring()).isZero();

    assertThat(lines).containsExactly("Restored state from 2 changelog partition(s): 89,601 records in 3.0 s"
        + " (slowest: app-dedup-store-changelog-1, 89,501 records in 3.0 s (a standby copy))");
  }

  @Test
  void aStandbyCopyWhoseFirstBatchCatchesItUpRestoredNothingHoweverLateThatBatchCame() {
    TopicPartition standby = new TopicPartition("app-dedup-expiry-store-changelog", 4);
    restorations.onUpdateStart(standby, "dedup-expiry-store", 41);
    clock.addAndGet(24 * SECOND);
    restorations.onBatchLoaded(standby, "dedup-expiry-store", new TaskId(3, 4), 42, 1, 44);

    assertThat(restorations.restoring()).isZero();
    assertThat(lines).as("the changelog had no new record for 24 s: nothing was restored").isEmpty();
  }

  @Test
  void aStandbyCopyPromotedBeforeItCaughtUpEndsTheRound() {
    TopicPartition standby = new TopicPartition("app-dedup-store-changelog", 1);
    restorations.onUpdateStart(standby, "dedup-store", 0);
    restorations.onBatchLoaded(standby, "dedup-store", new TaskId(3, 1), 19_999, 20_000, 90_000);
    clock.addAndGet(2 * SECOND);
    restorations.onUpdateSuspended(standby, "dedup-store", 19_999, 90_000, StandbyUpdateListener.SuspendReason.PROMOTED);

    assertThat(lines).containsExactly("Restored state from 1 changelog partition(s): 20,000 records in 2.0 s"
        + " (slowest: app-dedup-store-changelog-1, 20,000 records in 2.0 s (a standby copy, promoted before it caught up))");
  }

  /** One changelog partition restored from its start: {@code records} in {@code seconds}. */
  private void restored(TopicPartition partition, String store, long records, long seconds) {
    restorations.onRestoreStart(partition, store, 0, records);
    clock.addAndGet(seconds * SECOND);
    restorations.onRestoreEnd(partition, store, records);
  }
}
