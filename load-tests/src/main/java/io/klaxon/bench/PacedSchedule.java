package io.klaxon.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * When each of {@code count} alerts is due when they are sent at a fixed rate from a start time:
 * alert {@code i} at {@code start + i / rate}. A paced run measures each alert's latency from the
 * moment it was due, not from the moment a client got round to sending it, so a sender that falls
 * behind (a full connection, a busy receiver) counts against the system it waits for.
 */
public final class PacedSchedule {
  private final long startNanos;
  private final double ratePerSecond;
  private final int count;

  /**
   * @param startNanos System.nanoTime at which the first alert is due
   * @param ratePerSecond alerts due per second, positive
   * @param count alerts in the schedule
   */
  public PacedSchedule(long startNanos, double ratePerSecond, int count) {
    if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("rate must be a positive number of alerts per second, not " + ratePerSecond);
    }
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative, not " + count);
    }
    this.startNanos = startNanos;
    this.ratePerSecond = ratePerSecond;
    this.count = count;
  }

  public int count() {
    return count;
  }

  public double ratePerSecond() {
    return ratePerSecond;
  }

  /** System.nanoTime at which alert {@code index} is due. */
  public long dueNanos(int index) {
    return startNanos + (long) (index * 1e9 / ratePerSecond);
  }

  /** How many alerts are due at {@code nanos} (System.nanoTime): the first this many, at most {@link #count()}. */
  public int dueBy(long nanos) {
    if (nanos - startNanos < 0) {
      return 0;
    }
    long due = Math.min(count, (long) Math.floor((nanos - startNanos) * ratePerSecond / 1e9) + 1);
    // Rounding can put the estimate one step either side; dueNanos is the definition.
    while (due > 0 && dueNanos((int) due - 1) - nanos > 0) {
      due--;
    }
    while (due < count && dueNanos((int) due) - nanos <= 0) {
      due++;
    }
    return (int) due;
  }

  /** Parks the calling thread until {@code nanos} (System.nanoTime); returns at once if that has passed. */
  public static void parkUntil(long nanos) {
    for (long wait = nanos - System.nanoTime(); wait > 0; wait = nanos - System.nanoTime()) {
      LockSupport.parkNanos(wait);
    }
  }
}
