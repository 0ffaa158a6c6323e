package io.klaxon.ingest.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A click on one of Klaxon's buttons, read from Slack's {@code block_actions} interaction payload
 * (a form body {@code payload=<JSON>}): which button, the alert its value names, who clicked, and
 * where to replace the message ({@code response_url}) together with the message as Slack showed it.
 *
 * @param action {@code action_id}: {@code klaxon_ack} or {@code klaxon_silence_1h}
 * @param tenantId the tenant the button value names
 * @param targetId the Slack target the message went to
 * @param fingerprint the alert's fingerprint
 * @param labels the alert's labels (the silence button's value; empty for Ack)
 * @param user who clicked: Slack user name, else name, else id
 * @param responseUrl where the message can be replaced, or null
 * @param message the message as clicked (JSON object, possibly empty)
 */
public record SlackInteraction(String action, String tenantId, String targetId, String fingerprint,
    Map<String, String> labels, String user, String responseUrl, ObjectNode message) {
  /** {@code action_id} of the Ack button (as the notifier writes it). */
  public static final String ACK = "klaxon_ack";
  /** {@code action_id} of the Silence 1h button. */
  public static final String SILENCE_1H = "klaxon_silence_1h";

  private static final ObjectMapper JSON = new ObjectMapper();

  public SlackInteraction {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(targetId, "targetId");
    Objects.requireNonNull(fingerprint, "fingerprint");
    labels = Map.copyOf(labels);
    Objects.requireNonNull(user, "user");
    message = message == null ? JSON.createObjectNode() : message;
  }

  /**
   * Reads a form-encoded interaction body.
   *
   * @throws IllegalArgumentException naming what is missing or malformed
   */
  public static SlackInteraction parse(byte[] body) {
    String payload = null;
    for (String pair : new String(body, StandardCharsets.UTF_8).split("&", -1)) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals("payload")) {
        payload = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    if (payload == null) {
      throw new IllegalArgumentException("form field payload is missing");
    }
    JsonNode root = json(payload, "payload");
    if (!"block_actions".equals(root.path("type").asText())) {
      throw new IllegalArgumentException("payload.type must be block_actions");
    }
    JsonNode action = root.path("actions").path(0);
    String actionId = action.path("action_id").asText("");
    if (!actionId.equals(ACK) && !actionId.equals(SILENCE_1H)) {
      throw new IllegalArgumentException("payload.actions[0].action_id is not a Klaxon button: " + actionId);
    }
    JsonNode value = json(action.path("value").asText(""), "payload.actions[0].value");
    String tenant = text(value, "tenant");
    String target = text(value, "target");
    String fingerprint = text(value, "fingerprint");
    Map<String, String> labels = new LinkedHashMap<>();
    value.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    if (actionId.equals(SILENCE_1H) && labels.isEmpty()) {
      throw new IllegalArgumentException("payload.actions[0].value.labels is missing or empty");
    }
    JsonNode user = root.path("user");
    String who = first(user.path("username").asText(""), user.path("name").asText(""), user.path("id").asText(""));
    if (who.isEmpty()) {
      throw new IllegalArgumentException("payload.user has no username, name or id");
    }
    String responseUrl = root.path("response_url").asText("");
    JsonNode message = root.path("message");
    return new SlackInteraction(actionId, tenant, target, fingerprint, labels, who,
        responseUrl.isEmpty() ? null : responseUrl, message instanceof ObjectNode o ? o : null);
  }

  private static JsonNode json(String text, String field) {
    try {
      JsonNode node = JSON.readTree(text);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException(field + " is not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new IllegalArgumentException(field + " is not JSON");
    }
  }

  private static String text(JsonNode value, String name) {
    String text = value.path(name).asText("");
    if (text.isEmpty()) {
      throw new IllegalArgumentException("payload.actions[0].value." + name + " is missing");
    }
    return text;
  }

  private static String first(String... candidates) {
    for (String candidate : candidates) {
      if (!candidate.isEmpty()) {
        return candidate;
      }
    }
    return "";
  }
}
