package io.klaxon.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsScraperTest {
  private static final String PAGE = """
      # HELP klaxon_notifier_deliveries_total Delivery attempts by outcome
      # TYPE klaxon_notifier_deliveries_total counter
      klaxon_notifier_deliveries_total{channel="webhook",outcome="delivered",severity="high",tier="trial"} 3.0
      klaxon_notifier_deliveries_total{channel="webhook",outcome="delivered",severity="info",tier="trial"} 4.0
      klaxon_notifier_deliveries_total{channel="webhook",outcome="failed_permanent",severity="high",tier="trial"} 2.0
      klaxon_notifier_deliveries_total{channel="slack",outcome="delivered",severity="high",tier="trial"} 1.0
      klaxon_notifier_deliveries_other_total{channel="slack",outcome="delivered"} 100.0
      """;

  @Test
  void sumsAMetricByOneTagOverTheSamplesThatMatch() {
    assertThat(MetricsScraper.parseSums(PAGE, "klaxon_notifier_deliveries_total", "channel", Map.of("outcome", "delivered")))
        .containsExactly(Map.entry("slack", 1.0), Map.entry("webhook", 7.0));
    assertThat(MetricsScraper.parseSums(PAGE, "klaxon_notifier_deliveries_total", "outcome", Map.of()))
        .containsEntry("delivered", 8.0).containsEntry("failed_permanent", 2.0).hasSize(2);
  }
}
