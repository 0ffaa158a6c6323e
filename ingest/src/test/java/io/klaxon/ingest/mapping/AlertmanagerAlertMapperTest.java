package io.klaxon.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klaxon.contract.FieldProblem;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertKind;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.Link;
import io.klaxon.events.Severity;
import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AlertmanagerAlertMapperTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AlertmanagerAlertMapper postable = new AlertmanagerAlertMapper(Severity.WARNING, "alertmanager-api", false);
  private final AlertmanagerAlertMapper webhook = new AlertmanagerAlertMapper(Severity.WARNING, "alertmanager", true);

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  private AlertEvent event(AlertmanagerAlertMapper mapper, String alert) throws Exception {
    IngestItem item = mapper.map(0, json(alert), "acme", NOW);
    assertThat(item.problems()).isEmpty();
    return item.event();
  }

  private IngestItem item(String alert) throws Exception {
    return postable.map(3, json(alert), "acme", NOW);
  }

  @Test
  void mapsEveryFieldOfAPostableAlert() throws Exception {
    AlertEvent event = event(postable, """
        {"labels": {"alertname": "HighLatency", "severity": "critical", "job": "api", "env": "prod"},
         "annotations": {"summary": "p99 above 2s", "description": "for 10 minutes", "runbook_url": "https://runbooks.example/latency"},
         "startsAt": "2026-12-01T11:50:00.123+01:00", "endsAt": "2026-12-01T12:04:00Z",
         "generatorURL": "http://prometheus:9090/graph?g0.expr=up"}
        """);

    assertThat(event.getTenantId()).isEqualTo("acme");
    assertThat(event.getTitle()).isEqualTo("HighLatency");
    assertThat(event.getMessage()).isEqualTo("p99 above 2s\n\nfor 10 minutes");
    assertThat(event.getSeverity()).isEqualTo(Severity.CRITICAL);
    assertThat(event.getKind()).isEqualTo(AlertKind.ALERT);
    assertThat(event.getStatus()).isEqualTo(AlertStatus.FIRING);
    assertThat(event.getSource()).isEqualTo("api");
    assertThat(event.getLabels()).containsEntry("env", "prod").containsEntry("alertname", "HighLatency").hasSize(4);
    assertThat(event.getFingerprint()).isEqualTo(LabelFingerprint.of(event.getLabels()));
    assertThat(event.getOccurredAt()).isEqualTo(Instant.parse("2026-12-01T10:50:00.123Z"));
    assertThat(event.getLinks()).extracting(Link::getUrl, Link::getText).containsExactly(
        org.assertj.core.groups.Tuple.tuple("http://prometheus:9090/graph?g0.expr=up", null),
        org.assertj.core.groups.Tuple.tuple("https://runbooks.example/latency", "Runbook"));
  }

  @Test
  void anEndInThePastResolvesTheAlertAtThatTime() throws Exception {
    AlertEvent event = event(postable, """
        {"labels": {"alertname": "Down"}, "startsAt": "2026-12-01T11:00:00Z", "endsAt": "2026-12-01T11:59:00Z"}
        """);

    assertThat(event.getStatus()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(event.getOccurredAt()).isEqualTo(Instant.parse("2026-12-01T11:59:00Z"));
  }

  @Test
  void defaultsWithoutSeveritySourceAnnotationsOrTimes() throws Exception {
    AlertEvent event = event(postable, "{\"labels\": {\"alertname\": \"Down\", \"severity\": \"sev9\"}}");

    assertThat(event.getSeverity()).isEqualTo(Severity.WARNING);
    assertThat(event.getSource()).isEqualTo("alertmanager-api");
    assertThat(event.getMessage()).isEmpty();
    assertThat(event.getStatus()).isEqualTo(AlertStatus.FIRING);
    assertThat(event.getOccurredAt()).isEqualTo(NOW);
    assertThat(event.getLinks()).isEmpty();
  }

  @Test
  void theServiceLabelIsTheSourceBeforeTheJob() throws Exception {
    assertThat(event(postable, "{\"labels\": {\"alertname\": \"A\", \"job\": \"node\", \"service\": \"payments\"}}").getSource())
        .isEqualTo("payments");
  }

  @Test
  void aWebhookAlertKeepsAlertmanagersStatusAndFingerprintAndTreatsGoZeroTimeAsAbsent() throws Exception {
    AlertEvent firing = event(webhook, """
        {"status": "firing", "labels": {"alertname": "A"}, "startsAt": "2026-12-01T11:00:00Z",
         "endsAt": "0001-01-01T00:00:00Z", "fingerprint": "c0ffee0000000001"}
        """);
    AlertEvent resolved = event(webhook, """
        {"status": "resolved", "labels": {"alertname": "A"}, "startsAt": "2026-12-01T11:00:00Z",
         "endsAt": "2026-12-01T11:30:00Z", "fingerprint": "c0ffee0000000001"}
        """);

    assertThat(firing.getStatus()).isEqualTo(AlertStatus.FIRING);
    assertThat(firing.getFingerprint()).isEqualTo("c0ffee0000000001");
    assertThat(firing.getSource()).isEqualTo("alertmanager");
    assertThat(resolved.getStatus()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(resolved.getOccurredAt()).isEqualTo(Instant.parse("2026-12-01T11:30:00Z"));
  }

  @Test
  void theSameAlertSentAgainHasTheSameEventIdAndAnUpdateOrResolutionAnother() throws Exception {
    String alert = "{\"labels\": {\"alertname\": \"A\"}, \"startsAt\": \"2026-12-01T11:00:00Z\", \"endsAt\": \"%s\"}";
    String first = event(postable, alert.formatted("2026-12-01T12:04:00Z")).getEventId();

    assertThat(event(postable, alert.formatted("2026-12-01T12:04:00Z")).getEventId()).isEqualTo(first);
    assertThat(event(postable, alert.formatted("2026-12-01T12:08:00Z")).getEventId()).isNotEqualTo(first);
    assertThat(event(postable, alert.formatted("2026-12-01T11:58:00Z")).getEventId()).isNotEqualTo(first);
    assertThat(postable.map(0, json(alert.formatted("2026-12-01T12:04:00Z")), "globex", NOW).event().getEventId())
        .isNotEqualTo(first);
  }

  @Test
  void namesEveryBadFieldOfAnItem() throws Exception {
    IngestItem item = item("""
        {"labels": {"severity": "critical", "env": 5}, "annotations": "none", "startsAt": "yesterday",
         "endsAt": "2026-13-01T00:00:00Z", "generatorURL": 7}
        """);

    assertThat(item.isValid()).isFalse();
    assertThat(item.index()).isEqualTo(3);
    assertThat(item.problems()).extracting(FieldProblem::field)
        .containsExactlyInAnyOrder("labels.env", "labels.alertname", "annotations", "startsAt", "endsAt", "generatorURL");
  }

  @Test
  void anAlertNeedsLabelsAndAnAlertname() throws Exception {
    assertThat(item("{\"annotations\": {\"summary\": \"s\"}}").problems()).extracting(FieldProblem::field).containsExactly("labels");
    assertThat(item("{\"labels\": {\"job\": \"api\"}}").problems()).extracting(FieldProblem::field).containsExactly("labels.alertname");
    assertThat(item("[1]").problems()).extracting(FieldProblem::field).containsExactly("");
    assertThat(item("""
        {"labels": {"alertname": "A"}, "startsAt": "2026-12-01T11:00:00Z", "endsAt": "2026-12-01T10:00:00Z"}
        """).problems()).extracting(FieldProblem::field).containsExactly("endsAt");
  }

  @Test
  void theEventsLimitsAreReportedAtTheFieldsTheyCameFrom() throws Exception {
    String labels = IntStream.range(0, 40).mapToObj(i -> "\"l" + i + "\": \"v\"").collect(Collectors.joining(", "));
    IngestItem item = item("""
        {"labels": {"alertname": "%s", "job": "%s", %s}, "annotations": {"runbook_url": "ftp://x"},
         "generatorURL": "not a url"}
        """.formatted("A".repeat(300), "j".repeat(200), labels));

    assertThat(item.problems()).extracting(FieldProblem::field)
        .containsExactlyInAnyOrder("labels.alertname", "labels.job", "labels", "generatorURL", "annotations.runbook_url");
  }
}
