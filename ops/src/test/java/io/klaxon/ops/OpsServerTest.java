package io.klaxon.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OpsServerTest {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(OpsServer server, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesMetricsAndHealth() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.counter("klaxon_test_events", "outcome", "routed").increment(3);
    AtomicReference<Health> ready = new AtomicReference<>(Health.down("REBALANCING"));
    try (OpsServer server = OpsServer.start("127.0.0.1", 0, registry, ready::get)) {
      HttpResponse<String> metrics = get(server, "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body()).contains("klaxon_test_events_total{outcome=\"routed\"} 3.0");

      assertThat(get(server, "/health/live").statusCode()).isEqualTo(200);
      HttpResponse<String> notReady = get(server, "/health/ready");
      assertThat(notReady.statusCode()).isEqualTo(503);
      assertThat(notReady.body()).contains("\"status\":\"DOWN\"").contains("REBALANCING");

      ready.set(Health.up("RUNNING"));
      assertThat(get(server, "/health/ready").statusCode()).isEqualTo(200);
      assertThat(get(server, "/nothing-here").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void nameParametersSelectTheMetricsServed() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.counter("klaxon_test_events", "outcome", "routed").increment(3);
    registry.counter("klaxon_test_other").increment();
    registry.gauge("klaxon_test_level", 7);
    try (OpsServer server = OpsServer.start("127.0.0.1", 0, registry, () -> Health.up("ok"))) {
      String counter = get(server, "/metrics?name[]=klaxon_test_events_total").body();
      assertThat(counter).contains("klaxon_test_events_total{outcome=\"routed\"} 3.0")
          .doesNotContain("klaxon_test_other").doesNotContain("klaxon_test_level");
      assertThat(get(server, "/metrics?name[]=klaxon_test_events").body())
          .as("a counter answers to its name without _total too").contains("klaxon_test_events_total{");
      String two = get(server, "/metrics?name%5B%5D=klaxon_test_level&name%5B%5D=klaxon_test_other_total").body();
      assertThat(two).as("URL-encoded, as Prometheus sends it").contains("klaxon_test_level 7.0")
          .contains("klaxon_test_other_total 1.0").doesNotContain("klaxon_test_events");
      assertThat(get(server, "/metrics?name[]=klaxon_nothing").body()).doesNotContain("klaxon_test");
      assertThat(get(server, "/metrics?other=1").body()).as("no name[]: everything")
          .contains("klaxon_test_events_total").contains("klaxon_test_level");
    }
  }

  @Test
  void aFailingReadinessCheckAnswers503() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (OpsServer server = OpsServer.start("127.0.0.1", 0, registry, () -> {
      throw new IllegalStateException("boom");
    })) {
      HttpResponse<String> response = get(server, "/health/ready");
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.body()).contains("IllegalStateException");
    }
  }

  @Test
  void extraRoutesAreServed() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (OpsServer server = OpsServer.start("127.0.0.1", 0, registry, () -> Health.up("ok"))) {
      server.route("/tenants/", exchange -> OpsServer.respond(exchange, 200, "text/plain", exchange.getRequestURI().getPath()));
      assertThat(get(server, "/tenants/acme").body()).isEqualTo("/tenants/acme");
    }
  }

  @Test
  void escapesJson() {
    assertThat(OpsServer.jsonEscape("a\"b\\c\nd\u0001")).isEqualTo("a\\\"b\\\\c\\nd\\u0001");
  }
}
