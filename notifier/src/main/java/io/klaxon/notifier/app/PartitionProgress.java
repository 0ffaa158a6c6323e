package io.klaxon.notifier.app;

import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The records of one partition that were handed to delivery, and which of them reached their
 * outcome. Deliveries finish out of order; the offset that may be committed is the lowest one
 * still unfinished (or one past the last record when all are finished), so a commit never skips
 * a record whose outcome is not yet durable. When every record read is finished, the commit may
 * go on to the consumer's read position: what lies between the last record and that position is
 * transaction markers of an exactly-once producer, never records, and committing past them lets the
 * group's lag reach zero.
 *
 * <p>It also knows since when the records from the committable offset on were read: when the
 * record there was handed to delivery, or, when every record read is finished, the moment of the
 * commit. No record at or past that offset was read, let alone delivered, before then
 * ({@link RereadGuard}). Not thread-safe: owned by the consumer loop.
 */
final class PartitionProgress {
  /** Marks a finished record in {@link #pending}, whose other values are when each record started. */
  private static final long FINISHED = Long.MIN_VALUE;

  /**
   * The offset to commit and the time (epoch millis) since which the records at and past it were read.
   *
   * @param offset the offset to commit
   * @param readSince when the record at {@code offset} was handed to delivery, or the time of the
   *     commit when no record there has been read yet
   */
  record Committable(long offset, long readSince) {}

  private final TreeMap<Long, Long> pending = new TreeMap<>();
  private long next = -1;
  private long committed = -1;

  /** A record was handed to delivery at {@code startedAt} (epoch millis). */
  void started(long offset, long startedAt) {
    pending.put(offset, startedAt);
    if (committed < 0) {
      committed = offset;
    }
    next = Math.max(next, offset + 1);
  }

  /** A record reached its outcome (or was skipped). */
  void finished(long offset) {
    pending.computeIfPresent(offset, (o, startedAt) -> FINISHED);
  }

  /**
   * What to commit now. Calling it marks the offset as committed.
   *
   * @param readPosition the consumer's position in the partition (the offset of the next record it
   *     will return), or -1 when unknown; used only when every record read is finished
   * @param now the time now (epoch millis), read only when every record read is finished
   * @return what to commit, or null when it would not move the committed position forward
   */
  Committable takeCommittable(long readPosition, LongSupplier now) {
    prune();
    Committable committable = pending.isEmpty()
        ? new Committable(Math.max(next, readPosition), now.getAsLong())
        : new Committable(pending.firstKey(), pending.firstEntry().getValue());
    if (committable.offset() > committed) {
      committed = committable.offset();
      return committable;
    }
    return null;
  }

  private void prune() {
    while (!pending.isEmpty() && pending.firstEntry().getValue() == FINISHED) {
      pending.pollFirstEntry();
    }
  }
}
