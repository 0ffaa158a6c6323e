package io.klaxon.sinks.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantAttributionTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void slackPrefersTheMetadataTenantThenTheWebhookPathThenTheChannel() throws Exception {
    assertThat(TenantAttribution.slack(MAPPER.readTree(
        "{\"event_type\":\"klaxon_notification\",\"event_payload\":{\"tenant_id\":\"acme\"}}"), null, "alerts"))
        .isEqualTo("acme");
    assertThat(TenantAttribution.slack(null, "/services/globex/B1/x", "/services/globex/B1/x")).isEqualTo("globex");
    assertThat(TenantAttribution.slack(null, null, "ops-alerts")).isEqualTo("ops-alerts");
    assertThat(TenantAttribution.slack(null, null, " ")).isEqualTo(TenantAttribution.UNKNOWN);
  }

  @Test
  void emailPrefersTheTenantHeaderThenTheRecipientDomain() {
    assertThat(TenantAttribution.email(Map.of("X-Klaxon-Tenant", "acme"), List.of("ops@globex.example")))
        .isEqualTo("acme");
    assertThat(TenantAttribution.email(Map.of(), List.of("ops@Globex.Example"))).isEqualTo("globex");
    assertThat(TenantAttribution.email(Map.of(), List.of())).isEqualTo(TenantAttribution.UNKNOWN);
  }

  @Test
  void emailWithoutTheHeaderIsTheSameTenantAsItsSlackAndWebhookMessages() throws Exception {
    String slack = TenantAttribution.slack(MAPPER.readTree(
        "{\"event_type\":\"klaxon_notification\",\"event_payload\":{\"tenant_id\":\"umbrella\"}}"), null, "alerts");
    String webhook = TenantAttribution.webhook(WebhookPayload.parse("{\"tenant\":{\"id\":\"umbrella\"}}"), "/hooks/x");
    String email = TenantAttribution.email(Map.of(), List.of("noc@umbrella.example"));

    assertThat(email).isEqualTo(slack).isEqualTo(webhook).isEqualTo("umbrella");
  }

  @Test
  void emailNeverAttributesToSomethingThatCannotBeATenantId() {
    assertThat(TenantAttribution.email(Map.of(), List.of("a@x.example", "ops@mail_box.example")))
        .as("x is too short for a tenant id; the next recipient names one").isEqualTo("mail_box");
    assertThat(TenantAttribution.email(Map.of(), List.of("a@x.example", "no-at-sign", "c@-bad.example", "d@")))
        .isEqualTo(TenantAttribution.UNKNOWN);
  }

  @Test
  void webhookPrefersThePayloadTenantThenThePath() {
    assertThat(TenantAttribution.webhook(WebhookPayload.parse("{\"tenant\":{\"id\":\"acme\"}}"), "/hooks/x"))
        .isEqualTo("acme");
    assertThat(TenantAttribution.webhook(WebhookPayload.parse("{\"tenantId\":\"initech\"}"), "/hooks/x"))
        .isEqualTo("initech");
    assertThat(TenantAttribution.webhook(WebhookPayload.parse("not json"), "/hooks/globex/alerts"))
        .isEqualTo("globex");
    assertThat(TenantAttribution.webhook(WebhookPayload.parse("{}"), "/hooks/")).isEqualTo(TenantAttribution.UNKNOWN);
  }

  @Test
  void pagerDutyPrefersTheTriggersCustomDetailsThenWhatIsKnownForTheEvent() throws Exception {
    assertThat(TenantAttribution.pagerDuty(MAPPER.readTree(
        "{\"event_action\":\"trigger\",\"payload\":{\"custom_details\":{\"tenant\":\"umbrella\"}}}"), "acme"))
        .isEqualTo("umbrella");
    assertThat(TenantAttribution.pagerDuty(MAPPER.readTree("{\"event_action\":\"resolve\"}"), "acme")).isEqualTo("acme");
    assertThat(TenantAttribution.pagerDuty(MAPPER.readTree("{\"payload\":{\"custom_details\":{\"tenant\":7}}}"), null))
        .isEqualTo(TenantAttribution.UNKNOWN);
    assertThat(TenantAttribution.pagerDuty(null, " ")).isEqualTo(TenantAttribution.UNKNOWN);
  }
}
