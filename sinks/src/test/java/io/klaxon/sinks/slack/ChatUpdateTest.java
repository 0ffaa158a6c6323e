package io.klaxon.sinks.slack;

import static io.klaxon.sinks.slack.WebApiFixture.form;
import static io.klaxon.sinks.slack.WebApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ChatUpdateTest {
  @Test
  void changesTheMessageInPlaceFoundByChannelNameOrIdAndTs() {
    WebApiFixture api = new WebApiFixture();
    JsonNode posted = json(api.postMessage.call(form("channel", "alerts", "text", "firing",
        "attachments", "[{\"color\":\"#D00000\"}]")));
    String channelId = posted.path("channel").asText();
    String ts = posted.path("ts").asText();

    SlackAnswer byName = api.update.call(form("channel", "#alerts", "ts", ts, "text", "resolved"));
    JsonNode body = json(byName);
    assertThat(body.path("ok").asBoolean()).isTrue();
    assertThat(body.path("channel").asText()).isEqualTo(channelId);
    assertThat(body.path("ts").asText()).isEqualTo(ts);
    assertThat(body.path("text").asText()).isEqualTo("resolved");
    assertThat(body.path("message").path("edited").path("user").asText()).isEqualTo(LocalWorkspace.USER_ID);

    api.update.call(form("channel", channelId, "ts", ts, "blocks", "[{\"type\":\"divider\"}]"));
    assertThat(api.messages()).singleElement().satisfies(message -> {
      assertThat(message.text()).isEqualTo("resolved");
      assertThat(message.blocks().get(0).path("type").asText()).isEqualTo("divider");
      assertThat(message.attachments().get(0).path("color").asText()).as("kept when not given").isEqualTo("#D00000");
      assertThat(message.edits()).isEqualTo(2);
    });
  }

  @Test
  void refusesWhatItCannotFind() {
    WebApiFixture api = new WebApiFixture();
    String ts = json(api.postMessage.call(form("channel", "alerts", "text", "firing"))).path("ts").asText();

    assertThat(error(api.update.call(form("ts", ts, "text", "x")))).isEqualTo("channel_not_found");
    assertThat(error(api.update.call(form("channel", "ops", "ts", ts, "text", "x")))).isEqualTo("message_not_found");
    assertThat(error(api.update.call(form("channel", "alerts", "ts", "1.000001", "text", "x"))))
        .isEqualTo("message_not_found");
    assertThat(error(api.update.call(form("channel", "alerts", "text", "x")))).isEqualTo("message_not_found");
    assertThat(api.messages()).singleElement().satisfies(message -> assertThat(message.edits()).isZero());
  }

  @Test
  void refusesAMessageTheInboxHasDropped() {
    WebApiFixture api = new WebApiFixture(SlackApiSettings.defaults().withoutRateLimit(), 1);
    String ts = json(api.postMessage.call(form("channel", "alerts", "text", "old"))).path("ts").asText();
    api.postMessage.call(form("channel", "alerts", "text", "new"));

    assertThat(error(api.update.call(form("channel", "alerts", "ts", ts, "text", "x")))).isEqualTo("message_not_found");
    assertThat(api.messages()).extracting(m -> m.text()).containsExactly("new");
  }

  private static String error(SlackAnswer answer) {
    return json(answer).path("error").asText();
  }
}
