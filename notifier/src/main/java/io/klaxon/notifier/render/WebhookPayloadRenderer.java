package io.klaxon.notifier.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import io.klaxon.contract.DeliveryProfiles;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.Link;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.NotificationType;
import io.klaxon.events.SuppressionSummary;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
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
 * Receivers verify the Standard Webhooks signature over the exact body bytes. Written field by
 * field with a streaming generator whose buffers come from a pool shared by every thread (each
 * delivery runs on a new virtual thread, so per-thread buffers would be allocated afresh every
 * time). Thread-safe.
 */
public final class WebhookPayloadRenderer {
  /** The payload version this renderer writes. */
  public static final String VERSION = "1";
  /** Room for a typical payload, so the writer seldom grows. */
  private static final int TYPICAL_SIZE = 1024;

  private final JsonFactory json = JsonFactory.builder()
      .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
      .build();

  public WebhookMessage render(NotificationRequest request, NotificationView.Brief view, ResolvedLocale locale) {
    StringWriter out = new StringWriter(TYPICAL_SIZE);
    try (JsonGenerator g = json.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("version", VERSION);
      g.writeStringField("type", request.getType().name().toLowerCase(Locale.ROOT));
      g.writeStringField("notificationId", request.getNotificationId());
      g.writeObjectFieldStart("tenant");
      g.writeStringField("id", request.getTenantId());
      g.writeStringField("name", DeliveryProfiles.of(request).getDisplayName());
      g.writeStringField("tier", request.getTier().name());
      g.writeEndObject();
      g.writeStringField("targetId", request.getTarget().getId());
      g.writeStringField("route", request.getRouteName());
      g.writeStringField("routedAt", request.getRoutedAt().toString());
      g.writeBooleanField("repeat", request.getRepeat());
      g.writeNumberField("duplicatesSuppressed", request.getDuplicatesSuppressed());
      AlertEvent alert = request.getAlert();
      if (alert != null && request.getType() == NotificationType.ALERT) {
        g.writeObjectFieldStart("alert");
        g.writeStringField("eventId", alert.getEventId());
        g.writeStringField("kind", alert.getKind().name());
        g.writeStringField("status", alert.getStatus().name());
        g.writeStringField("severity", alert.getSeverity().name());
        g.writeStringField("source", alert.getSource());
        g.writeStringField("title", alert.getTitle());
        g.writeStringField("message", alert.getMessage());
        g.writeObjectFieldStart("labels");
        for (Map.Entry<String, String> label : sorted(alert.getLabels()).entrySet()) {
          g.writeStringField(label.getKey(), label.getValue());
        }
        g.writeEndObject();
        g.writeStringField("fingerprint", request.getFingerprint() != null ? request.getFingerprint() : alert.getFingerprint());
        g.writeStringField("occurredAt", alert.getOccurredAt().toString());
        g.writeArrayFieldStart("links");
        for (Link link : alert.getLinks()) {
          g.writeStartObject();
          g.writeStringField("url", link.getUrl());
          g.writeStringField("text", link.getText());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      } else {
        g.writeNullField("alert");
      }
      SuppressionSummary summary = request.getSummary();
      if (summary != null && request.getType() == NotificationType.SUPPRESSION_SUMMARY) {
        g.writeObjectFieldStart("summary");
        g.writeNumberField("suppressedCount", summary.getSuppressedCount());
        g.writeObjectFieldStart("bySeverity");
        for (Map.Entry<String, ? extends Number> count : sorted(summary.getBySeverity()).entrySet()) {
          g.writeFieldName(count.getKey());
          writeNumber(g, count.getValue());
        }
        g.writeEndObject();
        g.writeStringField("windowStart", summary.getWindowStart().toString());
        g.writeStringField("windowEnd", summary.getWindowEnd().toString());
        g.writeEndObject();
      } else {
        g.writeNullField("summary");
      }
      g.writeObjectFieldStart("rendered");
      g.writeStringField("locale", locale.languageTag());
      g.writeStringField("direction", locale.rightToLeft() ? "rtl" : "ltr");
      g.writeStringField("title", view.headline());
      g.writeStringField("text", String.join("\n", view.notes()));
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write webhook payload", e);
    }
    return new WebhookMessage(out.toString(), locale.formatting());
  }

  private static void writeNumber(JsonGenerator g, Number value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof Integer i) {
      g.writeNumber(i);
    } else {
      g.writeNumber(value.longValue());
    }
  }

  /** Entries in key order; a map of one entry or none as it is. */
  private static <V> Map<String, V> sorted(Map<String, V> map) {
    return map.size() <= 1 ? map : new TreeMap<>(map);
  }
}
