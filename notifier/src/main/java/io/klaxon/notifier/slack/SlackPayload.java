package io.klaxon.notifier.slack;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.slack.api.SlackConfig;
import com.slack.api.model.Attachment;
import com.slack.api.util.json.GsonFactory;
import io.klaxon.notifier.render.SlackMessage;
import java.util.List;

/**
 * The JSON a {@link SlackMessage} travels as: its blocks in one attachment coloured by severity,
 * every mrkdwn text verbatim, the fallback text, and Slack asked to parse nothing into links or
 * mentions. An incoming webhook receives exactly {@link #body}; {@code chat.postMessage} sends the
 * same {@link #attachments} with the channel and Klaxon's message metadata. Stateless.
 */
public final class SlackPayload {
  private static final Gson PREVIEW_GSON = GsonFactory.createSnakeCase(new SlackConfig());

  private SlackPayload() {}

  /** The message's blocks as the one attachment Klaxon sends, as the SDK's model. */
  static Attachment attachment(SlackMessage message) {
    return Attachment.builder().color(message.color()).fallback(message.text()).blocks(message.blocks()).build();
  }

  /** The attachments as JSON, written with the SDK's {@code gson}. */
  static JsonElement attachments(SlackMessage message, Gson gson) {
    return VerbatimMrkdwn.attachments(List.of(attachment(message)), gson);
  }

  /** The incoming-webhook body of {@code message}. */
  static JsonObject body(SlackMessage message, Gson gson) {
    JsonObject payload = new JsonObject();
    payload.addProperty("text", message.text());
    payload.add("attachments", attachments(message, gson));
    payload.addProperty("parse", "none");
    payload.addProperty("link_names", false);
    return payload;
  }

  /**
   * The body a Slack target receives, pretty-printed: the incoming-webhook body, with {@code
   * channel} first when the target is posted to through the Web API ({@code channel} non-null).
   */
  public static String preview(SlackMessage message, String channel) {
    JsonObject out = new JsonObject();
    if (channel != null) {
      out.addProperty("channel", channel);
    }
    body(message, PREVIEW_GSON).entrySet().forEach(e -> out.add(e.getKey(), e.getValue()));
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(out);
  }
}
