package io.klaxon.ingest.alerts;

import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.HttpExchange;
import io.klaxon.ingest.auth.Authentication;
import io.klaxon.ingest.http.Answer;
import io.klaxon.ingest.http.CountedEndpoint;
import io.klaxon.ingest.http.QueryParameters;
import io.klaxon.ingest.metrics.IngestMetrics;
import io.klaxon.ops.Health;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code GET /api/v2/alerts} ({@link AlertsApi}) for {@code amtool alert query} and Grafana's
 * Alertmanager data source: 503 until the service is ready, the key names the tenant, counted as
 * endpoint {@code alerts_query}. The service routes the path's other methods to the ingest
 * endpoint. Thread-safe.
 */
public final class AlertsEndpoint extends CountedEndpoint {
  private static final String METRIC_NAME = "alerts_query";

  private final AlertsApi api;
  private final Function<String, Authentication> authenticate;
  private final Supplier<Health> readiness;

  /**
   * @param authenticate who a request is from, given its {@code Authorization} header (null when absent)
   * @param readiness whether the service answers yet
   */
  public AlertsEndpoint(AlertsApi api, Function<String, Authentication> authenticate, Supplier<Health> readiness,
      IngestMetrics metrics) {
    super(metrics, METRIC_NAME, "application/json");
    this.api = Objects.requireNonNull(api, "api");
    this.authenticate = Objects.requireNonNull(authenticate, "authenticate");
    this.readiness = Objects.requireNonNull(readiness, "readiness");
  }

  @Override
  protected Answer answer(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestMethod().equals("GET")) {
      return new Answer(405, Map.of("Allow", "GET, POST"), TextNode.valueOf("method not allowed: GET or POST").toString());
    }
    Health health = readiness.get();
    if (!health.up()) {
      return new Answer(503, Map.of("Retry-After", "5"), TextNode.valueOf("not ready: " + health.detail()).toString());
    }
    Authentication authentication = authenticate.apply(exchange.getRequestHeaders().getFirst("Authorization"));
    if (authentication instanceof Authentication.Refused refused) {
      return Answer.refused(refused.refusal());
    }
    String rawQuery = exchange.getRequestURI().getRawQuery();
    return api.list(((Authentication.Authenticated) authentication).caller().tenantId(),
        QueryParameters.all(rawQuery, "filter"), QueryParameters.last(rawQuery));
  }
}
