package io.klaxon.ingest;

import static io.klaxon.ingest.TestTenants.key;
import static io.klaxon.ingest.TestTenants.revoked;
import static io.klaxon.ingest.TestTenants.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.klaxon.embedded.junit.BrokerAndRegistryExtension;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.Severity;
import io.klaxon.events.Tier;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ingest service against a real broker and schema registry: what 2xx promises, and keys applied while it runs. */
class IngestServiceIT {
  @RegisterExtension
  static final BrokerAndRegistryExtension KAFKA = BrokerAndRegistryExtension.withRegistry();

  private static final String ACME_KEY = "klx_acme-it-key-0000000000000000000000000000";
  private static final String GLOBEX_KEY = "klx_globex-it-key-000000000000000000000000000";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void everyEndpointWritesDurableAlertsForTheKeysTenantOnly() throws Exception {
    try (RunningIngest ingest = RunningIngest.start(KAFKA, Map.of(),
        tenant("acme", Tier.ENTERPRISE, key("ci", ACME_KEY)), tenant("globex", Tier.TRIAL, key("am", GLOBEX_KEY)))) {

      assertThat(ingest.post(IngestService.ALERTMANAGER_API_PATH, ACME_KEY, """
          [{"labels": {"alertname": "DiskFull", "severity": "critical", "instance": "db-1"},
            "annotations": {"summary": "disk 95% full"}}]
          """).statusCode()).isEqualTo(200);
      assertThat(ingest.post(IngestService.ALERTMANAGER_WEBHOOK_PATH, GLOBEX_KEY, """
          {"version": "4", "status": "resolved", "receiver": "klaxon",
           "alerts": [{"status": "resolved", "labels": {"alertname": "QueueBacklog", "tenant": "acme"},
                       "startsAt": "2026-12-01T11:00:00Z", "endsAt": "2026-12-01T11:30:00Z", "fingerprint": "00000000000000aa"}]}
          """).statusCode()).isEqualTo(200);
      assertThat(ingest.post(IngestService.EVENTS_PATH, ACME_KEY, """
          {"severity": "INFO", "source": "deploys", "title": "Deployed 1.2.3"}
          """).statusCode()).isEqualTo(200);

      // 2xx means acknowledged: every record is already on the topic.
      ConsumerRecord<String, AlertEvent> disk = ingest.awaitAlert(e -> e.getTitle().equals("DiskFull"), WAIT);
      ConsumerRecord<String, AlertEvent> backlog = ingest.awaitAlert(e -> e.getTitle().equals("QueueBacklog"), WAIT);
      ConsumerRecord<String, AlertEvent> deploy = ingest.awaitAlert(e -> e.getTitle().equals("Deployed 1.2.3"), WAIT);
      assertThat(disk.key()).isEqualTo("acme");
      assertThat(disk.value().getSeverity()).isEqualTo(Severity.CRITICAL);
      assertThat(disk.value().getMessage()).isEqualTo("disk 95% full");
      assertThat(backlog.key()).isEqualTo("globex");
      assertThat(backlog.value().getTenantId()).isEqualTo("globex");
      assertThat(backlog.value().getStatus()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(backlog.value().getFingerprint()).isEqualTo("00000000000000aa");
      assertThat(deploy.key()).isEqualTo("acme");
      assertThat(ingest.alerts()).hasSize(3);
    }
  }

  @Test
  void keysAppliedRevokedOrDeletedWhileRunningTakeEffectWithoutARestart() throws Exception {
    String alert = "[{\"labels\": {\"alertname\": \"A\"}}]";
    try (RunningIngest ingest = RunningIngest.start(KAFKA, Map.of(), tenant("acme", Tier.STANDARD))) {
      assertThat(ingest.post(IngestService.ALERTMANAGER_API_PATH, ACME_KEY, alert).statusCode()).isEqualTo(401);

      ingest.publish(tenant("acme", Tier.STANDARD, key("new", ACME_KEY)));
      await().atMost(WAIT).until(() -> ingest.post(IngestService.ALERTMANAGER_API_PATH, ACME_KEY, alert).statusCode() == 200);

      ingest.publish(tenant("acme", Tier.STANDARD, revoked("new", ACME_KEY)));
      await().atMost(WAIT).until(() -> ingest.post(IngestService.ALERTMANAGER_API_PATH, ACME_KEY, alert).statusCode() == 401);

      ingest.publish(tenant("acme", Tier.STANDARD, key("again", ACME_KEY)));
      await().atMost(WAIT).until(() -> ingest.post(IngestService.ALERTMANAGER_API_PATH, ACME_KEY, alert).statusCode() == 200);
      ingest.delete("acme");
      await().atMost(WAIT).until(() -> ingest.post(IngestService.ALERTMANAGER_API_PATH, ACME_KEY, alert).statusCode() == 401);
      assertThat(ingest.alerts()).extracting(ConsumerRecord::key).containsOnly("acme").hasSize(2);
    }
  }

  @Test
  void servesHealthAndMetricsBesideTheEndpoints() throws Exception {
    try (RunningIngest ingest = RunningIngest.start(KAFKA, Map.of(), tenant("acme", Tier.STANDARD, key("ci", ACME_KEY)))) {
      ingest.post(IngestService.EVENTS_PATH, ACME_KEY, "{\"severity\": \"INFO\", \"source\": \"s\", \"title\": \"t\"}");
      ingest.post(IngestService.EVENTS_PATH, "klx_wrong", "{}");

      assertThat(ingest.get("/health/ready")).contains("UP").contains("1 tenants");
      assertThat(ingest.get("/metrics"))
          .contains("klaxon_ingest_requests_total{endpoint=\"events\",status=\"200\"} 1")
          .contains("klaxon_ingest_requests_total{endpoint=\"events\",status=\"401\"} 1")
          .contains("klaxon_ingest_alerts_accepted_total{endpoint=\"events\",tenant=\"acme\"} 1")
          .contains("klaxon_ingest_produce_latency_seconds_count 1")
          .contains("klaxon_ingest_tenants 1")
          .contains("klaxon_ingest_api_keys 1");
    }
  }
}
