package io.klaxon.notifier.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import io.klaxon.contract.DeliveryProfiles;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertGroup;
import io.klaxon.events.ChannelLimit;
import io.klaxon.events.DigestSummary;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.NotificationType;
import io.klaxon.events.SuppressionSummary;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The webhook body, version 1. A JSON object:
 *
 * <pre>{@code
 * {
 *   "version": "1",
 *   "type": "alert" | "suppression_summary" | "group" | "digest",
 *   "notificationId": "...",            // also the webhook-id header; stable across retries
 *   "tenant": {"id": "...", "name": "...", "tier": "ENTERPRISE"},
 *   "targetId": "...",
 *   "route": "...",
 *   "routedAt": "2026-11-22T10:00:00Z",
 *   "repeat": false,
 *   "duplicatesSuppressed": 0,
 *   "alert": {                            // null unless type alert
 *     "eventId", "kind", "status", "severity", "source", "title", "message",
 *     "labels": {...}, "fingerprint", "occurredAt": "ISO-8601", "links": [{"url", "text"}]
 *   },
 *   "summary": {                          // null unless type suppression_summary
 *     "suppressedCount", "bySeverity": {...}, "windowStart", "windowEnd"
 *   },
 *   "group": {                            // null unless type group
 *     "groupKey", "groupLabels": {...}, "sequence": 1, "status": "firing" | "resolved",
 *     "firing", "resolved", "omitted", "mostSevere", "startedAt": "ISO-8601",
 *     "alerts": [{ ...the fields of "alert", "changed": true }]   // fingerprint: the alert's
 *   },
 *   "digest": {                           // null unless type digest
 *     "windowStart": "ISO-8601", "windowEnd": "ISO-8601", "firing", "resolved",
 *     "bySeverity": {...}, "bySource": {...}, "otherSources",
 *     "topTitles": [{"title", "count"}],  // most frequent first
 *     "heldByLimit": {"channel": "slack" | "email" | "webhook", "perMinute", "burst"}  // or null
 *   },
 *   "rendered": {"locale": "fr-CA", "direction": "ltr" | "rtl", "title": "...", "text": "..."}
 * }
 * }</pre>
 *
 * A group's {@code status} is {@code resolved} once none of its alerts fires; its {@code rendered}
 * text lists the alerts, one line each. A digest's {@code rendered} text has its lists under their
 * headings (by severity, top sources, most frequent titles), then its window and resolved count.
 * A digest whose {@code heldByLimit} is set summarizes what the tenant's notification limit on
 * that channel held back for the target, instead of collecting low severities ({@code burst}:
 * {@code perMinute} when the limit names none). New fields may be added within version 1; removing
 * or changing one bumps the version.
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
        writeAlert(g, alert, request.getFingerprint() != null ? request.getFingerprint() : alert.getFingerprint());
        g.writeEndObject();
      } else {
        g.writeNullField("alert");
      }
      SuppressionSummary summary = request.getSummary();
      if (summary != null && request.getType() == NotificationType.SUPPRESSION_SUMMARY) {
        g.writeObjectFieldStart("summary");
        g.writeNumberField("suppressedCount", summary.getSuppressedCount());
        writeCounts(g, "bySeverity", summary.getBySeverity());
        g.writeStringField("windowStart", summary.getWindowStart().toString());
        g.writeStringField("windowEnd", summary.getWindowEnd().toString());
        g.writeEndObject();
      } else {
        g.writeNullField("summary");
      }
      AlertGroup group = request.getGroup();
      if (group != null && request.getType() == NotificationType.GROUP) {
        writeGroup(g, group);
      } else {
        g.writeNullField("group");
      }
      DigestSummary digest = request.getDigest();
      if (digest != null && request.getType() == NotificationType.DIGEST) {
        writeDigest(g, digest);
      } else {
        g.writeNullField("digest");
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

  /** The fields of one alert, inside an object the caller opened. */
  private static void writeAlert(JsonGenerator g, AlertEvent alert, String fingerprint) throws IOException {
    g.writeStringField("eventId", alert.getEventId());
    g.writeStringField("kind", alert.getKind().name());
    g.writeStringField("status", alert.getStatus().name());
    g.writeStringField("severity", alert.getSeverity().name());
    g.writeStringField("source", alert.getSource());
    g.writeStringField("title", alert.getTitle());
    g.writeStringField("message", alert.getMessage());
    writeStrings(g, "labels", alert.getLabels());
    g.writeStringField("fingerprint", fingerprint);
    g.writeStringField("occurredAt", alert.getOccurredAt().toString());
    writeObjects(g, "links", alert.getLinks(), (out, link) -> {
      out.writeStringField("url", link.getUrl());
      out.writeStringField("text", link.getText());
    });
  }

  private static void writeGroup(JsonGenerator g, AlertGroup group) throws IOException {
    g.writeObjectFieldStart("group");
    g.writeStringField("groupKey", group.getGroupKey());
    writeStrings(g, "groupLabels", group.getGroupLabels());
    g.writeNumberField("sequence", group.getSequence());
    // The same fact as every other channel's: resolved once none of the group's alerts fires.
    g.writeStringField("status", group.getFiring() == 0 ? "resolved" : "firing");
    g.writeNumberField("firing", group.getFiring());
    g.writeNumberField("resolved", group.getResolved());
    g.writeNumberField("omitted", group.getOmitted());
    g.writeStringField("mostSevere", group.getMostSevere().name());
    g.writeStringField("startedAt", group.getStartedAt().toString());
    writeObjects(g, "alerts", group.getAlerts(), (out, grouped) -> {
      writeAlert(out, grouped.getAlert(), grouped.getFingerprint());
      out.writeBooleanField("changed", grouped.getChanged());
    });
    g.writeEndObject();
  }

  private static void writeDigest(JsonGenerator g, DigestSummary digest) throws IOException {
    g.writeObjectFieldStart("digest");
    g.writeStringField("windowStart", digest.getWindowStart().toString());
    g.writeStringField("windowEnd", digest.getWindowEnd().toString());
    g.writeNumberField("firing", digest.getFiring());
    g.writeNumberField("resolved", digest.getResolved());
    writeCounts(g, "bySeverity", digest.getBySeverity());
    writeCounts(g, "bySource", digest.getBySource());
    g.writeNumberField("otherSources", digest.getOtherSources());
    writeObjects(g, "topTitles", digest.getTopTitles(), (out, title) -> {
      out.writeStringField("title", title.getTitle());
      out.writeNumberField("count", title.getCount());
    });
    ChannelLimit limit = digest.getHeldByLimit();
    if (limit == null) {
      g.writeNullField("heldByLimit");
    } else {
      g.writeObjectFieldStart("heldByLimit");
      g.writeStringField("channel", limit.getChannel().name().toLowerCase(Locale.ROOT));
      g.writeNumberField("perMinute", limit.getPerMinute());
      g.writeNumberField("burst", limit.getBurst() == null ? limit.getPerMinute() : limit.getBurst());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  /** What one item of an array writes inside the object the array opened for it. */
  @FunctionalInterface
  private interface ItemWriter<T> {
    void write(JsonGenerator g, T item) throws IOException;
  }

  /** {@code items} as an array of objects, each written by {@code fields}. */
  private static <T> void writeObjects(JsonGenerator g, String field, List<T> items, ItemWriter<? super T> fields)
      throws IOException {
    g.writeArrayFieldStart(field);
    for (T item : items) {
      g.writeStartObject();
      fields.write(g, item);
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  /** A map of counts as an object, in key order. */
  private static void writeCounts(JsonGenerator g, String field, Map<String, ? extends Number> counts) throws IOException {
    g.writeObjectFieldStart(field);
    for (Map.Entry<String, ? extends Number> count : sorted(counts).entrySet()) {
      g.writeFieldName(count.getKey());
      writeNumber(g, count.getValue());
    }
    g.writeEndObject();
  }

  /** A map of strings as an object, in key order. */
  private static void writeStrings(JsonGenerator g, String field, Map<String, String> values) throws IOException {
    g.writeObjectFieldStart(field);
    for (Map.Entry<String, String> entry : sorted(values).entrySet()) {
      g.writeStringField(entry.getKey(), entry.getValue());
    }
    g.writeEndObject();
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
