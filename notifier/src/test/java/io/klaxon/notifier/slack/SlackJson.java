package io.klaxon.notifier.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** Assertions on the Block Kit JSON the Slack sender sends. */
final class SlackJson {
  private SlackJson() {}

  /** Every {@code mrkdwn} text object in {@code json} (there is at least one) says {@code verbatim: true}. */
  static void assertEveryMrkdwnTextIsVerbatim(String json) throws Exception {
    List<JsonNode> mrkdwn = new ArrayList<>();
    collect(new ObjectMapper().readTree(json), mrkdwn);
    assertThat(mrkdwn).isNotEmpty().allSatisfy(text -> assertThat(text.path("verbatim").asBoolean(false))
        .as("verbatim of %s", text).isTrue());
  }

  private static void collect(JsonNode node, List<JsonNode> mrkdwn) {
    if (node.isObject() && "mrkdwn".equals(node.path("type").asText())) {
      mrkdwn.add(node);
    }
    node.forEach(child -> collect(child, mrkdwn));
  }
}
