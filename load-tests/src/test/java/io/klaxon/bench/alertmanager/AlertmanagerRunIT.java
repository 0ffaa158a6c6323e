package io.klaxon.bench.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.bench.PhaseFigures;
import io.klaxon.bench.SystemFigures;
import io.klaxon.embedded.DirectoryTree;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.Tier;
import io.klaxon.registry.InMemorySchemaRegistry;
import io.klaxon.serde.SpecificAvroSerde;
import io.klaxon.traffic.GeneratedRecord;
import io.klaxon.traffic.TenantProfile;
import io.klaxon.traffic.TrafficGenerator;
import io.klaxon.traffic.TrafficMix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Drives a real Prometheus Alertmanager (Debian's prometheus-alertmanager) with generated alerts. */
class AlertmanagerRunIT {

  @Test
  void afterAWarmUpEveryAcceptedAlertIsNotifiedOnceAndMatchedBackByItsBenchId() throws Exception {
    SpecificAvroSerde<AlertEvent> serde = SpecificAvroSerde.of(new InMemorySchemaRegistry(), AlertEvent.class);
    TrafficMix mix = new TrafficMix(List.of(new TenantProfile("acme", Tier.ENTERPRISE, List.of(), 1)),
        0, 0, 0, TrafficMix.typicalSeverities(), null, 0, 1_000);
    TrafficGenerator generator = new TrafficGenerator(1, mix, e -> serde.serializer().serialize("t", e));
    List<AlertEvent> alerts = new ArrayList<>();
    for (int i = 0; i < 320; i++) {
      GeneratedRecord record = generator.next(System.currentTimeMillis());
      alerts.add(serde.deserializer().deserialize("t", record.value()));
    }
    // A fresh directory: Alertmanager's notification log from an earlier run would hold these very
    // alerts (the traffic is seeded) as already notified.
    Path work = Path.of("target/alertmanager-it");
    DirectoryTree.delete(work);
    Files.createDirectories(work);

    PhaseFigures phases = new AlertmanagerRun(work, 1, 8, Duration.ofSeconds(20)).run(alerts.subList(0, 20),
        alerts.subList(20, 220), alerts.subList(220, 320), 200, line -> { });
    SystemFigures figures = phases.burst();

    assertThat(figures.sent()).isEqualTo(200);
    assertThat(figures.accepted()).isEqualTo(200);
    assertThat(figures.notified()).isEqualTo(200);
    assertThat(figures.lost()).isZero();
    assertThat(figures.latency().count()).isEqualTo(200);
    assertThat(figures.notifiedPerSecond()).isPositive();
    assertThat(figures.duplicates()).isZero();
    assertThat(figures.strays()).as("the warm-up's notifications are not the batch's").isZero();
    assertThat(figures.warmUpAlerts()).isEqualTo(20);
    assertThat(figures.cores()).containsKey("alertmanager").containsKey("harness");
    assertThat(figures.peakRssMiB().get("alertmanager")).isPositive();
    assertThat(figures.timeline().stream().mapToDouble(p -> p[1]).sum()).isEqualTo(200);

    SystemFigures paced = phases.paced();
    assertThat(paced.sent()).isEqualTo(100);
    assertThat(paced.notified()).isEqualTo(100);
    assertThat(paced.latency().count()).isEqualTo(100);
    assertThat(paced.duplicates()).isZero();
    assertThat(paced.strays()).as("the burst's notifications are not the paced batch's").isZero();
    assertThat(paced.acceptSeconds()).as("100 alerts at 200/s take half a second to send")
        .isGreaterThanOrEqualTo(0.49);
  }

  @Test
  void theGeneratedConfigurationGroupsEveryAlertAlone() {
    String config = AlertmanagerProcess.configuration("http://127.0.0.1:1/x");
    assertThat(config).contains("group_by: ['...']").contains("group_wait: 0s").contains("url: 'http://127.0.0.1:1/x'");
  }
}
