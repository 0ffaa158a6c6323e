package io.klaxon.ingest;

import static io.klaxon.ingest.TestTenants.key;
import static io.klaxon.ingest.TestTenants.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.embedded.junit.BrokerAndRegistryExtension;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.Link;
import io.klaxon.events.Severity;
import io.klaxon.events.Tier;
import io.klaxon.ingest.mapping.LabelFingerprint;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real Prometheus (Debian's {@code prometheus}) with a rule that always fires, its {@code
 * alerting} section pointed at the ingest service with a tenant's API key as its bearer token,
 * unchanged from how it would point at an Alertmanager: the alert arrives on the alerts topic as
 * that tenant's AlertEvent.
 */
class PrometheusIT {
  @RegisterExtension
  static final BrokerAndRegistryExtension KAFKA = BrokerAndRegistryExtension.withRegistry();

  private static final String KEY = "klx_prometheus-it-key-00000000000000000000000";

  @Test
  void aFiringRuleBecomesTheTenantsAlertEvent() throws Exception {
    try (RunningIngest ingest = RunningIngest.start(KAFKA, Map.of(), tenant("acme", Tier.ENTERPRISE, key("prometheus", KEY)))) {
      Path work = PrometheusProjectProcess.workDir("prometheus-it");
      Files.writeString(work.resolve("rules.yml"), """
          groups:
            - name: klaxon-it
              interval: 1s
              rules:
                - alert: KlaxonAlwaysFiring
                  expr: vector(1)
                  labels:
                    severity: page
                    service: checkout
                  annotations:
                    summary: Always firing
                    description: A rule whose expression is always true.
          """);
      URI ingestUrl = URI.create(ingest.url());
      Files.writeString(work.resolve("prometheus.yml"), """
          global:
            evaluation_interval: 1s
          rule_files: [rules.yml]
          alerting:
            alertmanagers:
              - api_version: v2
                authorization:
                  type: Bearer
                  credentials: %s
                static_configs:
                  - targets: ["%s:%d"]
          """.formatted(KEY, ingestUrl.getHost(), ingestUrl.getPort()));

      try (PrometheusProjectProcess prometheus = PrometheusProjectProcess.start("prometheus", List.of(
          "--config.file=" + work.resolve("prometheus.yml").toAbsolutePath(),
          "--storage.tsdb.path=" + work.resolve("data").toAbsolutePath(),
          // The first send can come before the Alertmanager list is known; resend soon, not after a minute.
          "--rules.alert.resend-delay=1s",
          "--log.level=warn"), work.resolve("prometheus.log"))) {

        ConsumerRecord<String, AlertEvent> record =
            ingest.awaitAlert(e -> e.getTitle().equals("KlaxonAlwaysFiring"), Duration.ofSeconds(90));

        AlertEvent event = record.value();
        assertThat(record.key()).isEqualTo("acme");
        assertThat(event.getTenantId()).isEqualTo("acme");
        assertThat(event.getStatus()).isEqualTo(AlertStatus.FIRING);
        assertThat(event.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(event.getSource()).isEqualTo("checkout");
        assertThat(event.getMessage()).isEqualTo("Always firing\n\nA rule whose expression is always true.");
        assertThat(event.getLabels()).containsEntry("alertname", "KlaxonAlwaysFiring").containsEntry("severity", "page");
        assertThat(event.getFingerprint()).isEqualTo(LabelFingerprint.of(event.getLabels()));
        assertThat(event.getLinks()).extracting(Link::getUrl).singleElement().asString().startsWith("http");
        assertThat(prometheus.log()).doesNotContain(KEY);
      }
    }
  }
}
