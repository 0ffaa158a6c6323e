package io.klaxon.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertKind;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.Severity;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AlertEventJsonTest {
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void fillsEventIdAndOccurredAtWhenAbsent() throws IOException {
    AlertEvent event = AlertEventJson.read(new StringReader("""
        {"tenantId": "acme", "severity": "critical", "source": "checkout", "title": "Payments down",
         "labels": {"env": "prod"}, "links": [{"url": "https://runbooks.example/pay", "text": "Runbook"}]}
        """), NOW);

    assertThat(UUID.fromString(event.getEventId()).toString()).isEqualTo(event.getEventId());
    assertThat(event.getOccurredAt()).isEqualTo(NOW);
    assertThat(event.getKind()).isEqualTo(AlertKind.ALERT);
    assertThat(event.getStatus()).isEqualTo(AlertStatus.FIRING);
    assertThat(event.getSeverity()).isEqualTo(Severity.CRITICAL);
    assertThat(event.getLabels()).containsEntry("env", "prod");
    assertThat(event.getLinks().get(0).getText()).isEqualTo("Runbook");
    assertThat(event.getMessage()).isEmpty();
  }

  @Test
  void keepsGivenIdAndTime() throws IOException {
    AlertEvent event = AlertEventJson.read(new StringReader("""
        {"eventId": "e-1", "tenantId": "acme", "kind": "WARNING", "status": "RESOLVED", "severity": "INFO",
         "source": "s", "title": "t", "occurredAt": "2026-11-22T09:00:00Z", "fingerprint": "fp", "locale": "fr"}
        """), NOW);

    assertThat(event.getEventId()).isEqualTo("e-1");
    assertThat(event.getOccurredAt()).isEqualTo(Instant.parse("2026-11-22T09:00:00Z"));
    assertThat(event.getFingerprint()).isEqualTo("fp");
    assertThat(event.getLocale()).isEqualTo("fr");
  }

  @Test
  void rejectsUnknownFieldsAndMissingRequiredOnes() {
    assertThatThrownBy(() -> AlertEventJson.read(new StringReader("{\"tenant\": \"acme\"}"), NOW))
        .hasMessage("tenant: unknown field");
    assertThatThrownBy(() -> AlertEventJson.read(new StringReader("{\"tenantId\": \"acme\", \"severity\": \"HIGH\", \"source\": \"s\"}"), NOW))
        .hasMessage("title: required field is missing");
    assertThatThrownBy(() -> AlertEventJson.read(new StringReader("[]"), NOW)).hasMessage("expected a JSON object");
  }

  @Test
  void namesEveryBadFieldAtOnce() throws IOException {
    JsonNode item = JSON.readTree("""
        {"severity": "loud", "source": {"a": 1}, "title": " ", "labels": {"env": ["prod"]}, "occurredAt": "yesterday",
         "links": [{"text": "no url"}], "colour": "red"}
        """);

    AlertEventJson.Result result = AlertEventJson.read(item, new AlertEventJson.Defaults(null, "id", NOW));

    assertThat(result).isInstanceOf(AlertEventJson.Invalid.class);
    assertThat(((AlertEventJson.Invalid) result).problems()).extracting(FieldProblem::field)
        .containsExactlyInAnyOrder("colour", "tenantId", "severity", "source", "title", "labels.env", "occurredAt",
            "links[0].url");
  }

  @Test
  void aGivenTenantFillsTheEventAndMayNotBeContradicted() throws IOException {
    AlertEventJson.Defaults forAcme = new AlertEventJson.Defaults("acme", "11111111-2222-8333-8444-555555555555", NOW);

    AlertEventJson.Result absent = AlertEventJson.read(
        JSON.readTree("{\"severity\": \"HIGH\", \"source\": \"s\", \"title\": \"t\"}"), forAcme);
    AlertEventJson.Result same = AlertEventJson.read(
        JSON.readTree("{\"tenantId\": \"acme\", \"severity\": \"HIGH\", \"source\": \"s\", \"title\": \"t\"}"), forAcme);
    AlertEventJson.Result other = AlertEventJson.read(
        JSON.readTree("{\"tenantId\": \"globex\", \"severity\": \"HIGH\", \"source\": \"s\", \"title\": \"t\"}"), forAcme);

    assertThat(((AlertEventJson.Valid) absent).event().getTenantId()).isEqualTo("acme");
    assertThat(((AlertEventJson.Valid) absent).event().getEventId()).isEqualTo(forAcme.eventId());
    assertThat(((AlertEventJson.Valid) same).event().getTenantId()).isEqualTo("acme");
    assertThat(((AlertEventJson.Invalid) other).problems()).extracting(FieldProblem::field).containsExactly("tenantId");
  }
}
