package io.klaxon.sinks.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.klaxon.sinks.inbox.Capture;
import io.klaxon.sinks.inbox.Inbox;
import io.klaxon.sinks.inbox.SlackCapture;
import java.time.InstantSource;
import java.util.Objects;

/**
 * What an app posts to an interaction's {@code response_url} (JSON: {@code text}, {@code blocks},
 * {@code attachments}, {@code replace_original}, {@code delete_original}), done as Slack does it:
 * {@code replace_original} replaces the clicked message in place (its text, blocks and
 * attachments become the posted ones; what is not posted is gone), {@code delete_original} leaves
 * "This message was deleted.", anything else is a new message in the same channel (in the same
 * thread). Answers {@code {"ok":true}}; 404 {@code expired_url} for an unknown, expired or used-up
 * URL ({@link ResponseUrls}) or a message no longer kept; 400 {@code invalid_payload} for a body
 * that is not a JSON object, {@code no_text} for one without content. Thread-safe.
 */
final class MessageResponses {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** {@code via} of a message posted through a response URL. */
  static final String VIA_RESPONSE_URL = "response_url";

  private final Inbox inbox;
  private final ResponseUrls urls;
  private final InstantSource clock;

  MessageResponses(Inbox inbox, ResponseUrls urls, InstantSource clock) {
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.urls = Objects.requireNonNull(urls, "urls");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  SlackAnswer receive(String path, byte[] body) {
    JsonNode request = SlackRequestParams.jsonObject(body);
    if (request == null) {
      return SlackAnswer.error(400, "invalid_payload");
    }
    long inboxId = urls.use(path);
    Capture kept = inboxId < 0 ? null : inbox.get(inboxId);
    if (!(kept instanceof SlackCapture message)) {
      return SlackAnswer.error(404, "expired_url");
    }
    if (request.path("delete_original").asBoolean(false)) {
      ArrayNode none = JSON.createArrayNode();
      inbox.replace(inboxId, message.updated("This message was deleted.", none, none));
      return SlackAnswer.ok(SlackAnswer.object().put("ok", true));
    }
    MessageContent content = new MessageContent(request.path("text").isTextual() ? request.path("text").asText() : null,
        request.path("blocks"), request.path("attachments"));
    if (content.isEmpty()) {
      return SlackAnswer.error(400, "no_text");
    }
    if (request.path("replace_original").asBoolean(false)) {
      SlackCapture replaced = message.updated(content.text() == null ? "" : content.text(),
          content.blocks().isArray() ? content.blocks() : JSON.createArrayNode(),
          content.attachments().isArray() ? content.attachments() : JSON.createArrayNode());
      if (!inbox.replace(inboxId, replaced)) {
        return SlackAnswer.error(404, "expired_url");
      }
    } else {
      inbox.add(new SlackCapture(clock.instant(), message.tenant(), VIA_RESPONSE_URL, message.channelId(),
          message.channelName(), "", content.text(), content.blocks(), content.attachments(), message.metadata(), 0,
          message.isReply() ? message.threadTs() : ""));
    }
    return SlackAnswer.ok(SlackAnswer.object().put("ok", true));
  }
}
