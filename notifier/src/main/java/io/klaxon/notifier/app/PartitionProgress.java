package io.klaxon.notifier.app;

import java.util.TreeMap;

/**
 * The records of one partition that were handed to delivery, and which of them reached their
 * outcome. Deliveries finish out of order; the offset that may be committed is the lowest one
 * still unfinished (or one past the last record when all are finished), so a commit never skips
 * a record whose outcome is not yet durable. When every record read is finished, the commit may
 * go on to the consumer's read position: what lies between the last record and that position is
 * transaction markers of an exactly-once producer, never records, and committing past them lets the
 * group's lag reach zero. Not thread-safe: owned by the consumer loop.
 */
final class PartitionProgress {
  private final TreeMap<Long, Boolean> pending = new TreeMap<>();
  private long next = -1;
  private long committed = -1;

  /** A record was handed to delivery. */
  void started(long offset) {
    pending.put(offset, false);
    if (committed < 0) {
      committed = offset;
    }
    next = Math.max(next, offset + 1);
  }

  /** A record reached its outcome (or was skipped). */
  void finished(long offset) {
    pending.computeIfPresent(offset, (o, done) -> true);
  }

  /**
   * The offset to commit now, or -1 when it would not move the committed position forward.
   * Calling it marks the offset as committed.
   *
   * @param readPosition the consumer's position in the partition (the offset of the next record it
   *     will return), or -1 when unknown; used only when every record read is finished
   */
  long takeCommittable(long readPosition) {
    prune();
    long committable = pending.isEmpty() ? Math.max(next, readPosition) : pending.firstKey();
    if (committable > committed) {
      committed = committable;
      return committable;
    }
    return -1;
  }

  private void prune() {
    while (!pending.isEmpty() && pending.firstEntry().getValue()) {
      pending.pollFirstEntry();
    }
  }
}
