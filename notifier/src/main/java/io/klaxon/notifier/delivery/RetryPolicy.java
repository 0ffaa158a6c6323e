package io.klaxon.notifier.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter and a retry budget. The delay before retry {@code n}
 * (after attempt {@code n}) is uniform in {@code [0, min(max, base × multiplier^(n-1))]}, and
 * never less than the channel's Retry-After, which counts for at most {@code retryAfterMax} (a
 * destination cannot make the notifier wait a day, nor past the end of time). The budget is spent
 * when {@code maxAttempts} attempts were made or the next attempt would start later than {@code
 * maxElapsed} after the first.
 */
public record RetryPolicy(Duration base, Duration max, double multiplier, int maxAttempts, Duration maxElapsed,
    Duration retryAfterMax) {
  /** The longest Retry-After honoured unless configured otherwise. */
  public static final Duration DEFAULT_RETRY_AFTER_MAX = Duration.ofMinutes(10);

  public RetryPolicy {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(max, "max");
    Objects.requireNonNull(maxElapsed, "maxElapsed");
    Objects.requireNonNull(retryAfterMax, "retryAfterMax");
    if (base.isNegative() || max.compareTo(base) < 0 || multiplier < 1.0 || maxAttempts < 1 || retryAfterMax.isNegative()) {
      throw new IllegalArgumentException(
          "invalid retry policy: need 0 <= base <= max, multiplier >= 1, maxAttempts >= 1, retryAfterMax >= 0");
    }
  }

  /** A policy that honours Retry-After up to {@link #DEFAULT_RETRY_AFTER_MAX}. */
  public RetryPolicy(Duration base, Duration max, double multiplier, int maxAttempts, Duration maxElapsed) {
    this(base, max, multiplier, maxAttempts, maxElapsed, DEFAULT_RETRY_AFTER_MAX);
  }

  /** 1 s doubling up to 5 min, at most 8 attempts within 15 min, Retry-After up to 10 min. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5), 2.0, 8, Duration.ofMinutes(15));
  }

  /** The upper bound of the jittered delay after attempt {@code attempt} (1-based). */
  public Duration ceiling(int attempt) {
    double millis = base.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
    return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
  }

  /** The part of a channel's Retry-After that is honoured: at most the policy's longest wait. */
  public Duration honoured(Duration retryAfter) {
    return retryAfter.compareTo(retryAfterMax) > 0 ? retryAfterMax : retryAfter;
  }

  /**
   * The delay after attempt {@code attempt}: full jitter under the ceiling, at least the honoured
   * part of {@code retryAfter}.
   *
   * @param random values in [0, 1)
   */
  public Duration delay(int attempt, Duration retryAfter, DoubleSupplier random) {
    Duration jittered = Duration.ofMillis((long) (ceiling(attempt).toMillis() * random.getAsDouble()));
    Duration honoured = honoured(retryAfter);
    return jittered.compareTo(honoured) < 0 ? honoured : jittered;
  }

  /** Whether another attempt may be made after {@code attempts} attempts, starting {@code sinceFirst} after the first. */
  public boolean allowsAnother(int attempts, Duration sinceFirst) {
    return attempts < maxAttempts && sinceFirst.compareTo(maxElapsed) <= 0;
  }
}
