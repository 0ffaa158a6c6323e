package io.klaxon.streams;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything the topology's behaviour depends on, apart from serdes. Immutable.
 *
 * @param alertsTopic input events ({@code AlertEvent}, keyed by tenant id)
 * @param tenantsTopic tenant configurations (compacted)
 * @param deadLetterTopic rejected inputs ({@code DeadLetter})
 * @param notificationsTopic routed notifications ({@code NotificationRequest})
 * @param maxFutureSkew how far after its record timestamp an event's occurredAt may lie
 * @param maxEventBytes the largest serialized event accepted
 * @param defaultDedupWindow dedup window for tenants that set none
 * @param defaultRepeatInterval repeat interval for tenants that set none
 * @param summaryInterval how often (stream time) rate-limit summaries are emitted
 * @param expiryInterval how often (stream time) expired dedup state is removed
 */
public record TopologyConfig(
    String alertsTopic,
    String tenantsTopic,
    String deadLetterTopic,
    String notificationsTopic,
    Duration maxFutureSkew,
    int maxEventBytes,
    Duration defaultDedupWindow,
    Duration defaultRepeatInterval,
    Duration summaryInterval,
    Duration expiryInterval) {

  public TopologyConfig {
    Objects.requireNonNull(alertsTopic, "alertsTopic");
    Objects.requireNonNull(tenantsTopic, "tenantsTopic");
    Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
    Objects.requireNonNull(notificationsTopic, "notificationsTopic");
  }

  /** The defaults of SPEC.md: the standard topic names, 5 min skew, 64 KiB, 5 min window, 4 h repeat. */
  public static TopologyConfig defaults() {
    return new TopologyConfig("klaxon.alerts.v1", "klaxon.tenants.v1", "klaxon.alerts.dlq.v1",
        "klaxon.notifications.v1", Duration.ofMinutes(5), 64 * 1024, Duration.ofMinutes(5), Duration.ofHours(4),
        Duration.ofMinutes(1), Duration.ofMinutes(1));
  }

  public TopologyConfig withTopics(String alerts, String tenants, String deadLetters, String notifications) {
    return new TopologyConfig(alerts, tenants, deadLetters, notifications, maxFutureSkew, maxEventBytes,
        defaultDedupWindow, defaultRepeatInterval, summaryInterval, expiryInterval);
  }
}
