package io.klaxon.sinks.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A Slack message received by the {@link io.klaxon.sinks.slack.SlackApiStandIn}, through {@code chat.postMessage} (and
 * possibly changed since by {@code chat.update}) or through an incoming webhook.
 *
 * @param receivedAt when it was first posted
 * @param tenant attributed tenant
 * @param via {@code chat.postMessage} or {@code incoming-webhook}
 * @param channelId the channel id the stand-in answered with ({@code C…}); for a webhook the path
 * @param channelName the channel as the client named it; for a webhook the path
 * @param ts the message timestamp id ({@code <seconds>.<micros>}); empty for webhooks
 * @param text the fallback text, may be empty
 * @param blocks top-level Block Kit blocks (a JSON array, or missing)
 * @param attachments legacy attachments, each possibly with a colour and blocks (array or missing)
 * @param metadata message metadata as sent (object or missing)
 * @param edits how many times {@code chat.update} changed it
 * @param threadTs the {@code ts} of the message this one replies to ({@code thread_ts}); empty for a
 *     message of the channel itself
 */
public record SlackCapture(Instant receivedAt, String tenant, String via, String channelId, String channelName,
    String ts, String text, JsonNode blocks, JsonNode attachments, JsonNode metadata, int edits, String threadTs)
    implements Capture {
  /** Received through {@code chat.postMessage}. */
  public static final String VIA_API = "chat.postMessage";
  /** Received through an incoming webhook. */
  public static final String VIA_WEBHOOK = "incoming-webhook";

  public SlackCapture {
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(via, "via");
    channelId = channelId == null ? "" : channelId;
    channelName = channelName == null ? "" : channelName;
    ts = ts == null ? "" : ts;
    text = text == null ? "" : text;
    blocks = blocks == null ? MissingNode.getInstance() : blocks;
    attachments = attachments == null ? MissingNode.getInstance() : attachments;
    metadata = metadata == null ? MissingNode.getInstance() : metadata;
    threadTs = threadTs == null ? "" : threadTs;
  }

  /** A message of the channel itself, not a reply in a thread. */
  public SlackCapture(Instant receivedAt, String tenant, String via, String channelId, String channelName,
      String ts, String text, JsonNode blocks, JsonNode attachments, JsonNode metadata, int edits) {
    this(receivedAt, tenant, via, channelId, channelName, ts, text, blocks, attachments, metadata, edits, "");
  }

  /** Whether this message is a reply in the thread of another. */
  public boolean isReply() {
    return !threadTs.isEmpty();
  }

  @Override
  public InboxChannel channel() {
    return InboxChannel.SLACK;
  }

  @Override
  public String destination() {
    return channelName;
  }

  @Override
  public boolean rightToLeft() {
    return TextDirection.isRightToLeft(text) || anyTextRightToLeft(blocks) || anyTextRightToLeft(attachments);
  }

  /** Looks at every {@code "text"} string in a Block Kit tree. */
  private static boolean anyTextRightToLeft(JsonNode node) {
    if (node.isObject()) {
      JsonNode text = node.get("text");
      if (text != null && text.isTextual() && TextDirection.isRightToLeft(text.asText())) {
        return true;
      }
    }
    for (JsonNode child : node) {
      if (anyTextRightToLeft(child)) {
        return true;
      }
    }
    return false;
  }

  /** This message as changed by {@code chat.update}: new content, same channel, ts and arrival. */
  public SlackCapture updated(String newText, JsonNode newBlocks, JsonNode newAttachments) {
    return new SlackCapture(receivedAt, tenant, via, channelId, channelName, ts,
        newText == null ? text : newText,
        newBlocks == null || newBlocks.isMissingNode() ? blocks : newBlocks,
        newAttachments == null || newAttachments.isMissingNode() ? attachments : newAttachments,
        metadata, edits + 1, threadTs);
  }
}
