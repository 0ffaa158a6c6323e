package io.klaxon.notifier.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertGroup;
import io.klaxon.events.GroupedAlert;
import io.klaxon.events.Link;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.NotificationType;
import io.klaxon.events.Severity;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Lays a notification out as a PagerDuty Events API v2 event: a firing alert triggers, a resolved
 * one resolves, and {@link PagerDutyMessage.Action#ACKNOWLEDGE} acknowledges; {@code dedup_key} is
 * the fingerprint. A trigger carries {@code payload.summary} (the localized headline, cut to the
 * API's 1,024 characters), {@code source}, {@code severity} (CRITICAL → critical, HIGH → error,
 * WARNING → warning, INFO → info), {@code timestamp}, {@code class} (the alert kind), {@code
 * custom_details} (message, labels, tenant, notification id), the alert's links and {@code client}
 * Klaxon. A group is one incident too: its fingerprint {@code group:<groupKey>} is the dedup key,
 * it triggers while any of its alerts fires and resolves once none does, and its trigger names the
 * routing rule as source, the most severe severity, the time the group opened, class {@code group}
 * and, in {@code custom_details}, the group's key, labels, counts and listed alerts. A suppression
 * summary and a digest report no incident and are never sent to PagerDuty ({@link #refusal}): a
 * digest collects the alerts too minor to notify one by one, so it must not page anyone. An
 * acknowledgement request (an alert acknowledged in Klaxon: {@code acknowledged} set, no alert)
 * acknowledges the fingerprint's incident ({@link #acknowledgement}). Stateless and thread-safe.
 */
public final class PagerDutyEventRenderer {
  /** The Events API's limit on {@code payload.summary}. */
  public static final int MAX_SUMMARY = 1024;
  private final ObjectMapper mapper = new ObjectMapper();

  /**
   * Why {@code request} can never be a PagerDuty event, naming its type; empty for an alert or a
   * group, which can.
   */
  public static Optional<String> refusal(NotificationRequest request) {
    return switch (request.getType()) {
      case ALERT, GROUP -> Optional.empty();
      case SUPPRESSION_SUMMARY, DIGEST -> Optional.of(notAnEvent(request));
    };
  }

  private static String notAnEvent(NotificationRequest request) {
    return "a " + request.getType() + " notification is not a PagerDuty event";
  }

  /**
   * @throws IllegalArgumentException when the request is not an alert or a group ({@link
   *     #refusal}), or an alert request has no alert (it can never be delivered)
   */
  public PagerDutyMessage render(NotificationRequest request, NotificationView view, ResolvedLocale locale,
      PagerDutyMessage.Action action) {
    AlertEvent alert = request.getAlert();
    boolean group = request.getType() == NotificationType.GROUP;
    if (refusal(request).isPresent() || (alert == null && !group)) {
      throw new IllegalArgumentException(notAnEvent(request));
    }
    // A group's incident is its own (group:<groupKey>), never that of the alert it carries for older readers.
    String dedupKey = group || request.getFingerprint() != null ? request.getFingerprint() : alert.getFingerprint();
    if (dedupKey == null || dedupKey.isBlank()) {
      throw new IllegalArgumentException("the notification has no fingerprint for dedup_key");
    }
    ObjectNode event = mapper.createObjectNode();
    event.put("event_action", action.wireName());
    event.put("dedup_key", dedupKey);
    if (action == PagerDutyMessage.Action.TRIGGER) {
      ObjectNode payload = event.putObject("payload");
      payload.put("summary", cut(view.headline(), MAX_SUMMARY));
      ObjectNode details;
      if (group) {
        details = groupPayload(payload, NotificationStatus.group(request), request.getRouteName());
      } else {
        details = alertPayload(payload, alert, event);
      }
      details.put("tenant", request.getTenantId());
      details.put("notification_id", request.getNotificationId());
      details.put("locale", locale.languageTag());
      event.put("client", "Klaxon");
    }
    return message(action, dedupKey, event, locale);
  }

  private PagerDutyMessage message(PagerDutyMessage.Action action, String dedupKey, ObjectNode event, ResolvedLocale locale) {
    try {
      return new PagerDutyMessage(action, dedupKey, mapper.writeValueAsString(event), locale.formatting());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write PagerDuty event", e);
    }
  }

  /** Fills a trigger's payload and links from one alert; returns its {@code custom_details}. */
  private static ObjectNode alertPayload(ObjectNode payload, AlertEvent alert, ObjectNode event) {
    payload.put("source", alert.getSource());
    payload.put("severity", severity(alert.getSeverity()));
    payload.put("timestamp", alert.getOccurredAt().toString());
    payload.put("class", alert.getKind().name().toLowerCase(java.util.Locale.ROOT));
    ObjectNode details = payload.putObject("custom_details");
    details.put("message", alert.getMessage());
    ObjectNode labels = details.putObject("labels");
    new TreeMap<>(alert.getLabels()).forEach(labels::put);
    var links = event.putArray("links");
    for (Link link : alert.getLinks()) {
      links.addObject().put("href", link.getUrl()).put("text", link.getText() == null ? link.getUrl() : link.getText());
    }
    return details;
  }

  /** Fills a trigger's payload from a group; returns its {@code custom_details}. */
  private static ObjectNode groupPayload(ObjectNode payload, AlertGroup group, String route) {
    payload.put("source", route);
    payload.put("severity", severity(group.getMostSevere()));
    payload.put("timestamp", group.getStartedAt().toString());
    payload.put("class", "group");
    ObjectNode details = payload.putObject("custom_details");
    details.put("group_key", group.getGroupKey());
    ObjectNode labels = details.putObject("group_labels");
    new TreeMap<>(group.getGroupLabels()).forEach(labels::put);
    details.put("firing", group.getFiring());
    details.put("resolved", group.getResolved());
    details.put("omitted", group.getOmitted());
    var alerts = details.putArray("alerts");
    for (GroupedAlert grouped : group.getAlerts()) {
      AlertEvent alert = grouped.getAlert();
      alerts.addObject().put("fingerprint", grouped.getFingerprint()).put("status", alert.getStatus().name())
          .put("severity", alert.getSeverity().name()).put("title", alert.getTitle()).put("source", alert.getSource());
    }
    return details;
  }

  /**
   * The action of a notification: an acknowledgement acknowledges, a firing alert or group
   * triggers, a resolved one resolves ({@link NotificationStatus}).
   */
  public static PagerDutyMessage.Action actionOf(NotificationRequest request) {
    if (request.getAcknowledged() != null) {
      return PagerDutyMessage.Action.ACKNOWLEDGE;
    }
    return NotificationStatus.resolved(request) ? PagerDutyMessage.Action.RESOLVE : PagerDutyMessage.Action.TRIGGER;
  }

  /**
   * The acknowledge event of an acknowledgement request: {@code event_action} acknowledge and the
   * request's fingerprint as {@code dedup_key}; nothing else (the Events API reads nothing else on
   * an acknowledge, and who acknowledged it is in Klaxon's own record).
   *
   * @throws IllegalArgumentException when the request is not an acknowledgement or has no fingerprint
   */
  public PagerDutyMessage acknowledgement(NotificationRequest request, ResolvedLocale locale) {
    if (request.getAcknowledged() == null) {
      throw new IllegalArgumentException("the notification is not an acknowledgement");
    }
    String dedupKey = request.getFingerprint();
    if (dedupKey == null || dedupKey.isBlank()) {
      throw new IllegalArgumentException("the notification has no fingerprint for dedup_key");
    }
    ObjectNode event = mapper.createObjectNode();
    event.put("event_action", PagerDutyMessage.Action.ACKNOWLEDGE.wireName());
    event.put("dedup_key", dedupKey);
    return message(PagerDutyMessage.Action.ACKNOWLEDGE, dedupKey, event, locale);
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
