package io.klaxon.contract;

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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * An {@code AlertEvent} written as JSON with the AlertEvent field names: the one mapping, used by
 * {@code klaxon send --json} and the ingest service's native endpoint. {@code occurredAt} is
 * ISO-8601 text or epoch milliseconds; {@code links} are objects with {@code url} and optional
 * {@code text}; {@code kind} defaults to ALERT, {@code status} to FIRING, {@code message} to empty;
 * enum values are case-insensitive; a field set to null counts as absent; unknown fields are
 * refused. Only the JSON's shape is checked here: the limits on sizes and formats are {@link
 * AlertEventLimits}'. Stateless and thread-safe.
 */
public final class AlertEventJson {
  /** The fields an AlertEvent object may have. */
  public static final Set<String> FIELDS = Set.of("eventId", "tenantId", "kind", "status", "severity", "source",
      "title", "message", "labels", "fingerprint", "occurredAt", "locale", "links");

  private static final ObjectMapper JSON = new ObjectMapper();

  private AlertEventJson() {}

  /**
   * How a reader fills what the JSON leaves out, and whose event it is.
   *
   * @param tenantId null when the JSON must name its tenant; otherwise the tenant the event is for,
   *     which the JSON may leave out or repeat, but not contradict
   * @param eventId the event id when the JSON has none
   * @param occurredAt the time when the JSON has none
   */
  public record Defaults(String tenantId, String eventId, Instant occurredAt) {
    public Defaults {
      Objects.requireNonNull(eventId, "eventId");
      Objects.requireNonNull(occurredAt, "occurredAt");
    }
  }

  /** What reading one JSON object gave. */
  public sealed interface Result permits Valid, Invalid {}

  /** The object is an event. */
  public record Valid(AlertEvent event) implements Result {}

  /** The object is not an event, for these reasons (field paths as in the JSON). */
  public record Invalid(List<FieldProblem> problems) implements Result {
    public Invalid {
      problems = List.copyOf(problems);
    }
  }

  /**
   * Reads one event, as {@code klaxon send --json} does: the JSON names its tenant; a missing
   * eventId gets a random UUID, a missing occurredAt {@code now}.
   *
   * @throws IllegalArgumentException naming the first field at fault ({@code title: required field is missing})
   * @throws IOException when the text is not JSON
   */
  public static AlertEvent read(Reader json, Instant now) throws IOException {
    return switch (read(JSON.readTree(json), new Defaults(null, UUID.randomUUID().toString(), now))) {
      case Valid valid -> valid.event();
      case Invalid invalid -> throw new IllegalArgumentException(invalid.problems().getFirst().toString());
    };
  }

  /** Reads one event from a parsed JSON value, collecting every problem rather than stopping at the first. */
  public static Result read(JsonNode object, Defaults defaults) {
    if (object == null || !object.isObject()) {
      return new Invalid(List.of(new FieldProblem("", "expected a JSON object")));
    }
    List<FieldProblem> problems = new ArrayList<>();
    object.fieldNames().forEachRemaining(name -> {
      if (!FIELDS.contains(name)) {
        problems.add(new FieldProblem(name, "unknown field"));
      }
    });
    AlertEvent.Builder event = AlertEvent.newBuilder()
        .setEventId(orElse(text(object, "eventId", problems), defaults.eventId()))
        .setTenantId(tenant(object, defaults.tenantId(), problems))
        .setKind(symbol(object, "kind", AlertKind.class, AlertKind.ALERT, problems))
        .setStatus(symbol(object, "status", AlertStatus.class, AlertStatus.FIRING, problems))
        .setSeverity(symbol(object, "severity", Severity.class, null, problems))
        .setSource(required(object, "source", problems))
        .setTitle(required(object, "title", problems))
        .setMessage(orElse(text(object, "message", problems), ""))
        .setLabels(labels(object.get("labels"), problems))
        .setFingerprint(text(object, "fingerprint", problems))
        .setOccurredAt(occurredAt(object.get("occurredAt"), defaults.occurredAt(), problems))
        .setLocale(text(object, "locale", problems))
        .setLinks(links(object.get("links"), problems));
    return problems.isEmpty() ? new Valid(event.build()) : new Invalid(problems);
  }

  private static String tenant(JsonNode object, String given, List<FieldProblem> problems) {
    if (given == null) {
      return required(object, "tenantId", problems);
    }
    String named = text(object, "tenantId", problems);
    if (named != null && !named.equals(given)) {
      problems.add(new FieldProblem("tenantId", "must be absent or '" + given + "', the tenant this request is authenticated as"));
    }
    return given;
  }

  private static String required(JsonNode object, String field, List<FieldProblem> problems) {
    String value = text(object, field, problems);
    if (value != null && !value.isBlank()) {
      return value;
    }
    // A value that is not text at all has its problem already.
    if (value != null || !object.hasNonNull(field)) {
      problems.add(new FieldProblem(field, "required field is missing"));
    }
    return "";
  }

  /** The field as text (numbers and booleans as written); null when absent or null. */
  private static String text(JsonNode object, String field, List<FieldProblem> problems) {
    JsonNode node = object.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isValueNode()) {
      problems.add(new FieldProblem(field, "expected a string, found " + kind(node)));
      return null;
    }
    return node.asText();
  }

  private static String orElse(String value, String fallback) {
    return value == null ? fallback : value;
  }

  private static <E extends Enum<E>> E symbol(JsonNode object, String field, Class<E> type, E fallback,
      List<FieldProblem> problems) {
    String value = text(object, field, problems);
    if (value == null) {
      if (fallback == null && !object.hasNonNull(field)) {
        problems.add(new FieldProblem(field, "required field is missing"));
      }
      return fallback == null ? type.getEnumConstants()[0] : fallback;
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add(new FieldProblem(field, "unknown value '" + value + "'; one of "
          + String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList())));
      return type.getEnumConstants()[0];
    }
  }

  private static Map<String, String> labels(JsonNode node, List<FieldProblem> problems) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return labels;
    }
    if (!node.isObject()) {
      problems.add(new FieldProblem("labels", "expected an object of label names to values, found " + kind(node)));
      return labels;
    }
    node.properties().forEach(label -> {
      if (label.getValue().isValueNode() && !label.getValue().isNull()) {
        labels.put(label.getKey(), label.getValue().asText());
      } else {
        problems.add(new FieldProblem("labels." + label.getKey(), "expected a string, found " + kind(label.getValue())));
      }
    });
    return labels;
  }

  private static List<Link> links(JsonNode node, List<FieldProblem> problems) {
    List<Link> links = new ArrayList<>();
    if (node == null || node.isNull()) {
      return links;
    }
    if (!node.isArray()) {
      problems.add(new FieldProblem("links", "expected a list of links, found " + kind(node)));
      return links;
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode link = node.get(i);
      String path = "links[" + i + "]";
      if (!link.isObject()) {
        problems.add(new FieldProblem(path, "expected an object with url and text, found " + kind(link)));
        continue;
      }
      List<FieldProblem> own = new ArrayList<>();
      String url = text(link, "url", own);
      String text = text(link, "text", own);
      if (url == null || url.isBlank()) {
        own.add(new FieldProblem("url", "required field is missing"));
      }
      link.fieldNames().forEachRemaining(name -> {
        if (!name.equals("url") && !name.equals("text")) {
          own.add(new FieldProblem(name, "unknown field"));
        }
      });
      own.forEach(p -> problems.add(p.at(path + "." + p.field())));
      links.add(Link.newBuilder().setUrl(url == null ? "" : url).setText(text).build());
    }
    return links;
  }

  private static Instant occurredAt(JsonNode node, Instant fallback, List<FieldProblem> problems) {
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (node.isIntegralNumber()) {
      return Instant.ofEpochMilli(node.asLong());
    }
    try {
      return Instant.parse(node.asText());
    } catch (DateTimeParseException e) {
      problems.add(new FieldProblem("occurredAt", "'" + node.asText() + "' is neither ISO-8601 nor epoch milliseconds"));
      return fallback;
    }
  }

  private static String kind(JsonNode node) {
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
