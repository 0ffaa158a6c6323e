package io.klaxon.sinks;

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
    assertThat(TenantAttribution.email(Map.of(), List.of("ops@Globex.Example"))).isEqualTo("globex.example");
    assertThat(TenantAttribution.email(Map.of(), List.of())).isEqualTo(TenantAttribution.UNKNOWN);
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
}
