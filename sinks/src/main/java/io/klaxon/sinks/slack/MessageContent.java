package io.klaxon.sinks.slack;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a posted message shows: its text, Block Kit blocks and attachments, each possibly absent
 * (null or missing). Slack refuses a message without any of them ({@code no_text}). Immutable.
 */
record MessageContent(String text, JsonNode blocks, JsonNode attachments) {
  /** True when there is no text, no block and no attachment. */
  boolean isEmpty() {
    return (text == null || text.isBlank()) && isEmpty(blocks) && isEmpty(attachments);
  }

  private static boolean isEmpty(JsonNode node) {
    return node == null || node.isMissingNode() || node.isNull() || (node.isContainerNode() && node.isEmpty());
  }
}
