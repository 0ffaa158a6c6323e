package io.klaxon.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.ops.Health;
import io.klaxon.ops.OpsServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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

  @Test
  void asksAServiceForTheOneMetricItSums() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.counter("klaxon_streams_outcomes", "outcome", "routed").increment(5);
    registry.counter("klaxon_streams_outcomes", "outcome", "deduplicated").increment(2);
    registry.counter("klaxon_streams_other", "outcome", "routed").increment(100);
    try (OpsServer server = OpsServer.start("127.0.0.1", 0, registry, () -> Health.up("ok"));
         MetricsScraper scraper = new MetricsScraper()) {
      String url = server.url() + "/metrics";

      assertThat(scraper.sumBy(url, "klaxon_streams_outcomes_total", "outcome", Map.of()))
          .containsExactly(Map.entry("deduplicated", 2.0), Map.entry("routed", 5.0));
      assertThat(scraper.scrape(MetricsScraper.only(url, "klaxon_streams_outcomes_total")))
          .contains("klaxon_streams_outcomes_total").doesNotContain("klaxon_streams_other");
      assertThat(scraper.scrape(url)).contains("klaxon_streams_other");
    }
  }
}
