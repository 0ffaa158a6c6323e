package io.klaxon.sinks.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klaxon.sinks.inbox.SlackCapture;

/**
 * A captured message as Slack's Web API shows it in answers ({@code "message"} of
 * {@code chat.postMessage} and {@code chat.update}): a bot message of the local workspace, with
 * {@code edited} once it has been updated. Stateless.
 */
final class MessageJson {
  private MessageJson() {}

  static ObjectNode of(SlackCapture capture) {
    ObjectNode message = SlackAnswer.object()
        .put("type", "message")
        .put("subtype", "bot_message")
        .put("text", capture.text())
        .put("ts", capture.ts())
        .put("bot_id", LocalWorkspace.BOT_ID)
        .put("team", LocalWorkspace.TEAM_ID);
    if (capture.isReply()) {
      message.put("thread_ts", capture.threadTs());
    }
    if (!capture.blocks().isMissingNode()) {
      message.set("blocks", capture.blocks());
    }
    if (!capture.attachments().isMissingNode()) {
      message.set("attachments", capture.attachments());
    }
    if (!capture.metadata().isMissingNode()) {
      message.set("metadata", capture.metadata());
    }
    if (capture.edits() > 0) {
      message.putObject("edited").put("user", LocalWorkspace.USER_ID).put("ts", capture.ts());
    }
    return message;
  }
}
