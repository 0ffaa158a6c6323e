package io.klaxon.notifier.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A token bucket that hands out reservations: {@link #reserve} always takes a token and returns
 * how long the caller must wait before using it, so concurrent callers queue up fairly and the
 * rate is never exceeded. A {@link #pauseUntil pause} (a channel's Retry-After) holds every
 * reservation until it ends. Thread-safe; time comes from the caller.
 */
public final class TokenBucket {
  private final double perSecond;
  private final double capacity;
  private double tokens;
  private Instant updated;
  private Instant pausedUntil = Instant.MIN;

  /**
   * @param perSecond refill rate; 0 or less disables the rate (only pauses apply)
   * @param burst capacity (at least 1)
   */
  public TokenBucket(double perSecond, int burst, Instant now) {
    this.perSecond = perSecond;
    this.capacity = Math.max(1, burst);
    this.tokens = capacity;
    this.updated = now;
  }

  /** Takes a token; returns how long to wait before sending (zero when one is free now). */
  public synchronized Duration reserve(Instant now) {
    Duration pause = pausedUntil.isAfter(now) ? Duration.between(now, pausedUntil) : Duration.ZERO;
    if (perSecond <= 0) {
      return pause;
    }
    Instant from = now.isAfter(pausedUntil) ? now : pausedUntil;
    refill(from);
    // Tokens are valued at 'updated', which a pause may have moved past 'now'.
    Instant reference = updated.isAfter(from) ? updated : from;
    tokens -= 1;
    Duration wait = tokens >= 0 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil(-tokens / perSecond * 1e9));
    return Duration.between(now, reference).plus(wait);
  }

  /**
   * Takes a token when it can be used by {@code latest}; returns how long to wait before sending,
   * or empty (taking nothing) when the send would have to wait past {@code latest}.
   */
  public synchronized Optional<Duration> reserve(Instant now, Instant latest) {
    double tokensBefore = tokens;
    Instant updatedBefore = updated;
    Duration wait = reserve(now);
    if (wait.compareTo(Duration.between(now, latest)) > 0) {
      tokens = tokensBefore;
      updated = updatedBefore;
      return Optional.empty();
    }
    return Optional.of(wait);
  }

  /** Whether a pause holds reservations at {@code now}. */
  public synchronized boolean pausedAt(Instant now) {
    return pausedUntil.isAfter(now);
  }

  /** Holds every reservation until {@code until} (extends, never shortens, a running pause). */
  public synchronized void pauseUntil(Instant until) {
    if (until.isAfter(pausedUntil)) {
      pausedUntil = until;
    }
  }

  private void refill(Instant now) {
    if (now.isAfter(updated)) {
      double seconds = Duration.between(updated, now).toNanos() / 1e9;
      tokens = Math.min(capacity, tokens + seconds * perSecond);
      updated = now;
    }
  }
}
