package io.klaxon.notifier.delivery;

import java.util.Objects;

/**
 * Settings of the {@link DeliveryEngine}.
 *
 * @param retry backoff and retry budget of deliveries
 * @param slackPerSecond messages per second per Slack channel (Slack allows about 1)
 * @param slackBurst how many messages a quiet Slack channel may take at once
 * @param perTargetConcurrency attempts in flight at once per tenant target
 * @param outcomeWrites how receipts and dead letters that failed to write are written again
 */
public record DeliverySettings(RetryPolicy retry, double slackPerSecond, int slackBurst, int perTargetConcurrency,
    OutcomeWriteBackoff outcomeWrites) {
  public DeliverySettings {
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(outcomeWrites, "outcomeWrites");
    if (slackPerSecond <= 0 || slackBurst < 1 || perTargetConcurrency < 1) {
      throw new IllegalArgumentException("pacing rate, burst and concurrency must be positive");
    }
  }

  /** Settings with the default {@link OutcomeWriteBackoff}. */
  public DeliverySettings(RetryPolicy retry, double slackPerSecond, int slackBurst, int perTargetConcurrency) {
    this(retry, slackPerSecond, slackBurst, perTargetConcurrency, OutcomeWriteBackoff.defaults());
  }

  /** Default retry policy, 1 message/s per Slack channel with bursts of 3, 4 attempts in flight per target. */
  public static DeliverySettings defaults() {
    return new DeliverySettings(RetryPolicy.defaults(), 1.0, 3, 4);
  }
}
