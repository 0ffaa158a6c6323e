package io.klaxon.sinks.pagerduty;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What the PagerDuty stand-in answers, in the Events API's own shapes. Immutable.
 *
 * @param status HTTP status
 * @param body JSON
 * @param retryAfterSeconds the {@code Retry-After} header of a rate-limited answer, else empty
 */
record PagerDutyAnswer(int status, String body, OptionalLong retryAfterSeconds) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  PagerDutyAnswer {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(retryAfterSeconds, "retryAfterSeconds");
  }

  /** 202 {@code {"status":"success","message":"Event processed","dedup_key":…}}. */
  static PagerDutyAnswer accepted(String dedupKey) {
    return json(202, MAPPER.createObjectNode().put("status", "success").put("message", "Event processed")
        .put("dedup_key", dedupKey), OptionalLong.empty());
  }

  /** 400 {@code {"status":"invalid event","message":"Event object is invalid","errors":[…]}}. */
  static PagerDutyAnswer invalid(List<String> errors) {
    ObjectNode body = MAPPER.createObjectNode().put("status", "invalid event").put("message", "Event object is invalid");
    ArrayNode list = body.putArray("errors");
    errors.forEach(list::add);
    return json(400, body, OptionalLong.empty());
  }

  /** 429 with {@code Retry-After}: too many events to one routing key. */
  static PagerDutyAnswer throttled(long retryAfterSeconds) {
    return json(429, MAPPER.createObjectNode().put("status", "throttle exceeded")
        .put("message", "Requests for this service are arriving too quickly. Please retry later."),
        OptionalLong.of(retryAfterSeconds));
  }

  /** Another refusal ({@code 404}, {@code 405}) with a status and a message. */
  static PagerDutyAnswer refused(int status, String message) {
    return json(status, MAPPER.createObjectNode().put("status", "unrecognized request").put("message", message),
        OptionalLong.empty());
  }

  private static PagerDutyAnswer json(int status, ObjectNode body, OptionalLong retryAfterSeconds) {
    return new PagerDutyAnswer(status, body.toString(), retryAfterSeconds);
  }
}
