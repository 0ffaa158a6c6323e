package io.klaxon.notifier.delivery;

import java.util.Objects;

/**
 * Settings of the {@link DeliveryEngine}.
 *
 * @param retry backoff and retry budget of deliveries
 * @param slackPerSecond messages per second per Slack channel (Slack allows about 1)
 * @param slackBurst how many messages a quiet Slack channel may take at once
 * @param targetConcurrency the bounds of each tenant target's adaptive limit of attempts in flight
 * @param outcomeWrites how receipts and dead letters that failed to write are written again
 */
public record DeliverySettings(RetryPolicy retry, double slackPerSecond, int slackBurst,
    AdaptiveConcurrency.Limits targetConcurrency, OutcomeWriteBackoff outcomeWrites) {
  /** The default bounds of a target's concurrency: from 1 to 256 attempts, starting at 8. */
  public static final AdaptiveConcurrency.Limits DEFAULT_TARGET_CONCURRENCY = new AdaptiveConcurrency.Limits(1, 8, 256);

  public DeliverySettings {
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(targetConcurrency, "targetConcurrency");
    Objects.requireNonNull(outcomeWrites, "outcomeWrites");
    if (slackPerSecond <= 0 || slackBurst < 1) {
      throw new IllegalArgumentException("pacing rate and burst must be positive");
    }
  }

  /** Settings with a fixed number of attempts in flight per target. */
  public DeliverySettings(RetryPolicy retry, double slackPerSecond, int slackBurst, int perTargetConcurrency,
      OutcomeWriteBackoff outcomeWrites) {
    this(retry, slackPerSecond, slackBurst, AdaptiveConcurrency.Limits.fixed(perTargetConcurrency), outcomeWrites);
  }

  /** Settings with a fixed number of attempts in flight per target and the default {@link OutcomeWriteBackoff}. */
  public DeliverySettings(RetryPolicy retry, double slackPerSecond, int slackBurst, int perTargetConcurrency) {
    this(retry, slackPerSecond, slackBurst, perTargetConcurrency, OutcomeWriteBackoff.defaults());
  }

  /**
   * Default retry policy, 1 message/s per Slack channel with bursts of 3, {@link
   * #DEFAULT_TARGET_CONCURRENCY} per target.
   */
  public static DeliverySettings defaults() {
    return new DeliverySettings(RetryPolicy.defaults(), 1.0, 3, DEFAULT_TARGET_CONCURRENCY,
        OutcomeWriteBackoff.defaults());
  }
}
