package io.klaxon.sinks.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * What the inbox reads from a webhook body: the notifier's payload (version 1) puts the tenant in
 * {@code tenant.id} and the rendered headline, locale and direction in {@code rendered}. Other
 * bodies are tolerated: a string {@code tenant} or {@code tenantId} field is used too, and a body
 * that is not JSON simply has no fields.
 *
 * @param json the parsed body, or a missing node when it is not JSON
 */
public record WebhookPayload(JsonNode json) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Parses a body; never throws. */
  public static WebhookPayload parse(String body) {
    if (body == null || body.isBlank()) {
      return new WebhookPayload(MissingNode.getInstance());
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      return new WebhookPayload(node == null ? MissingNode.getInstance() : node);
    } catch (JsonProcessingException e) {
      return new WebhookPayload(MissingNode.getInstance());
    }
  }

  /** Whether the body is a JSON document. */
  public boolean isJson() {
    return !json.isMissingNode();
  }

  /** The tenant named by the payload, or null. */
  public String tenantId() {
    JsonNode tenant = json.path("tenant");
    if (tenant.isObject() && tenant.path("id").isTextual()) {
      return tenant.path("id").asText();
    }
    if (tenant.isTextual()) {
      return tenant.asText();
    }
    JsonNode tenantId = json.path("tenantId");
    return tenantId.isTextual() ? tenantId.asText() : null;
  }

  /** The rendered headline, or empty. */
  public String renderedTitle() {
    return json.path("rendered").path("title").asText("");
  }

  /** The rendered locale tag, or empty. */
  public String locale() {
    return json.path("rendered").path("locale").asText("");
  }

  /** Whether the payload says it reads right to left (by direction, locale or its headline). */
  public boolean rightToLeft() {
    return "rtl".equalsIgnoreCase(json.path("rendered").path("direction").asText(""))
        || TextDirection.isRightToLeftLanguage(locale())
        || TextDirection.isRightToLeft(renderedTitle());
  }

  /** The body pretty-printed when it is JSON; the body unchanged otherwise. */
  public static String pretty(String body) {
    WebhookPayload payload = parse(body);
    if (!payload.isJson()) {
      return body == null ? "" : body;
    }
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(payload.json());
    } catch (JsonProcessingException e) {
      return body;
    }
  }
}
