package io.klaxon.sinks.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What the Slack stand-in answers to one request, before it is written to the connection: the Web
 * API answers JSON ({@code {"ok":false,"error":…}} with HTTP 200 for refusals, as Slack does),
 * incoming webhooks plain text. Immutable.
 *
 * @param status HTTP status
 * @param contentType the body's media type
 * @param body the body
 * @param retryAfterSeconds the {@code Retry-After} header of a rate-limited answer, else empty
 */
record SlackAnswer(int status, String contentType, String body, OptionalLong retryAfterSeconds) {
  static final String JSON = "application/json; charset=utf-8";
  static final String TEXT = "text/plain; charset=utf-8";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  SlackAnswer {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(retryAfterSeconds, "retryAfterSeconds");
  }

  /** A Web API answer with HTTP 200; the body should say {@code "ok":true}. */
  static SlackAnswer ok(ObjectNode body) {
    return json(200, body);
  }

  /** A Web API refusal as Slack sends most of them: HTTP 200, {@code {"ok":false,"error":code}}. */
  static SlackAnswer error(String code) {
    return error(200, code);
  }

  /** A Web API refusal with another HTTP status. */
  static SlackAnswer error(int status, String code) {
    return json(status, MAPPER.createObjectNode().put("ok", false).put("error", code));
  }

  /** A plain-text answer, as incoming webhooks give. */
  static SlackAnswer text(int status, String text) {
    return new SlackAnswer(status, TEXT, text, OptionalLong.empty());
  }

  /** A new empty JSON object for an answer's body. */
  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** This answer with a {@code Retry-After} header. */
  SlackAnswer retryAfter(long seconds) {
    return new SlackAnswer(status, contentType, body, OptionalLong.of(seconds));
  }

  private static SlackAnswer json(int status, ObjectNode body) {
    return new SlackAnswer(status, JSON, body.toString(), OptionalLong.empty());
  }
}
