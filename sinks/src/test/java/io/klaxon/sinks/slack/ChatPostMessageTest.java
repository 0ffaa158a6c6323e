package io.klaxon.sinks.slack;

import static io.klaxon.sinks.slack.WebApiFixture.form;
import static io.klaxon.sinks.slack.WebApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.klaxon.sinks.inbox.SlackCapture;
import org.junit.jupiter.api.Test;

class ChatPostMessageTest {
  private static final String METADATA =
      "{\"event_type\":\"klaxon_notification\",\"event_payload\":{\"tenant_id\":\"acme\"}}";

  @Test
  void capturesTheMessageAndAnswersLikeSlack() {
    WebApiFixture api = new WebApiFixture();

    SlackAnswer answer = api.postMessage.call(form("channel", "#alerts", "text", "Disk full",
        "blocks", "[{\"type\":\"divider\"}]", "metadata", METADATA));

    JsonNode body = json(answer);
    assertThat(answer.status()).isEqualTo(200);
    assertThat(body.path("ok").asBoolean()).isTrue();
    assertThat(body.path("channel").asText()).matches("C[0-9A-F]{10}");
    assertThat(body.path("ts").asText()).isEqualTo("1795341600.000000");
    assertThat(body.path("message").path("text").asText()).isEqualTo("Disk full");
    assertThat(body.path("message").path("bot_id").asText()).isEqualTo(LocalWorkspace.BOT_ID);
    assertThat(body.path("message").has("edited")).isFalse();
    assertThat(api.messages()).singleElement().satisfies(message -> {
      assertThat(message.tenant()).as("from the metadata").isEqualTo("acme");
      assertThat(message.via()).isEqualTo(SlackCapture.VIA_API);
      assertThat(message.channelName()).isEqualTo("alerts");
      assertThat(message.channelId()).isEqualTo(body.path("channel").asText());
      assertThat(message.ts()).isEqualTo(body.path("ts").asText());
      assertThat(message.blocks().get(0).path("type").asText()).isEqualTo("divider");
    });
  }

  @Test
  void refusesAPostWithoutAChannelOrWithoutContent() {
    WebApiFixture api = new WebApiFixture();

    assertThat(json(api.postMessage.call(form("text", "no channel"))).path("error").asText())
        .isEqualTo("channel_not_found");
    assertThat(json(api.postMessage.call(form("channel", "alerts", "text", " ", "blocks", "[]")))
        .path("error").asText()).isEqualTo("no_text");
    assertThat(api.messages()).isEmpty();
  }

  @Test
  void answers429WithRetryAfterPastTheChannelsLimit() {
    WebApiFixture api = new WebApiFixture(SlackApiSettings.defaults().withRateLimit(1.0, 1), 10);

    assertThat(api.postMessage.call(form("channel", "alerts", "text", "1")).status()).isEqualTo(200);
    SlackAnswer limited = api.postMessage.call(form("channel", "#alerts", "text", "2"));

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.retryAfterSeconds()).hasValue(1);
    assertThat(json(limited).path("error").asText()).isEqualTo("ratelimited");
    assertThat(api.postMessage.call(form("channel", "ops", "text", "3")).status()).isEqualTo(200);
    assertThat(api.messages()).extracting(SlackCapture::text).containsExactly("3", "1");
  }
}
