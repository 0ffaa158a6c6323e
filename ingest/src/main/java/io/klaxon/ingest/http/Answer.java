package io.klaxon.ingest.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klaxon.contract.FieldProblem;
import io.klaxon.ingest.auth.Authentication;
import io.klaxon.ingest.mapping.IngestItem;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the ingest service answers: an HTTP status, headers and a JSON body. Every body has {@code
 * status} ({@code success} or {@code error}); answers about alerts say how many were {@code
 * accepted}, and a 400 lists every bad item as {@code {"index": i, "field": "labels.alertname",
 * "message": "..."}}. Immutable.
 *
 * @param status the HTTP status
 * @param headers extra response headers ({@code Retry-After}, {@code WWW-Authenticate}, {@code Allow})
 * @param body the JSON body
 */
public record Answer(int status, Map<String, String> headers, String body) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public Answer {
    headers = Map.copyOf(headers);
  }

  /** 200: every alert is durable in Kafka. */
  public static Answer accepted(int count) {
    ObjectNode body = JSON.createObjectNode().put("status", "success").put("accepted", count);
    return new Answer(200, Map.of(), body.toString());
  }

  /** 400: the valid alerts ({@code accepted}) are durable; each item of {@code invalid} is named with its problems. */
  public static Answer partlyInvalid(int accepted, List<IngestItem> invalid) {
    ObjectNode body = JSON.createObjectNode().put("status", "error").put("accepted", accepted)
        .put("rejected", invalid.size());
    ArrayNode errors = body.putArray("errors");
    for (IngestItem item : invalid) {
      for (FieldProblem problem : item.problems()) {
        errors.addObject().put("index", item.index()).put("field", problem.field()).put("message", problem.message());
      }
    }
    return new Answer(400, Map.of(), body.toString());
  }

  /** 400: the body as a whole is not of the endpoint's format; nothing was accepted. */
  public static Answer unreadable(String message) {
    return error(400, message, Map.of());
  }

  /** 401 (403 for a disabled tenant): the key does not authenticate; nothing was accepted. */
  public static Answer refused(Authentication.Refusal refusal) {
    if (refusal == Authentication.Refusal.TENANT_DISABLED) {
      return error(403, refusal.message(), Map.of());
    }
    return error(401, refusal.message(), Map.of("WWW-Authenticate", "Bearer realm=\"klaxon-ingest\""));
  }

  /** 413: the body is longer than {@code maxBytes}; nothing was accepted. */
  public static Answer bodyTooLarge(long maxBytes) {
    return error(413, "request body over " + maxBytes + " bytes; send fewer alerts per request", Map.of());
  }

  /** 413: more alerts than the tenant's quota ever holds at once; nothing was accepted. */
  public static Answer tooManyAlerts(int alerts, int burst) {
    return error(413, alerts + " alerts in one request, but this tenant's ingest burst is " + burst
        + "; send at most " + burst + " per request", Map.of());
  }

  /** 429: the tenant's quota is spent; nothing was accepted; try again after {@code retryAfter}. */
  public static Answer overQuota(Duration retryAfter) {
    return error(429, "ingest quota exceeded", Map.of("Retry-After", seconds(retryAfter)));
  }

  /** 503: nothing is known to be durable; the same request may be sent again after {@code retryAfter}. */
  public static Answer unavailable(String message, Duration retryAfter) {
    return error(503, message, Map.of("Retry-After", seconds(retryAfter)));
  }

  /** 405: only POST is answered. */
  public static Answer methodNotAllowed() {
    return error(405, "method not allowed: POST alerts here", Map.of("Allow", "POST"));
  }

  /** 415: a compressed body. */
  public static Answer unsupportedEncoding(String encoding) {
    return error(415, "Content-Encoding '" + encoding + "' is not supported; send the body uncompressed", Map.of());
  }

  private static Answer error(int status, String message, Map<String, String> headers) {
    ObjectNode body = JSON.createObjectNode().put("status", "error").put("message", message);
    return new Answer(status, new LinkedHashMap<>(headers), body.toString());
  }

  // Whole seconds, rounded up, at least one: a client retrying sooner would be refused again.
  private static String seconds(Duration wait) {
    long millis = Math.max(1, wait.toMillis());
    return Long.toString((millis + 999) / 1000);
  }
}
