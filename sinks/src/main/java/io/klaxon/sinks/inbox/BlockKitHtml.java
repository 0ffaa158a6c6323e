package io.klaxon.sinks.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.regex.Pattern;
import org.owasp.encoder.Encode;

/**
 * Renders a captured Slack message as a Slack client would show it: the message text, its Block
 * Kit blocks (header, section text and fields, context, divider, image, actions, rich text) and
 * its attachments with their colour bar. Images are shown by their alt text, never fetched, so the
 * page makes no network request. Every captured string is escaped ({@link MrkdwnHtml},
 * {@link Encode#forHtml}); colours are used only when they are {@code #RRGGBB} or Slack's named ones.
 * Buttons are labels, or, for a message the page lets you click, submit buttons of a small form
 * naming only the message's inbox id and the button's number ({@link SlackButton}). Stateless.
 */
public final class BlockKitHtml {
  /** Where the page's button forms post to. */
  public static final String CLICK_PATH = "/slack/actions";
  private static final Pattern HEX_COLOR = Pattern.compile("#?[0-9A-Fa-f]{6}");
  private static final String DEFAULT_COLOR = "#DDDDDD";

  private BlockKitHtml() {}

  /** The body of a Slack message as HTML, its buttons shown as labels. */
  public static String message(SlackCapture message) {
    return message(message, new Buttons(-1));
  }

  /**
   * The body of a Slack message as HTML whose buttons can be clicked: each is a form posting
   * {@code message} (the inbox id) and {@code button} (its number) to {@value #CLICK_PATH}.
   */
  public static String clickableMessage(SlackCapture message, long inboxId) {
    return message(message, new Buttons(inboxId));
  }

  /** Numbers a message's buttons as they are rendered, the order of {@link SlackButton#of}. */
  private static final class Buttons {
    private final long messageId;
    private int next;

    Buttons(long messageId) {
      this.messageId = messageId;
    }
  }

  private static String message(SlackCapture message, Buttons buttons) {
    StringBuilder out = new StringBuilder(1024);
    boolean hasBlocks = message.blocks().isArray() && !message.blocks().isEmpty();
    // With top-level blocks Slack uses the text only for notifications; without, it shows it.
    if (!message.text().isBlank() && !hasBlocks) {
      out.append("<div class=\"mrkdwn\">").append(MrkdwnHtml.toHtml(message.text())).append("</div>");
    }
    if (hasBlocks) {
      out.append(blocks(message.blocks(), buttons));
    }
    if (message.attachments().isArray()) {
      for (JsonNode attachment : message.attachments()) {
        out.append(attachment(attachment, buttons));
      }
    }
    return out.toString();
  }

  /** A Block Kit array as HTML; unknown block types are named, not dropped. */
  public static String blocks(JsonNode blocks) {
    return blocks(blocks, new Buttons(-1));
  }

  private static String blocks(JsonNode blocks, Buttons buttons) {
    StringBuilder out = new StringBuilder();
    for (JsonNode block : blocks) {
      String type = block.path("type").asText("");
      switch (type) {
        case "header" -> out.append("<div class=\"sk-header\">").append(text(block.path("text"))).append("</div>");
        case "section" -> section(block, out, buttons);
        case "context" -> {
          out.append("<div class=\"sk-context\">");
          for (JsonNode element : block.path("elements")) {
            out.append("<span class=\"sk-context-item\">")
                .append("image".equals(element.path("type").asText()) ? image(element) : text(element))
                .append("</span>");
          }
          out.append("</div>");
        }
        case "divider" -> out.append("<hr class=\"sk-divider\">");
        case "image" -> out.append("<div class=\"sk-image\">").append(image(block))
            .append(block.path("title").isObject() ? " " + text(block.path("title")) : "").append("</div>");
        case "actions" -> {
          out.append("<div class=\"sk-actions\">");
          for (JsonNode element : block.path("elements")) {
            out.append(element(element, buttons));
          }
          out.append("</div>");
        }
        case "rich_text" -> out.append("<div class=\"sk-rich\">").append(Encode.forHtml(richText(block)))
            .append("</div>");
        default -> out.append("<div class=\"sk-unknown\">[").append(Encode.forHtml(type.isEmpty() ? "block" : type))
            .append(" block]</div>");
      }
    }
    return out.toString();
  }

  private static void section(JsonNode block, StringBuilder out, Buttons buttons) {
    out.append("<div class=\"sk-section\">");
    if (block.path("text").isObject()) {
      out.append("<div class=\"sk-text\">").append(text(block.path("text"))).append("</div>");
    }
    if (block.path("fields").isArray() && !block.path("fields").isEmpty()) {
      out.append("<div class=\"sk-fields\">");
      for (JsonNode field : block.path("fields")) {
        out.append("<div class=\"sk-field\">").append(text(field)).append("</div>");
      }
      out.append("</div>");
    }
    if (block.path("accessory").isObject()) {
      out.append("<div class=\"sk-accessory\">").append(element(block.path("accessory"), buttons)).append("</div>");
    }
    out.append("</div>");
  }

  private static String attachment(JsonNode attachment, Buttons buttons) {
    StringBuilder out = new StringBuilder();
    out.append("<div class=\"sk-attachment\" style=\"border-inline-start-color:")
        .append(color(attachment.path("color").asText(""))).append("\">");
    if (attachment.path("pretext").isTextual()) {
      out.append("<div class=\"mrkdwn\">").append(MrkdwnHtml.toHtml(attachment.path("pretext").asText())).append("</div>");
    }
    if (attachment.path("title").isTextual()) {
      out.append("<div class=\"sk-title\">").append(MrkdwnHtml.plainToHtml(attachment.path("title").asText()))
          .append("</div>");
    }
    if (attachment.path("text").isTextual()) {
      out.append("<div class=\"mrkdwn\">").append(MrkdwnHtml.toHtml(attachment.path("text").asText())).append("</div>");
    }
    if (attachment.path("fields").isArray() && !attachment.path("fields").isEmpty()) {
      out.append("<div class=\"sk-fields\">");
      for (JsonNode field : attachment.path("fields")) {
        out.append("<div class=\"sk-field\"><b>").append(MrkdwnHtml.plainToHtml(field.path("title").asText("")))
            .append("</b><br>").append(MrkdwnHtml.toHtml(field.path("value").asText(""))).append("</div>");
      }
      out.append("</div>");
    }
    if (attachment.path("blocks").isArray()) {
      out.append(blocks(attachment.path("blocks"), buttons));
    }
    boolean shown = attachment.path("pretext").isTextual() || attachment.path("title").isTextual()
        || attachment.path("text").isTextual() || attachment.path("fields").isArray()
        || attachment.path("blocks").isArray();
    if (!shown && attachment.path("fallback").isTextual()) {
      out.append("<div class=\"mrkdwn\">").append(MrkdwnHtml.toHtml(attachment.path("fallback").asText())).append("</div>");
    }
    return out.append("</div>").toString();
  }

  /** A text object: mrkdwn rendered, plain_text escaped. */
  private static String text(JsonNode object) {
    if (object.isTextual()) {
      return MrkdwnHtml.plainToHtml(object.asText());
    }
    String value = object.path("text").asText("");
    if ("mrkdwn".equals(object.path("type").asText())) {
      return "<span class=\"mrkdwn\">" + MrkdwnHtml.toHtml(value) + "</span>";
    }
    return MrkdwnHtml.plainToHtml(value);
  }

  private static String image(JsonNode image) {
    String alt = image.path("alt_text").asText("");
    return "<span class=\"sk-img\">[" + Encode.forHtml(alt.isBlank() ? "image" : alt) + "]</span>";
  }

  private static String element(JsonNode element, Buttons buttons) {
    String type = element.path("type").asText("");
    if ("image".equals(type)) {
      return image(element);
    }
    if (SlackButton.isButton(element)) {
      return button(element, buttons);
    }
    return "<span class=\"sk-element\">[" + Encode.forHtml(type.isEmpty() ? "element" : type) + "]</span>";
  }

  private static String button(JsonNode element, Buttons buttons) {
    int index = buttons.next++;
    String style = element.path("style").asText("");
    String css = "sk-button" + ("primary".equals(style) || "danger".equals(style) ? " sk-" + style : "");
    if (buttons.messageId < 0) {
      return "<span class=\"" + css + "\">" + text(element.path("text")) + "</span>";
    }
    return "<form class=\"sk-click\" method=\"post\" action=\"" + CLICK_PATH + "\">"
        + "<input type=\"hidden\" name=\"message\" value=\"" + buttons.messageId + "\">"
        + "<input type=\"hidden\" name=\"button\" value=\"" + index + "\">"
        + "<button type=\"submit\" class=\"" + css + "\" data-action-id=\""
        + Encode.forHtmlAttribute(element.path("action_id").asText("")) + "\">" + text(element.path("text"))
        + "</button></form>";
  }

  private static String richText(JsonNode node) {
    StringBuilder out = new StringBuilder();
    if (node.path("text").isTextual()) {
      out.append(node.path("text").asText());
    } else if (node.path("url").isTextual()) {
      out.append(node.path("url").asText());
    }
    for (JsonNode child : node.path("elements")) {
      out.append(richText(child));
    }
    return out.toString();
  }

  /** A CSS colour from a captured one: {@code #RRGGBB}, Slack's good/warning/danger, else grey. */
  static String color(String color) {
    String value = color.strip();
    if (HEX_COLOR.matcher(value).matches()) {
      return value.startsWith("#") ? value : "#" + value;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "good" -> "#2EB67D";
      case "warning" -> "#ECB22E";
      case "danger" -> "#E01E5A";
      default -> DEFAULT_COLOR;
    };
  }
}
