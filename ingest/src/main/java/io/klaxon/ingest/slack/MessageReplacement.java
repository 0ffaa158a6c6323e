package io.klaxon.ingest.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The message a click leaves behind, posted to the interaction's {@code response_url} with {@code
 * replace_original}: the message as Slack showed it, its buttons (the actions block, at the top
 * level or in an attachment) replaced by one context line saying what was done and by whom
 * ("Acknowledged by @ana"). The line is mrkdwn-escaped, and verbatim, so a user name cannot mention
 * anyone. Stateless.
 */
public final class MessageReplacement {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MessageReplacement() {}

  /** The replacement body for {@code message} with {@code note} where its buttons were. */
  public static ObjectNode of(ObjectNode message, String note) {
    ObjectNode body = JSON.createObjectNode();
    body.put("replace_original", true);
    body.put("text", message.path("text").asText(""));
    boolean replaced = false;
    if (message.path("blocks").isArray()) {
      ArrayNode blocks = withNote((ArrayNode) message.get("blocks"), note);
      replaced = blocks.size() != message.get("blocks").size() || containsNote(blocks, note);
      body.set("blocks", blocks);
    }
    if (message.path("attachments").isArray()) {
      ArrayNode attachments = JSON.createArrayNode();
      for (JsonNode attachment : message.get("attachments")) {
        ObjectNode copy = attachment.deepCopy();
        if (copy.path("blocks").isArray()) {
          ArrayNode blocks = withNote((ArrayNode) copy.get("blocks"), note);
          replaced |= containsNote(blocks, note);
          copy.set("blocks", blocks);
        }
        attachments.add(copy);
      }
      body.set("attachments", attachments);
    }
    if (!replaced) {
      ArrayNode blocks = body.path("blocks").isArray() ? (ArrayNode) body.get("blocks") : body.putArray("blocks");
      blocks.add(context(note));
    }
    return body;
  }

  private static ArrayNode withNote(ArrayNode blocks, String note) {
    ArrayNode out = JSON.createArrayNode();
    for (JsonNode block : blocks) {
      out.add("actions".equals(block.path("type").asText()) ? context(note) : block.deepCopy());
    }
    return out;
  }

  private static boolean containsNote(ArrayNode blocks, String note) {
    for (JsonNode block : blocks) {
      if ("context".equals(block.path("type").asText())
          && escape(note).equals(block.path("elements").path(0).path("text").asText())) {
        return true;
      }
    }
    return false;
  }

  private static ObjectNode context(String note) {
    ObjectNode block = JSON.createObjectNode().put("type", "context");
    block.putArray("elements").addObject().put("type", "mrkdwn").put("text", escape(note)).put("verbatim", true);
    return block;
  }

  /** Slack's three mrkdwn control characters. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
