package io.klaxon.topics;

import java.util.List;
import java.util.Objects;

/**
 * The names of Klaxon's topics: the one place that states their defaults. Every service, the
 * CLI, the launcher and the benchmarks take the names from here (or from an instance read from the
 * environment by {@code io.klaxon.ops.ClusterSettings}). Immutable.
 *
 * @param alerts input events ({@code AlertEvent}, keyed by tenant id)
 * @param tenants tenant configurations ({@code TenantConfig}, compacted; a tombstone deletes)
 * @param alertsDlq rejected inputs ({@code DeadLetter})
 * @param notifications routed notifications ({@code NotificationRequest})
 * @param deliveries one receipt per delivery attempt ({@code DeliveryReceipt})
 * @param notificationsDlq notifications undeliverable after the retry budget ({@code FailedNotification})
 * @param silences silences (compacted; the latest state of each silence)
 * @param acks acknowledgements of alerts (compacted; the latest state of each acknowledged alert)
 * @param slackMessages where each alert's first Slack message went (compacted; the thread of its updates)
 * @param outcomes one outcome per input record (the audit of every validation and routing decision)
 * @param tenantChanges who changed which tenant, when, and what changed
 * @param alertStates the latest state of each active alert ({@code AlertState}, compacted, keyed tenantId/fingerprint)
 */
public record TopicNames(
    String alerts,
    String tenants,
    String alertsDlq,
    String notifications,
    String deliveries,
    String notificationsDlq,
    String silences,
    String acks,
    String slackMessages,
    String outcomes,
    String tenantChanges,
    String alertStates) {

  // The default names as compile-time constants, so that annotations (command-line help) can name
  // them; everything else uses DEFAULTS.
  public static final String DEFAULT_ALERTS = "klaxon.alerts.v1";
  public static final String DEFAULT_TENANTS = "klaxon.tenants.v1";
  public static final String DEFAULT_ALERTS_DLQ = "klaxon.alerts.dlq.v1";
  public static final String DEFAULT_NOTIFICATIONS = "klaxon.notifications.v1";
  public static final String DEFAULT_DELIVERIES = "klaxon.deliveries.v1";
  public static final String DEFAULT_NOTIFICATIONS_DLQ = "klaxon.notifications.dlq.v1";
  public static final String DEFAULT_SILENCES = "klaxon.silences.v1";
  public static final String DEFAULT_ACKS = "klaxon.acks.v1";
  public static final String DEFAULT_SLACK_MESSAGES = "klaxon.slack.messages.v1";
  public static final String DEFAULT_OUTCOMES = "klaxon.outcomes.v1";
  public static final String DEFAULT_TENANT_CHANGES = "klaxon.tenants.changes.v1";
  public static final String DEFAULT_ALERT_STATES = "klaxon.alerts.state.v1";

  /** The names SPEC.md gives. */
  public static final TopicNames DEFAULTS = new TopicNames(DEFAULT_ALERTS, DEFAULT_TENANTS, DEFAULT_ALERTS_DLQ,
      DEFAULT_NOTIFICATIONS, DEFAULT_DELIVERIES, DEFAULT_NOTIFICATIONS_DLQ, DEFAULT_SILENCES, DEFAULT_ACKS,
      DEFAULT_SLACK_MESSAGES, DEFAULT_OUTCOMES, DEFAULT_TENANT_CHANGES, DEFAULT_ALERT_STATES);

  public TopicNames {
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(tenants, "tenants");
    Objects.requireNonNull(alertsDlq, "alertsDlq");
    Objects.requireNonNull(notifications, "notifications");
    Objects.requireNonNull(deliveries, "deliveries");
    Objects.requireNonNull(notificationsDlq, "notificationsDlq");
    Objects.requireNonNull(silences, "silences");
    Objects.requireNonNull(acks, "acks");
    Objects.requireNonNull(slackMessages, "slackMessages");
    Objects.requireNonNull(outcomes, "outcomes");
    Objects.requireNonNull(tenantChanges, "tenantChanges");
    Objects.requireNonNull(alertStates, "alertStates");
  }

  /** Every topic, in pipeline order. */
  public List<String> all() {
    return List.of(alerts, tenants, alertsDlq, notifications, deliveries, notificationsDlq, silences, acks,
        slackMessages, outcomes, tenantChanges, alertStates);
  }

  /** The default names, each with {@code suffix} appended: a fresh set of topics on a shared cluster. */
  public static TopicNames suffixed(String suffix) {
    TopicNames d = DEFAULTS;
    return new TopicNames(d.alerts + suffix, d.tenants + suffix, d.alertsDlq + suffix, d.notifications + suffix,
        d.deliveries + suffix, d.notificationsDlq + suffix, d.silences + suffix, d.acks + suffix,
        d.slackMessages + suffix, d.outcomes + suffix, d.tenantChanges + suffix, d.alertStates + suffix);
  }

  /** Whether the topic is compacted (tenants, silences, acks, Slack messages and alert states are; the others keep by time). */
  public boolean compacted(String topic) {
    return List.of(tenants, silences, acks, slackMessages, alertStates).contains(topic);
  }
}
