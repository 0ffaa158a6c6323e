package io.klaxon.ingest.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klaxon.control.ViewUnavailableException;
import io.klaxon.events.AlertState;
import io.klaxon.events.AlertStateStatus;
import io.klaxon.events.Link;
import io.klaxon.events.Severity;
import io.klaxon.ingest.http.Answer;
import io.klaxon.ingest.http.QueryParameters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertsApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-11-01T12:00:00Z");

  private final List<AlertState> held = new ArrayList<>();
  private final AlertsApi api = new AlertsApi(tenant -> held.stream().filter(s -> s.getTenantId().equals(tenant)).toList());

  private static AlertState state(String tenant, String fingerprint, AlertStateStatus status, String silencedBy,
      Map<String, String> labels) {
    return AlertState.newBuilder().setTenantId(tenant).setFingerprint(fingerprint).setLabels(labels)
        .setTitle(labels.getOrDefault("alertname", "x")).setMessage("disk 95% full").setSource("node")
        .setSeverity(Severity.CRITICAL)
        .setLinks(List.of(new Link("http://prometheus/graph?g0", null), new Link("https://runbooks/disk", "Runbook")))
        .setStartsAt(T0).setUpdatedAt(T0.plusSeconds(60)).setEndsAt(null).setStatus(status)
        .setSilencedBy(silencedBy == null ? List.of() : List.of(silencedBy)).setMaintenanceWindow(null)
        .setAcknowledgedBy(null).build();
  }

  private JsonNode list(String query) throws Exception {
    Answer answer = api.list("acme", QueryParameters.all(query, "filter"), QueryParameters.last(query));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  private List<String> fingerprints(String query) throws Exception {
    List<String> fingerprints = new ArrayList<>();
    list(query).forEach(alert -> fingerprints.add(alert.get("fingerprint").asText()));
    return fingerprints;
  }

  @Test
  void anAlertHasAlertmanagersGettableAlertShape() throws Exception {
    held.add(state("acme", "a1", AlertStateStatus.SUPPRESSED, "s-1", Map.of("alertname", "DiskFull", "env", "prod")));

    JsonNode alert = list(null).get(0);
    assertThat(JSON.readTree("""
        {"labels": {"alertname": "DiskFull", "env": "prod"},
         "annotations": {"summary": "disk 95% full", "runbook_url": "https://runbooks/disk"},
         "startsAt": "2026-11-01T12:00:00.000Z", "endsAt": "0001-01-01T00:00:00.000Z",
         "updatedAt": "2026-11-01T12:01:00.000Z", "fingerprint": "a1",
         "status": {"state": "suppressed", "silencedBy": ["s-1"], "inhibitedBy": []},
         "receivers": [], "generatorURL": "http://prometheus/graph?g0"}
        """)).isEqualTo(alert);
  }

  @Test
  void anAlertWithoutAlertnameIsNamedByItsTitle() throws Exception {
    held.add(state("acme", "n1", AlertStateStatus.FIRING, null, Map.of("env", "prod")));

    assertThat(list(null).get(0).get("labels")).isEqualTo(JSON.readTree("{\"alertname\": \"x\", \"env\": \"prod\"}"));
    assertThat(fingerprints("filter=alertname%3D%22x%22")).containsExactly("n1");
  }

  @Test
  void aTenantSeesOnlyItsOwnAlertsSortedByFingerprint() throws Exception {
    held.add(state("acme", "b2", AlertStateStatus.FIRING, null, Map.of("alertname", "B")));
    held.add(state("globex", "a0", AlertStateStatus.FIRING, null, Map.of("alertname", "G")));
    held.add(state("acme", "a1", AlertStateStatus.FIRING, null, Map.of("alertname", "A")));

    assertThat(fingerprints(null)).containsExactly("a1", "b2");
  }

  @Test
  void filtersActiveAndSilencedSelectAsInAlertmanager() throws Exception {
    held.add(state("acme", "a1", AlertStateStatus.FIRING, null, Map.of("alertname", "DiskFull", "env", "prod")));
    held.add(state("acme", "a2", AlertStateStatus.SUPPRESSED, "s-1", Map.of("alertname", "DiskFull", "env", "dev")));
    held.add(state("acme", "a3", AlertStateStatus.FIRING, null, Map.of("alertname", "CpuHigh", "env", "prod")));

    assertThat(fingerprints("filter=alertname%3D%22DiskFull%22")).containsExactly("a1", "a2");
    assertThat(fingerprints("filter=alertname%3D%22DiskFull%22&filter=env%21~%22de.*%22")).containsExactly("a1");
    assertThat(fingerprints("silenced=false")).containsExactly("a1", "a3");
    assertThat(fingerprints("active=false")).containsExactly("a2");
    assertThat(fingerprints("active=true&silenced=false&inhibited=false&unprocessed=false")).containsExactly("a1", "a3");
    assertThat(fingerprints("receiver=.*")).as("alerts list no receiver").isEmpty();
  }

  @Test
  void aBadFilterOrFlagIsA400NamingIt() {
    Answer badFilter = api.list("acme", List.of("alertname=~\"(\""), Map.of());
    assertThat(badFilter.status()).isEqualTo(400);
    assertThat(badFilter.body()).startsWith("\"filter[0]");
    Answer badFlag = api.list("acme", List.of(), Map.of("silenced", "maybe"));
    assertThat(badFlag.status()).isEqualTo(400);
    assertThat(badFlag.body()).contains("silenced");
  }

  @Test
  void aTopicThatCannotBeReadIsA503() {
    AlertsApi unavailable = new AlertsApi(tenant -> {
      throw new ViewUnavailableException("could not read the topic to its end within 10 ms", null);
    });
    Answer answer = unavailable.list("acme", List.of(), Map.of());
    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.headers()).containsEntry("Retry-After", "5");
  }
}
