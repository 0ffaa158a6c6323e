package io.klaxon.cli.history;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertKind;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.Channel;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.DeliveryOutcome;
import io.klaxon.events.DeliveryReceipt;
import io.klaxon.events.FailedNotification;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.NotificationType;
import io.klaxon.events.Outcome;
import io.klaxon.events.OutcomeType;
import io.klaxon.events.Severity;
import io.klaxon.events.Tier;
import io.klaxon.events.WebhookTarget;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Outcomes, notification requests, receipts and notifier dead letters of one tenant, for history tests. */
public final class HistoryRecords {
  private HistoryRecords() {}

  public static Outcome routed(String tenant, String eventId, String fingerprint, Instant at, String rule, String... notificationIds) {
    return outcome(tenant, eventId, OutcomeType.ROUTED, null, fingerprint, rule, at, List.of(notificationIds));
  }

  public static Outcome outcome(String tenant, String eventId, OutcomeType type, String reason, String detail,
      String decidedBy, Instant at, List<String> notificationIds) {
    return Outcome.newBuilder().setOutcome(type).setEventId(eventId).setTenantId(tenant).setReason(reason)
        .setDetail(detail).setDecidedBy(decidedBy).setNotificationIds(notificationIds)
        .setSourceTopic("klaxon.alerts.v1").setSourcePartition(0).setSourceOffset(7).setRecordTimestamp(at).build();
  }

  public static NotificationRequest request(String tenant, String notificationId, String eventId, String title,
      String fingerprint, String targetId, Instant at) {
    AlertEvent alert = AlertEvent.newBuilder().setEventId(eventId).setTenantId(tenant).setKind(AlertKind.ALERT)
        .setStatus(AlertStatus.FIRING).setSeverity(Severity.CRITICAL).setSource("checkout-api").setTitle(title)
        .setMessage("Volume /data is 97% full").setLabels(Map.of()).setOccurredAt(at).setLinks(List.of()).build();
    ChannelTarget target = ChannelTarget.newBuilder().setId(targetId).setChannel(Channel.WEBHOOK)
        .setWebhook(WebhookTarget.newBuilder().setUrl("https://hooks.example.com/x").setSecretRef("env:HOOK_SECRET").build()).build();
    return NotificationRequest.newBuilder().setNotificationId(notificationId).setTenantId(tenant)
        .setTier(Tier.ENTERPRISE).setType(NotificationType.ALERT).setAlert(alert).setFingerprint(fingerprint)
        .setTarget(target).setRouteName("default:ENTERPRISE").setRoutedAt(at).build();
  }

  public static DeliveryReceipt receipt(String tenant, String notificationId, String targetId, int attempt,
      DeliveryOutcome outcome, Integer status, Instant at) {
    return DeliveryReceipt.newBuilder().setNotificationId(notificationId).setTenantId(tenant).setTargetId(targetId)
        .setChannel(Channel.WEBHOOK).setAttempt(attempt).setOutcome(outcome)
        .setDetail(outcome == DeliveryOutcome.DELIVERED ? null : "HTTP " + status).setStatusCode(status)
        .setLatencyMs(12).setAttemptedAt(at).build();
  }

  public static FailedNotification deadLetter(NotificationRequest request, int attempts, Instant at) {
    return FailedNotification.newBuilder().setRequest(request).setFailure("HTTP 503").setPermanent(false)
        .setAttempts(attempts).setLastStatusCode(503).setFailedAt(at).build();
  }
}
