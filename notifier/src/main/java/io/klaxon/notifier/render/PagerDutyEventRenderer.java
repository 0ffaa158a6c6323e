package io.klaxon.notifier.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.Link;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.Severity;
import java.io.UncheckedIOException;
import java.util.TreeMap;

/**
 * Lays a notification out as a PagerDuty Events API v2 event: a firing alert triggers, a resolved
 * one resolves, and {@link PagerDutyMessage.Action#ACKNOWLEDGE} acknowledges; {@code dedup_key} is
 * the fingerprint. A trigger carries {@code payload.summary} (the localized headline, cut to the
 * API's 1,024 characters), {@code source}, {@code severity} (CRITICAL → critical, HIGH → error,
 * WARNING → warning, INFO → info), {@code timestamp}, {@code class} (the alert kind), {@code
 * custom_details} (message, labels, tenant, notification id), the alert's links and {@code client}
 * Klaxon. Only alerts are events; a suppression summary has no incident and cannot be sent to
 * PagerDuty. Stateless and thread-safe.
 */
public final class PagerDutyEventRenderer {
  /** The Events API's limit on {@code payload.summary}. */
  public static final int MAX_SUMMARY = 1024;
  private final ObjectMapper mapper = new ObjectMapper();

  /**
   * @throws IllegalArgumentException when the request is not an alert (it can never be delivered)
   */
  public PagerDutyMessage render(NotificationRequest request, NotificationView view, ResolvedLocale locale,
      PagerDutyMessage.Action action) {
    AlertEvent alert = request.getAlert();
    if (alert == null) {
      throw new IllegalArgumentException("a " + request.getType() + " notification is not a PagerDuty event");
    }
    String dedupKey = request.getFingerprint() != null ? request.getFingerprint() : alert.getFingerprint();
    if (dedupKey == null || dedupKey.isBlank()) {
      throw new IllegalArgumentException("the alert has no fingerprint for dedup_key");
    }
    ObjectNode event = mapper.createObjectNode();
    event.put("event_action", action.wireName());
    event.put("dedup_key", dedupKey);
    if (action == PagerDutyMessage.Action.TRIGGER) {
      ObjectNode payload = event.putObject("payload");
      payload.put("summary", cut(view.headline(), MAX_SUMMARY));
      payload.put("source", alert.getSource());
      payload.put("severity", severity(alert.getSeverity()));
      payload.put("timestamp", alert.getOccurredAt().toString());
      payload.put("class", alert.getKind().name().toLowerCase(java.util.Locale.ROOT));
      ObjectNode details = payload.putObject("custom_details");
      details.put("message", alert.getMessage());
      ObjectNode labels = details.putObject("labels");
      new TreeMap<>(alert.getLabels()).forEach(labels::put);
      details.put("tenant", request.getTenantId());
      details.put("notification_id", request.getNotificationId());
      details.put("locale", locale.languageTag());
      var links = event.putArray("links");
      for (Link link : alert.getLinks()) {
        links.addObject().put("href", link.getUrl()).put("text", link.getText() == null ? link.getUrl() : link.getText());
      }
      event.put("client", "Klaxon");
    }
    try {
      return new PagerDutyMessage(action, dedupKey, mapper.writeValueAsString(event), locale.formatting());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write PagerDuty event", e);
    }
  }

  /** The action of an alert's status: a firing alert triggers, a resolved one resolves. */
  public static PagerDutyMessage.Action actionOf(AlertStatus status) {
    return status == AlertStatus.RESOLVED ? PagerDutyMessage.Action.RESOLVE : PagerDutyMessage.Action.TRIGGER;
  }

  static String severity(Severity severity) {
    return switch (severity) {
      case CRITICAL -> "critical";
      case HIGH -> "error";
      case WARNING -> "warning";
      case INFO -> "info";
    };
  }

  private static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }
}
