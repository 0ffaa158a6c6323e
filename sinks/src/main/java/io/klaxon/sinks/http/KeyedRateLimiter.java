package io.klaxon.sinks.http;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A token bucket per key, refilled at {@code perSecond} and holding at most {@code burst}: the
 * limits the HTTP stand-ins answer 429 over (the Slack stand-in per channel or incoming-webhook
 * path, the PagerDuty stand-in per routing key). Idle keys are forgotten once they have refilled,
 * so the keys kept stay bounded. Thread-safe.
 */
public final class KeyedRateLimiter {
  /** Keys tracked before idle buckets are forgotten. */
  static final int MAX_KEYS = 10_000;

  private final double perSecond;
  private final int burst;
  private final InstantSource clock;
  private final Map<String, Bucket> buckets = new HashMap<>();

  /**
   * @param perSecond sustained requests per second per key, positive
   * @param burst requests allowed at once, at least 1
   */
  public KeyedRateLimiter(double perSecond, int burst, InstantSource clock) {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("perSecond must be positive: " + perSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1: " + burst);
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Takes a token for {@code key}. Returns {@link Duration#ZERO} when the request may go now, else
   * how long until a token is available (nothing is taken then).
   */
  public synchronized Duration acquire(String key) {
    Instant now = clock.instant();
    if (buckets.size() >= MAX_KEYS && !buckets.containsKey(key)) {
      forgetFullBuckets(now);
    }
    Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
    double elapsed = Math.max(0, Duration.between(bucket.updated, now).toNanos() / 1e9);
    bucket.tokens = Math.min(burst, bucket.tokens + elapsed * perSecond);
    bucket.updated = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return Duration.ZERO;
    }
    double waitSeconds = (1 - bucket.tokens) / perSecond;
    return Duration.ofNanos((long) Math.ceil(waitSeconds * 1e9));
  }

  /** A bucket that has refilled to its burst is the same as a new one: forget those. */
  private void forgetFullBuckets(Instant now) {
    double refillSeconds = burst / perSecond;
    buckets.values().removeIf(b -> Duration.between(b.updated, now).toNanos() / 1e9 >= refillSeconds);
  }

  /** Whole seconds for a {@code Retry-After} header: the wait rounded up, at least 1. */
  public static long retryAfterSeconds(Duration wait) {
    long seconds = wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0);
    return Math.max(1, seconds);
  }

  private static final class Bucket {
    double tokens;
    Instant updated;

    Bucket(double tokens, Instant updated) {
      this.tokens = tokens;
      this.updated = updated;
    }
  }
}
