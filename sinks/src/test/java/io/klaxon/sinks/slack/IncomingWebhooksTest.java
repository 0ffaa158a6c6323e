package io.klaxon.sinks.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.sinks.inbox.SlackCapture;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IncomingWebhooksTest {
  private static final String PATH = "/services/globex/B01/secret";

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void capturesTheMessageWithItsPathAndAnswersOk() {
    WebApiFixture api = new WebApiFixture();

    SlackAnswer answer = api.incomingWebhooks.receive(PATH, bytes("{\"text\":\"from a webhook\"}"));

    assertThat(answer).isEqualTo(SlackAnswer.text(200, "ok"));
    assertThat(api.messages()).singleElement().satisfies(message -> {
      assertThat(message.via()).isEqualTo(SlackCapture.VIA_WEBHOOK);
      assertThat(message.destination()).isEqualTo(PATH);
      assertThat(message.tenant()).as("the first path segment").isEqualTo("globex");
      assertThat(message.text()).isEqualTo("from a webhook");
    });
  }

  @Test
  void refusesWhatIsNotAJsonObjectOrShowsNothing() {
    WebApiFixture api = new WebApiFixture();

    assertThat(api.incomingWebhooks.receive(PATH, bytes("not json"))).isEqualTo(SlackAnswer.text(400, "invalid_payload"));
    assertThat(api.incomingWebhooks.receive(PATH, bytes("[1]"))).isEqualTo(SlackAnswer.text(400, "invalid_payload"));
    assertThat(api.incomingWebhooks.receive(PATH, bytes(""))).isEqualTo(SlackAnswer.text(400, "invalid_payload"));
    assertThat(api.incomingWebhooks.receive(PATH, bytes("{}"))).isEqualTo(SlackAnswer.text(400, "no_text"));
    assertThat(api.incomingWebhooks.receive(PATH, bytes("{\"text\":5,\"blocks\":[]}")))
        .isEqualTo(SlackAnswer.text(400, "no_text"));
    assertThat(api.messages()).isEmpty();
  }

  @Test
  void answers429WithRetryAfterPastThePathsLimit() {
    WebApiFixture api = new WebApiFixture(SlackApiSettings.defaults().withRateLimit(0.5, 1), 10);

    assertThat(api.incomingWebhooks.receive(PATH, bytes("{\"text\":\"1\"}")).status()).isEqualTo(200);
    SlackAnswer limited = api.incomingWebhooks.receive(PATH, bytes("{\"text\":\"2\"}"));

    assertThat(limited).isEqualTo(SlackAnswer.text(429, "rate_limited").retryAfter(2));
    assertThat(api.limits.refusedCount()).isEqualTo(1);
    assertThat(api.messages()).hasSize(1);
  }
}
