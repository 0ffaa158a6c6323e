package io.klaxon.ingest;

import static io.klaxon.ingest.TestTenants.key;
import static io.klaxon.ingest.TestTenants.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klaxon.embedded.junit.BrokerAndRegistryExtension;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.Severity;
import io.klaxon.events.Tier;
import io.klaxon.ingest.mapping.LabelFingerprint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real Alertmanager (Debian's {@code prometheus-alertmanager}) whose webhook receiver forwards to
 * the ingest service's webhook endpoint with a tenant's API key: an alert posted to Alertmanager,
 * then resolved, arrives as the tenant's FIRING and RESOLVED AlertEvents, with the fingerprint
 * Alertmanager gives it (which is also the one the ingest service computes itself for alerts that
 * come without one).
 */
class AlertmanagerWebhookIT {
  @RegisterExtension
  static final BrokerAndRegistryExtension KAFKA = BrokerAndRegistryExtension.withRegistry();

  private static final String KEY = "klx_alertmanager-it-key-000000000000000000000";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void anExistingAlertmanagerForwardsFiringAndResolvedAlerts() throws Exception {
    try (RunningIngest ingest = RunningIngest.start(KAFKA, Map.of(), tenant("globex", Tier.PROFESSIONAL, key("am", KEY)))) {
      Path work = PrometheusProjectProcess.workDir("alertmanager-it");
      Files.writeString(work.resolve("alertmanager.yml"), """
          route:
            receiver: klaxon
            group_by: ['alertname']
            group_wait: 0s
            group_interval: 1s
            repeat_interval: 1h
          receivers:
            - name: klaxon
              webhook_configs:
                - url: '%s%s'
                  send_resolved: true
                  http_config:
                    authorization:
                      type: Bearer
                      credentials: %s
          """.formatted(ingest.url(), IngestService.ALERTMANAGER_WEBHOOK_PATH, KEY));

      try (PrometheusProjectProcess alertmanager = PrometheusProjectProcess.start("prometheus-alertmanager", List.of(
          "--config.file=" + work.resolve("alertmanager.yml").toAbsolutePath(),
          "--storage.path=" + work.resolve("data").toAbsolutePath(),
          "--cluster.listen-address=",
          "--log.level=warn"), work.resolve("alertmanager.log"))) {
        Instant startsAt = Instant.now().minusSeconds(60);
        String labels = "{\"alertname\": \"ReplicationLag\", \"severity\": \"warning\", \"job\": \"postgres\", \"replica\": \"db-2\"}";
        postAlert(alertmanager, "[{\"labels\": %s, \"annotations\": {\"summary\": \"lag 40s\"}, \"startsAt\": \"%s\"}]"
            .formatted(labels, startsAt));

        AlertEvent firing = ingest.awaitAlert(e -> e.getTitle().equals("ReplicationLag"), Duration.ofSeconds(60)).value();
        String alertmanagersFingerprint = fingerprintShownBy(alertmanager);
        assertThat(firing.getTenantId()).isEqualTo("globex");
        assertThat(firing.getStatus()).isEqualTo(AlertStatus.FIRING);
        assertThat(firing.getSeverity()).isEqualTo(Severity.WARNING);
        assertThat(firing.getSource()).isEqualTo("postgres");
        assertThat(firing.getMessage()).isEqualTo("lag 40s");
        assertThat(firing.getFingerprint()).isEqualTo(alertmanagersFingerprint)
            .isEqualTo(LabelFingerprint.of(firing.getLabels()));

        postAlert(alertmanager, "[{\"labels\": %s, \"startsAt\": \"%s\", \"endsAt\": \"%s\"}]"
            .formatted(labels, startsAt, Instant.now().minusSeconds(1)));

        ConsumerRecord<String, AlertEvent> resolved = ingest.awaitAlert(
            e -> e.getTitle().equals("ReplicationLag") && e.getStatus() == AlertStatus.RESOLVED, Duration.ofSeconds(60));
        assertThat(resolved.key()).isEqualTo("globex");
        assertThat(resolved.value().getFingerprint()).isEqualTo(alertmanagersFingerprint);
        assertThat(resolved.value().getEventId()).isNotEqualTo(firing.getEventId());
      }
    }
  }

  private static void postAlert(PrometheusProjectProcess alertmanager, String alerts) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(alertmanager.url() + "/api/v2/alerts"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(alerts)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private static String fingerprintShownBy(PrometheusProjectProcess alertmanager) throws Exception {
    JsonNode alerts = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(alertmanager.url() + "/api/v2/alerts")).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    return alerts.get(0).path("fingerprint").asText();
  }
}
