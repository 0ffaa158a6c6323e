package io.klaxon.sinks.slack;

import com.fasterxml.jackson.databind.JsonNode;
import io.klaxon.sinks.inbox.Inbox;
import io.klaxon.sinks.inbox.SlackCapture;
import io.klaxon.sinks.inbox.TenantAttribution;
import java.time.InstantSource;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Incoming webhooks ({@code POST /services/<anything>}): a JSON object with {@code text},
 * {@code blocks} or {@code attachments}, within the path's posting limit, is captured in the
 * {@link Inbox} with its path and answered {@code ok} as plain text, as Slack does. Refusals, also
 * plain text: 400 {@code invalid_payload} (not a JSON object), 400 {@code no_text}, and 429
 * {@code rate_limited} with {@code Retry-After}. Thread-safe.
 */
final class IncomingWebhooks {
  private final Inbox inbox;
  private final PostingLimits limits;
  private final InstantSource clock;

  IncomingWebhooks(Inbox inbox, PostingLimits limits, InstantSource clock) {
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * @param path the request path, {@code /services/…}
   * @param body the request body
   */
  SlackAnswer receive(String path, byte[] body) {
    JsonNode payload = SlackRequestParams.jsonObject(body);
    if (payload == null) {
      return SlackAnswer.text(400, "invalid_payload");
    }
    String text = payload.path("text").isTextual() ? payload.path("text").asText() : null;
    MessageContent content = new MessageContent(text, payload.path("blocks"), payload.path("attachments"));
    if (content.isEmpty()) {
      return SlackAnswer.text(400, "no_text");
    }
    OptionalLong wait = limits.retryAfterSeconds(path);
    if (wait.isPresent()) {
      return SlackAnswer.text(429, "rate_limited").retryAfter(wait.getAsLong());
    }
    inbox.add(new SlackCapture(clock.instant(), TenantAttribution.slack(null, path, path), SlackCapture.VIA_WEBHOOK,
        path, path, "", content.text(), content.blocks(), content.attachments(), null, 0));
    return SlackAnswer.text(200, "ok");
  }
}
