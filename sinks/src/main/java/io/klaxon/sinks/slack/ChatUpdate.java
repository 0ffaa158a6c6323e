package io.klaxon.sinks.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klaxon.sinks.inbox.Capture;
import io.klaxon.sinks.inbox.Inbox;
import io.klaxon.sinks.inbox.SlackCapture;
import java.util.Objects;

/**
 * {@code chat.update}: changes the text, blocks or attachments of a message posted earlier, found by
 * channel (name or id) and {@code ts}, in place in the {@link Inbox} (same arrival, one more edit).
 * Answers {@code ok}, the channel id, ts, the new text and the message; refusals:
 * {@code channel_not_found} without a channel, {@code message_not_found} when no such message is
 * kept (never posted, or already dropped by the inbox). Thread-safe.
 */
final class ChatUpdate {
  private final Inbox inbox;
  private final SlackChannels channels;
  private final MessageIndex index;

  ChatUpdate(Inbox inbox, SlackChannels channels, MessageIndex index) {
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.channels = Objects.requireNonNull(channels, "channels");
    this.index = Objects.requireNonNull(index, "index");
  }

  SlackAnswer call(SlackRequestParams params) {
    String channel = params.text("channel");
    String ts = params.text("ts");
    if (channel == null || channel.isBlank()) {
      return SlackAnswer.error("channel_not_found");
    }
    String channelId = channels.knownId(channel);
    Long inboxId = channelId == null || ts == null ? null : index.find(channelId, ts);
    Capture existing = inboxId == null ? null : inbox.get(inboxId);
    if (!(existing instanceof SlackCapture message)) {
      return SlackAnswer.error("message_not_found");
    }
    SlackCapture updated = message.updated(params.text("text"), params.json("blocks"), params.json("attachments"));
    if (!inbox.replace(inboxId, updated)) {
      return SlackAnswer.error("message_not_found");
    }
    ObjectNode body = SlackAnswer.object().put("ok", true).put("channel", channelId).put("ts", ts)
        .put("text", updated.text());
    body.set("message", MessageJson.of(updated));
    return SlackAnswer.ok(body);
  }
}
