package io.klaxon.sinks.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Checks a {@code POST /v2/enqueue} body as PagerDuty's Events API v2 does, naming every problem in
 * PagerDuty's words:
 *
 * <ul>
 *   <li>{@code routing_key}: a string of exactly {@value #ROUTING_KEY_LENGTH} characters (the length
 *       of PagerDuty's integration keys);
 *   <li>{@code event_action}: {@code trigger}, {@code acknowledge} or {@code resolve};
 *   <li>{@code dedup_key}: a string of at most {@value #MAX_DEDUP_KEY} characters, required to
 *       acknowledge or resolve (a trigger without one gets one generated);
 *   <li>a trigger's {@code payload}: {@code summary} (at most {@value #MAX_SUMMARY} characters),
 *       {@code source}, {@code severity} ({@code critical}, {@code error}, {@code warning} or
 *       {@code info}), and, when given, {@code timestamp} as ISO 8601. Acknowledge and resolve need
 *       no payload.
 * </ul>
 *
 * Other fields ({@code links}, {@code images}, {@code client}, {@code payload.custom_details}, ...)
 * are accepted as they are. Stateless.
 */
final class EventValidator {
  static final int ROUTING_KEY_LENGTH = 32;
  static final int MAX_DEDUP_KEY = 255;
  static final int MAX_SUMMARY = 1024;
  private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private EventValidator() {}

  /** What checking a body found: a valid event, or every problem with it. */
  sealed interface Validation permits Valid, Invalid {}

  /** The body is an event PagerDuty would accept. */
  record Valid(PagerDutyEvent event) implements Validation {}

  /**
   * The body is refused.
   *
   * @param errors every problem found, as the answer's {@code errors} lists them
   * @param json the body parsed, or a missing node when it is not a JSON object
   */
  record Invalid(List<String> errors, JsonNode json) implements Validation {
    Invalid {
      errors = List.copyOf(errors);
      Objects.requireNonNull(json, "json");
    }
  }

  static Validation validate(byte[] body) {
    JsonNode json;
    try {
      json = MAPPER.readTree(body);
    } catch (IOException e) {
      return new Invalid(List.of("Event object is not valid JSON"), MissingNode.getInstance());
    }
    if (json == null || !json.isObject()) {
      return new Invalid(List.of("Event object must be a JSON object"), MissingNode.getInstance());
    }
    List<String> errors = new ArrayList<>();
    String routingKey = string(json, "routing_key", "routing_key", errors);
    if (routingKey != null && routingKey.length() != ROUTING_KEY_LENGTH) {
      errors.add("Length of 'routing_key' is incorrect (should be " + ROUTING_KEY_LENGTH + " characters)");
    }
    String actionName = string(json, "event_action", "event_action", errors);
    EventAction action = actionName == null ? null : EventAction.parse(actionName).orElse(null);
    if (actionName != null && action == null) {
      errors.add("'event_action' is invalid (must be one of the following: 'trigger', 'acknowledge' or 'resolve')");
    }
    int problemsBefore = errors.size();
    String dedupKey = optionalString(json, "dedup_key", "dedup_key", errors);
    boolean dedupKeyNotAString = errors.size() > problemsBefore;
    if (dedupKey != null && dedupKey.length() > MAX_DEDUP_KEY) {
      errors.add("Length of 'dedup_key' is incorrect (should be at most " + MAX_DEDUP_KEY + " characters)");
    }
    if (dedupKey == null && !dedupKeyNotAString && action != null && action != EventAction.TRIGGER) {
      errors.add("'dedup_key' is missing or blank (an event to " + action.wireName() + " must name one)");
    }
    String summary = null;
    String severity = null;
    String source = null;
    if (action == EventAction.TRIGGER) {
      JsonNode payload = json.get("payload");
      if (payload == null || !payload.isObject()) {
        errors.add("'payload' is missing or is not an object (a trigger needs one)");
      } else {
        summary = string(payload, "summary", "payload.summary", errors);
        if (summary != null && summary.length() > MAX_SUMMARY) {
          errors.add("Length of 'payload.summary' is incorrect (should be at most " + MAX_SUMMARY + " characters)");
        }
        source = string(payload, "source", "payload.source", errors);
        severity = string(payload, "severity", "payload.severity", errors);
        if (severity != null && !SEVERITIES.contains(severity)) {
          errors.add("'payload.severity' is invalid (must be one of the following: 'critical', 'error', 'warning' or 'info')");
        }
        String timestamp = optionalString(payload, "timestamp", "payload.timestamp", errors);
        if (timestamp != null && !isoDateTime(timestamp)) {
          errors.add("'payload.timestamp' is invalid (must be an ISO 8601 date and time)");
        }
      }
    }
    if (!errors.isEmpty()) {
      return new Invalid(errors, json);
    }
    return new Valid(new PagerDutyEvent(routingKey, action, dedupKey, summary, severity, source, json));
  }

  /** A required string field: its value, or null with the problem added (absent, blank, or not a string). */
  private static String string(JsonNode parent, String field, String path, List<String> errors) {
    JsonNode node = parent.get(field);
    if (node != null && !node.isNull() && !node.isTextual()) {
      errors.add("'" + path + "' must be a string");
      return null;
    }
    if (node == null || node.isNull() || node.asText().isBlank()) {
      errors.add("'" + path + "' is missing or blank");
      return null;
    }
    return node.asText();
  }

  /** An optional string field: its value, or null when absent or blank (a value that is no string is a problem). */
  private static String optionalString(JsonNode parent, String field, String path, List<String> errors) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      errors.add("'" + path + "' must be a string");
      return null;
    }
    return node.asText().isBlank() ? null : node.asText();
  }

  private static boolean isoDateTime(String text) {
    try {
      OffsetDateTime.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
