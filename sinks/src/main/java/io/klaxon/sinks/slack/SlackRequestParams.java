package io.klaxon.sinks.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The arguments of a Slack Web API call, from either body the API accepts: form-urlencoded (what
 * slack-api-client sends, with {@code blocks}, {@code attachments} and {@code metadata} as JSON
 * strings) or a JSON object (with them as JSON values). Immutable.
 */
final class SlackRequestParams {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ObjectNode params;

  private SlackRequestParams(ObjectNode params) {
    this.params = params;
  }

  /** A request body that is one JSON object, or null when it is anything else. */
  static JsonNode jsonObject(byte[] body) {
    try {
      JsonNode node = MAPPER.readTree(body);
      return node != null && node.isObject() ? node : null;
    } catch (IOException notJson) {
      return null;
    }
  }

  /**
   * Parses a body by its Content-Type.
   *
   * @throws IllegalArgumentException when a JSON body is not a JSON object
   */
  static SlackRequestParams parse(String contentType, byte[] body) {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    String text = new String(body, StandardCharsets.UTF_8);
    if (type.startsWith("application/json")) {
      try {
        JsonNode node = MAPPER.readTree(text);
        if (node instanceof ObjectNode object) {
          return new SlackRequestParams(object);
        }
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("body is not JSON", e);
      }
      throw new IllegalArgumentException("body is not a JSON object");
    }
    ObjectNode params = MAPPER.createObjectNode();
    for (String pair : text.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.put(name, value);
    }
    return new SlackRequestParams(params);
  }

  /** A string argument, or null when absent. */
  String text(String name) {
    JsonNode node = params.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    return node.isValueNode() ? node.asText() : node.toString();
  }

  /**
   * A JSON argument: given as a JSON value or as a string holding JSON. Missing when absent, blank
   * or not JSON.
   */
  JsonNode json(String name) {
    JsonNode node = params.get(name);
    if (node == null || node.isNull()) {
      return MissingNode.getInstance();
    }
    if (!node.isTextual()) {
      return node;
    }
    if (node.asText().isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      JsonNode parsed = MAPPER.readTree(node.asText());
      return parsed == null ? MissingNode.getInstance() : parsed;
    } catch (JsonProcessingException e) {
      return MissingNode.getInstance();
    }
  }
}
