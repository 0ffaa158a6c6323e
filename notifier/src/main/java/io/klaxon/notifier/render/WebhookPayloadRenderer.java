package io.klaxon.notifier.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klaxon.contract.DeliveryProfiles;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.Link;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.NotificationType;
import io.klaxon.events.SuppressionSummary;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The webhook body, version 1. A JSON object:
 *
 * <pre>{@code
 * {
 *   "version": "1",
 *   "type": "alert" | "suppression_summary",
 *   "notificationId": "...",            // also the webhook-id header; stable across retries
 *   "tenant": {"id": "...", "name": "...", "tier": "ENTERPRISE"},
 *   "targetId": "...",
 *   "route": "...",
 *   "routedAt": "2026-11-22T10:00:00Z",
 *   "repeat": false,
 *   "duplicatesSuppressed": 0,
 *   "alert": {                            // null for a summary
 *     "eventId", "kind", "status", "severity", "source", "title", "message",
 *     "labels": {...}, "fingerprint", "occurredAt": "ISO-8601", "links": [{"url", "text"}]
 *   },
 *   "summary": {                          // null for an alert
 *     "suppressedCount", "bySeverity": {...}, "windowStart", "windowEnd"
 *   },
 *   "rendered": {"locale": "fr-CA", "direction": "ltr" | "rtl", "title": "...", "text": "..."}
 * }
 * }</pre>
 *
 * New fields may be added within version 1; removing or changing one bumps the version.
 * Receivers verify the Standard Webhooks signature over the exact body bytes. Thread-safe.
 */
public final class WebhookPayloadRenderer {
  /** The payload version this renderer writes. */
  public static final String VERSION = "1";

  private final ObjectMapper mapper = new ObjectMapper();

  public WebhookMessage render(NotificationRequest request, NotificationView view, ResolvedLocale locale) {
    ObjectNode root = mapper.createObjectNode();
    root.put("version", VERSION);
    root.put("type", request.getType().name().toLowerCase(Locale.ROOT));
    root.put("notificationId", request.getNotificationId());
    ObjectNode tenant = root.putObject("tenant");
    tenant.put("id", request.getTenantId());
    tenant.put("name", DeliveryProfiles.of(request).getDisplayName());
    tenant.put("tier", request.getTier().name());
    root.put("targetId", request.getTarget().getId());
    root.put("route", request.getRouteName());
    root.put("routedAt", request.getRoutedAt().toString());
    root.put("repeat", request.getRepeat());
    root.put("duplicatesSuppressed", request.getDuplicatesSuppressed());
    AlertEvent alert = request.getAlert();
    if (alert != null && request.getType() == NotificationType.ALERT) {
      ObjectNode a = root.putObject("alert");
      a.put("eventId", alert.getEventId());
      a.put("kind", alert.getKind().name());
      a.put("status", alert.getStatus().name());
      a.put("severity", alert.getSeverity().name());
      a.put("source", alert.getSource());
      a.put("title", alert.getTitle());
      a.put("message", alert.getMessage());
      ObjectNode labels = a.putObject("labels");
      new TreeMap<>(alert.getLabels()).forEach(labels::put);
      a.put("fingerprint", request.getFingerprint() != null ? request.getFingerprint() : alert.getFingerprint());
      a.put("occurredAt", alert.getOccurredAt().toString());
      ArrayNode links = a.putArray("links");
      for (Link link : alert.getLinks()) {
        links.addObject().put("url", link.getUrl()).put("text", link.getText());
      }
    } else {
      root.putNull("alert");
    }
    SuppressionSummary summary = request.getSummary();
    if (summary != null && request.getType() == NotificationType.SUPPRESSION_SUMMARY) {
      ObjectNode s = root.putObject("summary");
      s.put("suppressedCount", summary.getSuppressedCount());
      ObjectNode bySeverity = s.putObject("bySeverity");
      new TreeMap<>(summary.getBySeverity()).forEach(bySeverity::put);
      s.put("windowStart", summary.getWindowStart().toString());
      s.put("windowEnd", summary.getWindowEnd().toString());
    } else {
      root.putNull("summary");
    }
    ObjectNode rendered = root.putObject("rendered");
    rendered.put("locale", locale.languageTag());
    rendered.put("direction", locale.rightToLeft() ? "rtl" : "ltr");
    rendered.put("title", view.headline());
    rendered.put("text", String.join("\n", view.notes()));
    try {
      return new WebhookMessage(mapper.writeValueAsString(root), locale.formatting());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write webhook payload", e);
    }
  }
}
