package io.klaxon.sinks.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klaxon.sinks.inbox.Inbox;
import io.klaxon.sinks.inbox.SlackCapture;
import io.klaxon.sinks.inbox.TenantAttribution;
import java.time.InstantSource;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * {@code chat.postMessage}: a message with text, blocks or attachments (and optional metadata)
 * goes to a channel, named by name or id, within the channel's posting limit, or with {@code
 * thread_ts} as a reply in the thread of a message kept in that channel. It is captured in
 * the {@link Inbox}, indexed for {@code chat.update}, and answered as Slack does: {@code ok}, the
 * channel id, the message's {@code ts} and the message. Refusals: {@code channel_not_found},
 * {@code no_text}, {@code thread_not_found} (a {@code thread_ts} of no message kept in the channel), and HTTP 429 {@code ratelimited} with {@code Retry-After}. Thread-safe.
 */
final class ChatPostMessage {
  private final Inbox inbox;
  private final SlackChannels channels;
  private final MessageIndex index;
  private final MessageTimestamps timestamps;
  private final PostingLimits limits;
  private final InstantSource clock;

  ChatPostMessage(Inbox inbox, SlackChannels channels, MessageIndex index, MessageTimestamps timestamps,
      PostingLimits limits, InstantSource clock) {
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.channels = Objects.requireNonNull(channels, "channels");
    this.index = Objects.requireNonNull(index, "index");
    this.timestamps = Objects.requireNonNull(timestamps, "timestamps");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  SlackAnswer call(SlackRequestParams params) {
    String channel = params.text("channel");
    if (channel == null || channel.isBlank()) {
      return SlackAnswer.error("channel_not_found");
    }
    MessageContent content = new MessageContent(params.text("text"), params.json("blocks"), params.json("attachments"));
    if (content.isEmpty()) {
      return SlackAnswer.error("no_text");
    }
    String channelId = channels.idFor(channel);
    OptionalLong wait = limits.retryAfterSeconds(channelId);
    if (wait.isPresent()) {
      return SlackAnswer.error(429, "ratelimited").retryAfter(wait.getAsLong());
    }
    String threadTs = params.text("thread_ts");
    if (threadTs != null && !threadTs.isBlank() && index.find(channelId, threadTs) == null) {
      return SlackAnswer.error("thread_not_found");
    }
    String ts = timestamps.next();
    JsonNode metadata = params.json("metadata");
    String channelName = channels.nameOf(channelId, channel);
    SlackCapture capture = new SlackCapture(clock.instant(), TenantAttribution.slack(metadata, null, channelName),
        SlackCapture.VIA_API, channelId, channelName, ts, content.text(), content.blocks(), content.attachments(),
        metadata, 0, threadTs == null || threadTs.isBlank() ? "" : threadTs);
    index.put(channelId, ts, inbox.add(capture));
    ObjectNode body = SlackAnswer.object().put("ok", true).put("channel", channelId).put("ts", ts);
    body.set("message", MessageJson.of(capture));
    return SlackAnswer.ok(body);
  }
}
