package io.klaxon.notifier.slack;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.slack.api.model.Attachment;
import java.util.List;

/**
 * Block Kit JSON in which every {@code mrkdwn} text object says {@code "verbatim": true}. Slack
 * otherwise pre-processes such text: it links URLs and channel names and turns "certain mentions"
 * into live ones, so a producer's plain {@code @here} could ping a channel even though every
 * {@code <}, {@code >} and {@code &} was escaped. Verbatim text keeps explicit markup (the links the
 * renderer writes as {@code <url|text>}) and leaves everything else as written. Stateless.
 */
final class VerbatimMrkdwn {
  private VerbatimMrkdwn() {}

  /** {@code attachments} as JSON (with the SDK's {@code gson}), every mrkdwn text made verbatim. */
  static JsonElement attachments(List<Attachment> attachments, Gson gson) {
    JsonElement json = gson.toJsonTree(attachments);
    markVerbatim(json);
    return json;
  }

  private static void markVerbatim(JsonElement node) {
    if (node.isJsonArray()) {
      node.getAsJsonArray().forEach(VerbatimMrkdwn::markVerbatim);
    } else if (node.isJsonObject()) {
      JsonObject object = node.getAsJsonObject();
      if (object.get("type") instanceof JsonPrimitive type && "mrkdwn".equals(type.getAsString())) {
        object.addProperty("verbatim", true);
      }
      object.entrySet().forEach(entry -> markVerbatim(entry.getValue()));
    }
  }
}
