package io.klaxon.streams.ratelimit;

import io.klaxon.events.Severity;

/**
 * The token-bucket arithmetic, by record time so that a replay takes the same decisions. Pure
 * functions.
 */
public final class TokenBuckets {
  private TokenBuckets() {}

  /**
   * A decision and the state after it.
   *
   * @param allowed whether the event may pass
   * @param state the new state
   */
  public record Decision(boolean allowed, BucketState state) {}

  /**
   * Refills both buckets for the time since the last refill (never backwards: an out-of-order
   * record refills nothing), then takes a token from the main bucket, or, for CRITICAL only, from the
   * reserve. A refused event is counted in the window's suppressed counts.
   */
  public static Decision take(BucketState state, Limits limits, Severity severity, long now) {
    long elapsed = Math.max(0, now - state.lastRefill());
    double tokens = Math.min(limits.burst(), state.tokens() + elapsed * limits.perMinute() / 60_000.0);
    double critical = Math.min(limits.criticalBurst(), state.criticalTokens() + elapsed * limits.criticalPerMinute() / 60_000.0);
    long refilledAt = Math.max(state.lastRefill(), now);
    long[] suppressed = state.suppressed();
    if (tokens >= 1) {
      return new Decision(true, new BucketState(tokens - 1, critical, refilledAt, state.windowStart(), suppressed));
    }
    if (severity == Severity.CRITICAL && critical >= 1) {
      return new Decision(true, new BucketState(tokens, critical - 1, refilledAt, state.windowStart(), suppressed));
    }
    long[] counted = suppressed.clone();
    counted[severity.ordinal()]++;
    return new Decision(false, new BucketState(tokens, critical, refilledAt, state.windowStart(), counted));
  }
}
