package io.klaxon.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klaxon.events.Severity;
import io.klaxon.events.Tier;
import io.klaxon.ingest.quota.QuotaLimit;
import io.klaxon.ops.Env;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestSettingsTest {
  @Test
  void defaults() {
    IngestSettings settings = IngestSettings.from(Env.of(Map.of()));

    assertThat(settings.httpHost()).isEqualTo("127.0.0.1");
    assertThat(settings.httpPort()).isEqualTo(8083);
    assertThat(settings.maxBodyBytes()).isEqualTo(1_048_576);
    assertThat(settings.quotas()).isEqualTo(IngestSettings.DEFAULT_QUOTAS);
    assertThat(settings.quotas().get(Tier.TRIAL)).isEqualTo(new QuotaLimit(600, 200));
    assertThat(settings.defaultSeverity()).isEqualTo(Severity.WARNING);
    assertThat(settings.produceTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.cluster().topics().alerts()).isEqualTo("klaxon.alerts.v1");
  }

  @Test
  void readsEveryVariable() {
    IngestSettings settings = IngestSettings.from(Env.of(Map.of(
        "HTTP_HOST", "0.0.0.0", "HTTP_PORT", "9000", "INGEST_MAX_BODY_BYTES", "2048",
        "INGEST_RATE_TRIAL", "120", "INGEST_BURST_TRIAL", "30", "INGEST_DEFAULT_SEVERITY", "info",
        "INGEST_PRODUCE_TIMEOUT", "3s", "ALERTS_TOPIC", "mine.alerts")));

    assertThat(settings.httpHost()).isEqualTo("0.0.0.0");
    assertThat(settings.httpPort()).isEqualTo(9000);
    assertThat(settings.maxBodyBytes()).isEqualTo(2048);
    assertThat(settings.quotas().get(Tier.TRIAL)).isEqualTo(new QuotaLimit(120, 30));
    assertThat(settings.quotas().get(Tier.ENTERPRISE)).isEqualTo(IngestSettings.DEFAULT_QUOTAS.get(Tier.ENTERPRISE));
    assertThat(settings.defaultSeverity()).isEqualTo(Severity.INFO);
    assertThat(settings.produceTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(settings.cluster().topics().alerts()).isEqualTo("mine.alerts");
  }

  @Test
  void aBadValueNamesItsVariable() {
    assertThatThrownBy(() -> IngestSettings.from(Env.of(Map.of("INGEST_BURST_STANDARD", "0"))))
        .hasMessageContaining("INGEST_BURST_STANDARD");
    assertThatThrownBy(() -> IngestSettings.from(Env.of(Map.of("INGEST_DEFAULT_SEVERITY", "loud"))))
        .hasMessageContaining("INGEST_DEFAULT_SEVERITY");
    assertThatThrownBy(() -> IngestSettings.from(Env.of(Map.of("INGEST_PRODUCE_TIMEOUT", "10"))))
        .hasMessageContaining("INGEST_PRODUCE_TIMEOUT");
  }
}
