package io.klaxon.topics;

import java.util.List;
import java.util.Objects;

/**
 * The names of Klaxon's six topics: the one place that states their defaults. Every service, the
 * CLI, the launcher and the benchmarks take the names from here (or from an instance read from the
 * environment by {@code io.klaxon.ops.ClusterSettings}). Immutable.
 *
 * @param alerts input events ({@code AlertEvent}, keyed by tenant id)
 * @param tenants tenant configurations ({@code TenantConfig}, compacted; a tombstone deletes)
 * @param alertsDlq rejected inputs ({@code DeadLetter})
 * @param notifications routed notifications ({@code NotificationRequest})
 * @param deliveries one receipt per delivery attempt ({@code DeliveryReceipt})
 * @param notificationsDlq notifications undeliverable after the retry budget ({@code FailedNotification})
 */
public record TopicNames(
    String alerts,
    String tenants,
    String alertsDlq,
    String notifications,
    String deliveries,
    String notificationsDlq) {

  // The default names as compile-time constants, so that annotations (command-line help) can name
  // them; everything else uses DEFAULTS.
  public static final String DEFAULT_ALERTS = "klaxon.alerts.v1";
  public static final String DEFAULT_TENANTS = "klaxon.tenants.v1";
  public static final String DEFAULT_ALERTS_DLQ = "klaxon.alerts.dlq.v1";
  public static final String DEFAULT_NOTIFICATIONS = "klaxon.notifications.v1";
  public static final String DEFAULT_DELIVERIES = "klaxon.deliveries.v1";
  public static final String DEFAULT_NOTIFICATIONS_DLQ = "klaxon.notifications.dlq.v1";

  /** The names SPEC.md gives. */
  public static final TopicNames DEFAULTS = new TopicNames(DEFAULT_ALERTS, DEFAULT_TENANTS, DEFAULT_ALERTS_DLQ,
      DEFAULT_NOTIFICATIONS, DEFAULT_DELIVERIES, DEFAULT_NOTIFICATIONS_DLQ);

  public TopicNames {
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(tenants, "tenants");
    Objects.requireNonNull(alertsDlq, "alertsDlq");
    Objects.requireNonNull(notifications, "notifications");
    Objects.requireNonNull(deliveries, "deliveries");
    Objects.requireNonNull(notificationsDlq, "notificationsDlq");
  }

  /** Every topic, in pipeline order. */
  public List<String> all() {
    return List.of(alerts, tenants, alertsDlq, notifications, deliveries, notificationsDlq);
  }

  /** Whether the topic is compacted (the tenants topic is; the others keep by time). */
  public boolean compacted(String topic) {
    return tenants.equals(topic);
  }
}
