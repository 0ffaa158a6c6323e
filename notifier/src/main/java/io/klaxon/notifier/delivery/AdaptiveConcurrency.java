package io.klaxon.notifier.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How many attempts one destination gets at once, adapted to how it answers: additive increase,
 * multiplicative decrease, with a slow start.
 *
 * <ul>
 *   <li>While the destination answers and its latency holds (the recent latency stays within
 *       {@value #LATENCY_TOLERANCE} times its usual latency, plus {@link #LATENCY_SLACK}), the limit
 *       grows: by one per answer at first (it doubles every round trip), by one per round trip of
 *       the whole limit after the first setback. It grows only while it is used (at least half of
 *       it in flight), so an idle destination keeps its limit.
 *   <li>An attempt that failed in a way that may be the destination's load (a 429, a 5xx, a
 *       timeout, a refused or broken connection: every {@link SendResult.Retryable}) halves the
 *       limit. Attempts that were already in flight when it was halved do not halve it again, so
 *       one burst of failures counts once.
 *   <li>The limit stays within {@link Limits#min()} and {@link Limits#max()}; with both equal it is
 *       a fixed limit.
 * </ul>
 *
 * A {@code Retry-After} is not this class's business: the engine pauses the destination for it
 * before an attempt asks for a permit. Time comes in as the measured latency of each attempt, so
 * the controller has no clock of its own. Thread-safe.
 */
public final class AdaptiveConcurrency {
  /** How far the recent latency may rise over the destination's usual latency while the limit grows. */
  static final double LATENCY_TOLERANCE = 2.0;
  /** Added to the tolerated latency, so that the jitter of very fast destinations does not stop growth. */
  static final Duration LATENCY_SLACK = Duration.ofMillis(5);
  /** Answers per window of the usual-latency estimate (the least latency seen in a window). */
  static final int BASELINE_WINDOW = 500;
  /** How far the usual latency may rise per window, when a destination really became slower. */
  static final double BASELINE_DRIFT = 1.05;
  /** Weight of each new answer in the recent latency (an exponential moving average). */
  static final double RECENT_WEIGHT = 0.2;

  /**
   * The bounds of the limit.
   *
   * @param min the least the limit falls to, at least 1
   * @param initial the limit a destination starts with
   * @param max the most the limit grows to
   */
  public record Limits(int min, int initial, int max) {
    public Limits {
      if (min < 1 || initial < min || max < initial) {
        throw new IllegalArgumentException("concurrency limits must satisfy 1 <= min <= initial <= max, got min " + min
            + ", initial " + initial + ", max " + max);
      }
    }

    /** A limit that never changes. */
    public static Limits fixed(int limit) {
      return new Limits(limit, limit, limit);
    }
  }

  private final Limits limits;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition freed = lock.newCondition();
  private double limit;
  private int inFlight;
  /** Whether at least half the limit has been in flight since the destination was last without attempts. */
  private boolean busy;
  private boolean slowStart = true;
  /** Counts the decreases; a failure of an attempt that started before the last one is not counted again. */
  private long epoch;
  private long baselineNanos = Long.MAX_VALUE;
  private long windowMinNanos = Long.MAX_VALUE;
  private int windowAnswers;
  private double recentNanos = -1;

  public AdaptiveConcurrency(Limits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.limit = limits.initial();
  }

  /** A permit if one is free now, else null. */
  public Permit tryAcquire() {
    lock.lock();
    try {
      return inFlight < currentLimit() ? take() : null;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Blocks until a permit is free.
   *
   * @throws InterruptedException when interrupted while waiting
   */
  public Permit acquire() throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (inFlight >= currentLimit()) {
        freed.await();
      }
      return take();
    } finally {
      lock.unlock();
    }
  }

  /** The limit now. */
  public int limit() {
    lock.lock();
    try {
      return currentLimit();
    } finally {
      lock.unlock();
    }
  }

  /** Attempts holding a permit now. */
  public int inFlight() {
    lock.lock();
    try {
      return inFlight;
    } finally {
      lock.unlock();
    }
  }

  private int currentLimit() {
    return (int) limit;
  }

  private Permit take() {
    inFlight++;
    if (inFlight * 2 >= currentLimit()) {
      busy = true;
    }
    return new Permit(epoch);
  }

  private void completed(Permit permit, SendResult result, Duration latency) {
    lock.lock();
    try {
      inFlight--;
      switch (result) {
        case SendResult.Delivered ignored -> answered(latency);
        case SendResult.Retryable ignored -> overloaded(permit);
        case null, default -> {
          // A refusal for good or no result at all says nothing about the destination's load.
        }
      }
      if (inFlight == 0) {
        busy = false;
      }
      if (inFlight < currentLimit()) {
        freed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  private void answered(Duration latency) {
    long nanos = Math.max(0, latency.toNanos());
    windowMinNanos = Math.min(windowMinNanos, nanos);
    if (++windowAnswers >= BASELINE_WINDOW) {
      long drifted = baselineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : (long) (baselineNanos * BASELINE_DRIFT);
      baselineNanos = Math.min(windowMinNanos, drifted);
      windowMinNanos = Long.MAX_VALUE;
      windowAnswers = 0;
    } else {
      baselineNanos = Math.min(baselineNanos, nanos);
    }
    recentNanos = recentNanos < 0 ? nanos : recentNanos + RECENT_WEIGHT * (nanos - recentNanos);
    if (!busy || limit >= limits.max()) {
      return;
    }
    if (recentNanos > baselineNanos * LATENCY_TOLERANCE + LATENCY_SLACK.toNanos()) {
      // The destination is slowing down: hold the limit where it is.
      slowStart = false;
      return;
    }
    limit = Math.min(limits.max(), limit + (slowStart ? 1.0 : 1.0 / limit));
  }

  private void overloaded(Permit permit) {
    if (permit.epoch != epoch) {
      return;
    }
    epoch++;
    slowStart = false;
    limit = Math.max(limits.min(), Math.floor(limit / 2));
  }

  /** One attempt's hold on the destination; {@link #complete} it once, with what the attempt gave. */
  public final class Permit {
    private final long epoch;
    private boolean done;

    private Permit(long epoch) {
      this.epoch = epoch;
    }

    /**
     * Gives the permit back and lets the attempt's result adapt the limit.
     *
     * @param result what the attempt gave; null when it ended without a result (nothing is learnt)
     * @param latency how long the attempt took
     */
    public void complete(SendResult result, Duration latency) {
      if (done) {
        return;
      }
      done = true;
      completed(this, result, latency);
    }
  }
}
