package io.klaxon.cli.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertKind;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.Link;
import io.klaxon.events.Severity;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads an AlertEvent from JSON with the AlertEvent field names ({@code occurredAt} as ISO-8601 text
 * or epoch milliseconds; {@code links} as objects with url and optional text). Missing eventId gets
 * a random UUID, missing occurredAt gets {@code now}. Throws IllegalArgumentException naming the
 * field at fault. Thread-safe.
 */
public final class AlertEventJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FIELDS = Set.of("eventId", "tenantId", "kind", "status", "severity", "source",
      "title", "message", "labels", "fingerprint", "occurredAt", "locale", "links");

  private AlertEventJson() {}

  public static AlertEvent read(Reader json, Instant now) throws IOException {
    JsonNode root = JSON.readTree(json);
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("expected a JSON object");
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new IllegalArgumentException("unknown field '" + name + "'");
      }
    }
    Map<String, String> labels = new LinkedHashMap<>();
    if (root.hasNonNull("labels")) {
      root.get("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    }
    List<Link> links = new ArrayList<>();
    if (root.hasNonNull("links")) {
      for (JsonNode link : root.get("links")) {
        links.add(Link.newBuilder().setUrl(required(link, "url", "links[].url"))
            .setText(link.hasNonNull("text") ? link.get("text").asText() : null).build());
      }
    }
    return AlertEvent.newBuilder()
        .setEventId(root.hasNonNull("eventId") ? root.get("eventId").asText() : UUID.randomUUID().toString())
        .setTenantId(required(root, "tenantId", "tenantId"))
        .setKind(symbol(AlertKind.class, root, "kind", AlertKind.ALERT))
        .setStatus(symbol(AlertStatus.class, root, "status", AlertStatus.FIRING))
        .setSeverity(symbol(Severity.class, root, "severity", null))
        .setSource(required(root, "source", "source"))
        .setTitle(required(root, "title", "title"))
        .setMessage(root.hasNonNull("message") ? root.get("message").asText() : "")
        .setLabels(labels)
        .setFingerprint(root.hasNonNull("fingerprint") ? root.get("fingerprint").asText() : null)
        .setOccurredAt(occurredAt(root.get("occurredAt"), now))
        .setLocale(root.hasNonNull("locale") ? root.get("locale").asText() : null)
        .setLinks(links)
        .build();
  }

  private static String required(JsonNode node, String field, String path) {
    if (!node.hasNonNull(field) || node.get(field).asText().isBlank()) {
      throw new IllegalArgumentException(path + ": required field is missing");
    }
    return node.get(field).asText();
  }

  private static <E extends Enum<E>> E symbol(Class<E> type, JsonNode root, String field, E fallback) {
    if (!root.hasNonNull(field)) {
      if (fallback == null) {
        throw new IllegalArgumentException(field + ": required field is missing");
      }
      return fallback;
    }
    try {
      return Enum.valueOf(type, root.get(field).asText().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(field + ": unknown value '" + root.get(field).asText() + "'");
    }
  }

  private static Instant occurredAt(JsonNode node, Instant now) {
    if (node == null || node.isNull()) {
      return now;
    }
    if (node.isIntegralNumber()) {
      return Instant.ofEpochMilli(node.asLong());
    }
    try {
      return Instant.parse(node.asText());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("occurredAt: '" + node.asText() + "' is neither ISO-8601 nor epoch milliseconds");
    }
  }
}
