package io.klaxon.streams.app;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StandbyUpdateListener;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.processor.TaskId;

/**
 * Tells the operator how long the instance restored state from changelogs, in one line per round
 * of restoration (from the first changelog that starts restoring while none does, to the last that
 * ends): how many changelog partitions, records and seconds, and the slowest one (a round too
 * small to matter is left out). A standby copy counts from its start until it is caught up (its
 * last batch ended within {@link #CAUGHT_UP} records of the changelog's end; transaction markers
 * keep it from ending exactly there), and only if its first batch left it more than that behind.
 * After a crash under exactly-once a restarted instance restores its
 * active and standby stores from scratch: the time that takes is the time its tasks wait, or the
 * time until it could take a sibling's tasks over without waiting, and without this line it shows
 * nowhere below Kafka's INFO logging. Thread-safe.
 */
final class RestorationLog implements StateRestoreListener, StandbyUpdateListener {
  /**
   * A round that restored fewer records in less time is not logged: a rebalance hands an instance
   * standby copies a few records behind, each of them a round of its own.
   */
  static final long WORTH_A_LINE_RECORDS = 10_000;
  /** See {@link #WORTH_A_LINE_RECORDS}. */
  static final Duration WORTH_A_LINE = Duration.ofSeconds(5);
  /** A standby copy this close to its changelog's end is caught up. */
  static final long CAUGHT_UP = 1_000;
  private final Consumer<String> log;
  private final LongSupplier nanos;
  private final Map<String, Long> startedAt = new HashMap<>();
  /**
   * Standby copies started and not yet loading: they join the round with their first batch, unless
   * it catches them up.
   */
  private final Map<String, Long> standbyStartedAt = new HashMap<>();
  /** Records loaded by the standby copies of the round that are not caught up yet. */
  private final Map<String, Long> standbyLoaded = new HashMap<>();
  private long roundStart;
  private int partitions;
  private long records;
  private String slowest;
  private long slowestNanos = -1;

  RestorationLog(Consumer<String> log, LongSupplier nanos) {
    this.log = log;
    this.nanos = nanos;
  }

  @Override
  public synchronized void onRestoreStart(TopicPartition partition, String storeName, long startingOffset,
      long endingOffset) {
    long now = nanos.getAsLong();
    if (startedAt.isEmpty()) {
      newRound(now);
    }
    startedAt.put(key(partition, storeName), now);
  }

  @Override
  public synchronized void onUpdateStart(TopicPartition partition, String storeName, long startingOffset) {
    standbyStartedAt.put(key(partition, storeName), nanos.getAsLong());
  }

  @Override
  public synchronized void onBatchLoaded(TopicPartition partition, String storeName, TaskId taskId,
      long batchEndOffset, long batchSize, long currentEndOffset) {
    String key = key(partition, storeName);
    Long started = standbyStartedAt.remove(key);
    if (started != null) {
      if (currentEndOffset - batchEndOffset <= CAUGHT_UP) {
        // Its first batch caught it up: it had next to nothing to load. That batch may come long
        // after the copy's start (a changelog with no new records sends none), which is no time
        // spent restoring.
        return;
      }
      if (startedAt.isEmpty()) {
        newRound(started);
      } else {
        roundStart = Math.min(roundStart, started); // it started before the round's first restoration
      }
      startedAt.put(key, started);
      standbyLoaded.put(key, 0L);
    }
    // A copy caught up earlier follows its changelog now, and is no longer counted.
    Long loaded = standbyLoaded.computeIfPresent(key, (copy, before) -> before + batchSize);
    if (loaded != null && currentEndOffset - batchEndOffset <= CAUGHT_UP) {
      standbyLoaded.remove(key);
      ended(partition, storeName, loaded, " (a standby copy)");
    }
  }

  @Override
  public synchronized void onUpdateSuspended(TopicPartition partition, String storeName, long storeOffset,
      long currentEndOffset, SuspendReason reason) {
    String key = key(partition, storeName);
    standbyStartedAt.remove(key);
    Long loaded = standbyLoaded.remove(key);
    if (loaded != null) {
      ended(partition, storeName, loaded, " (a standby copy, " + reason.name().toLowerCase(Locale.ROOT)
          + " before it caught up)");
    }
  }

  @Override
  public void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset, long numRestored) {
    // Counted at the end: a batch is too small a step to log.
  }

  @Override
  public synchronized void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
    ended(partition, storeName, totalRestored, "");
  }

  @Override
  public synchronized void onRestoreSuspended(TopicPartition partition, String storeName, long totalRestored) {
    ended(partition, storeName, totalRestored, " (its task moved away before the end)");
  }

  private void newRound(long start) {
    roundStart = start;
    partitions = 0;
    records = 0;
    slowest = null;
    slowestNanos = -1;
  }

  private void ended(TopicPartition partition, String storeName, long restored, String how) {
    Long started = startedAt.remove(key(partition, storeName));
    if (started == null) {
      return;
    }
    long now = nanos.getAsLong();
    partitions++;
    records += restored;
    if (now - started > slowestNanos) {
      slowestNanos = now - started;
      slowest = String.format(Locale.ROOT, "%s-%d, %,d records in %.1f s%s", partition.topic(), partition.partition(),
          restored, slowestNanos / 1e9, how);
    }
    if (startedAt.isEmpty() && (records >= WORTH_A_LINE_RECORDS || now - roundStart >= WORTH_A_LINE.toNanos())) {
      log.accept(String.format(Locale.ROOT, "Restored state from %d changelog partition(s): %,d records in %.1f s"
          + " (slowest: %s)", partitions, records, (now - roundStart) / 1e9, slowest));
    }
  }

  /**
   * How many changelog partitions this instance restores now, or follows with a standby copy that
   * has not caught up yet. Zero once every local copy is caught up: from then on a sibling's death
   * moves its tasks to copies that need no restoring (a standby copy that has not loaded its first
   * batch yet is not counted).
   */
  synchronized int restoring() {
    return startedAt.size();
  }

  private static String key(TopicPartition partition, String storeName) {
    return storeName + "@" + partition;
  }
}
