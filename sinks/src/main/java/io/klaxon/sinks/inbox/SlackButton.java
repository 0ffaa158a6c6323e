package io.klaxon.sinks.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Block Kit button of a captured Slack message: in an {@code actions} block or as a section's
 * accessory, at the top level or inside an attachment. Buttons are numbered in the order the inbox
 * page shows them (top-level blocks first, then each attachment's), so the page names a button by
 * its message's inbox id and its {@link #index()}, never by its value.
 *
 * @param index position among the message's buttons, from 0
 * @param blockId the {@code block_id} of the block holding it (empty when it has none)
 * @param actionId its {@code action_id} (empty when it has none)
 * @param text its label
 * @param value its {@code value} (empty when it has none)
 * @param style {@code primary}, {@code danger} or empty
 */
public record SlackButton(int index, String blockId, String actionId, String text, String value, String style) {
  public SlackButton {
    Objects.requireNonNull(blockId, "blockId");
    Objects.requireNonNull(actionId, "actionId");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(style, "style");
  }

  /** The buttons of {@code message} in page order. */
  public static List<SlackButton> of(SlackCapture message) {
    List<SlackButton> out = new ArrayList<>();
    if (message.blocks().isArray() && !message.blocks().isEmpty()) {
      collect(message.blocks(), out);
    }
    if (message.attachments().isArray()) {
      for (JsonNode attachment : message.attachments()) {
        if (attachment.path("blocks").isArray()) {
          collect(attachment.path("blocks"), out);
        }
      }
    }
    return List.copyOf(out);
  }

  /** Whether a Block Kit element is a button. */
  static boolean isButton(JsonNode element) {
    return "button".equals(element.path("type").asText(""));
  }

  private static void collect(JsonNode blocks, List<SlackButton> out) {
    for (JsonNode block : blocks) {
      String type = block.path("type").asText("");
      if ("actions".equals(type)) {
        for (JsonNode element : block.path("elements")) {
          add(block, element, out);
        }
      } else if ("section".equals(type) && block.path("accessory").isObject()) {
        add(block, block.path("accessory"), out);
      }
    }
  }

  private static void add(JsonNode block, JsonNode element, List<SlackButton> out) {
    if (isButton(element)) {
      out.add(new SlackButton(out.size(), block.path("block_id").asText(""), element.path("action_id").asText(""),
          element.path("text").path("text").asText(""), element.path("value").asText(""),
          element.path("style").asText("")));
    }
  }
}
