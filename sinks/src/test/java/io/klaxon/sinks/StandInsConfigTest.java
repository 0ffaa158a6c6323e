package io.klaxon.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klaxon.ops.Env;
import io.klaxon.sinks.pagerduty.PagerDutySettings;
import io.klaxon.sinks.slack.SlackApiSettings;
import io.klaxon.sinks.webhook.WebhookReceiverSettings;
import io.klaxon.sinks.webhook.WebhookSecrets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandInsConfigTest {
  @Test
  void hasDocumentedDefaults() {
    StandInsConfig config = StandInsConfig.from(Env.of(Map.of()));
    assertThat(config.inboxPort()).isEqualTo(8090);
    assertThat(config.inboxCapacity()).isEqualTo(5_000);
    assertThat(config.slack()).isEqualTo(SlackApiSettings.defaults().withPort(8091));
    assertThat(config.smtpPort()).isEqualTo(2525);
    assertThat(config.webhooks()).isEqualTo(WebhookReceiverSettings.defaults().withPort(8092));
    assertThat(config.pagerDuty()).isEqualTo(new PagerDutySettings(8093, false, 120, 120));
    assertThat(config.pagerDuty().rateLimited()).as("off unless asked for").isFalse();
  }

  @Test
  void readsEveryVariable() {
    StandInsConfig config = StandInsConfig.from(Env.of(Map.ofEntries(
        Map.entry("SINKS_INBOX_PORT", "0"), Map.entry("SINKS_INBOX_CAPACITY", "10"),
        Map.entry("SINKS_SLACK_PORT", "0"), Map.entry("SINKS_SLACK_TOKEN", "xoxb-1"),
        Map.entry("SINKS_SLACK_RATE_LIMIT", "false"), Map.entry("SINKS_SLACK_RATE", "2.5"),
        Map.entry("SINKS_SLACK_BURST", "5"), Map.entry("SINKS_SMTP_PORT", "0"),
        Map.entry("SINKS_WEBHOOK_PORT", "0"),
        Map.entry("SINKS_WEBHOOK_SECRETS", "/hooks/acme=whsec_YWJj, /hooks/=plain=with=equals"),
        Map.entry("SINKS_WEBHOOK_ACCEPT_ALL", "true"), Map.entry("SINKS_WEBHOOK_FAILURE_FRACTION", "0.25"),
        Map.entry("SINKS_WEBHOOK_FAILURE_SEED", "9"), Map.entry("SINKS_WEBHOOK_TOLERANCE", "30s"),
        Map.entry("SINKS_SLACK_INTERACTIONS_URL", "http://127.0.0.1:8083/api/v1/slack/interactions"),
        Map.entry("SINKS_SLACK_SIGNING_SECRET", "s3cr3t"),
        Map.entry("SINKS_PAGERDUTY_PORT", "0"), Map.entry("SINKS_PAGERDUTY_RATE_LIMIT", "true"),
        Map.entry("SINKS_PAGERDUTY_RATE", "30"), Map.entry("SINKS_PAGERDUTY_BURST", "4"))));
    assertThat(config.pagerDuty()).isEqualTo(new PagerDutySettings(0, true, 30, 4));
    assertThat(config.inboxCapacity()).isEqualTo(10);
    assertThat(config.slack()).isEqualTo(new SlackApiSettings(0, "xoxb-1", false, 2.5, 5)
        .withInteractions("http://127.0.0.1:8083/api/v1/slack/interactions", "s3cr3t"));
    WebhookSecrets secrets = new WebhookSecrets(config.webhooks().secrets());
    assertThat(secrets.secretFor("/hooks/acme/x")).isEqualTo("whsec_YWJj");
    assertThat(secrets.secretFor("/hooks/globex")).isEqualTo("plain=with=equals");
    assertThat(config.webhooks().acceptAll()).isTrue();
    assertThat(config.webhooks().failureFraction()).isEqualTo(0.25);
    assertThat(config.webhooks().failureSeed()).isEqualTo(9);
    assertThat(config.webhooks().tolerance()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void namesTheVariableThatCannotBeRead() {
    assertThatThrownBy(() -> StandInsConfig.from(Env.of(Map.of("SINKS_WEBHOOK_SECRETS", "no-equals-sign"))))
        .hasMessageContaining("SINKS_WEBHOOK_SECRETS");
    assertThatThrownBy(() -> StandInsConfig.from(Env.of(Map.of("SINKS_SLACK_BURST", "many"))))
        .hasMessageContaining("SINKS_SLACK_BURST");
    assertThatThrownBy(() -> StandInsConfig.from(Env.of(Map.of("SINKS_WEBHOOK_FAILURE_FRACTION", "2"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StandInsConfig.from(Env.of(Map.of("SINKS_SLACK_INTERACTIONS_URL", "javascript:x"))))
        .hasMessageContaining("interactions URL");
    assertThatThrownBy(() -> StandInsConfig.from(Env.of(Map.of("SINKS_PAGERDUTY_BURST", "lots"))))
        .hasMessageContaining("SINKS_PAGERDUTY_BURST");
    assertThatThrownBy(() -> StandInsConfig.from(Env.of(Map.of("SINKS_PAGERDUTY_RATE", "0"))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
