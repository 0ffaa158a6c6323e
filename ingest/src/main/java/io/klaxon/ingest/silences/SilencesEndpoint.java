package io.klaxon.ingest.silences;

import com.sun.net.httpserver.HttpExchange;
import io.klaxon.ingest.auth.Authentication;
import io.klaxon.ingest.http.Answer;
import io.klaxon.ingest.http.CountedEndpoint;
import io.klaxon.ingest.http.RequestBodies;
import io.klaxon.ingest.metrics.IngestMetrics;
import io.klaxon.ops.Health;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Alertmanager's API v2 silence paths over HTTP, for {@code amtool} and Grafana's Alertmanager data
 * source:
 *
 * <pre>
 * GET    {@value #SILENCES_PATH}?filter=name="value"   the tenant's silences
 * POST   {@value #SILENCES_PATH}                       create, or update (with an id)
 * GET    {@value #SILENCE_PATH}{id}                    one silence
 * DELETE {@value #SILENCE_PATH}{id}                    expire it
 * </pre>
 *
 * 503 until the service is ready; the key (as for alerts) names the tenant; a body over the limit
 * is refused (413) unread; then {@link SilencesApi}. Every request is counted as endpoint {@code
 * silences}. Thread-safe.
 */
public final class SilencesEndpoint extends CountedEndpoint {
  public static final String SILENCES_PATH = "/api/v2/silences";
  public static final String SILENCE_PATH = "/api/v2/silence/";
  private static final String JSON = "application/json";
  private static final String METRIC_NAME = "silences";

  private final SilencesApi api;
  private final Function<String, Authentication> authenticate;
  private final Supplier<Health> readiness;
  private final int maxBodyBytes;

  /**
   * @param authenticate who a request is from, given its {@code Authorization} header (null when absent)
   * @param readiness whether the service answers yet
   * @param maxBodyBytes the longest body accepted
   */
  public SilencesEndpoint(SilencesApi api, Function<String, Authentication> authenticate, Supplier<Health> readiness,
      IngestMetrics metrics, int maxBodyBytes) {
    super(metrics, METRIC_NAME, JSON);
    this.api = Objects.requireNonNull(api, "api");
    this.authenticate = Objects.requireNonNull(authenticate, "authenticate");
    this.readiness = Objects.requireNonNull(readiness, "readiness");
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  protected Answer answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    boolean collection = path.equals(SILENCES_PATH);
    String id = path.startsWith(SILENCE_PATH) ? path.substring(SILENCE_PATH.length()) : null;
    if (!collection && (id == null || id.isEmpty() || id.contains("/"))) {
      return SilencesApi.error(404, "not found: " + path);
    }
    List<String> allowed = collection ? List.of("GET", "POST") : List.of("GET", "DELETE");
    if (!allowed.contains(method)) {
      return new Answer(405, Map.of("Allow", String.join(", ", allowed)),
          SilencesApi.error(405, "method not allowed: " + String.join(" or ", allowed)).body());
    }
    Health health = readiness.get();
    if (!health.up()) {
      return new Answer(503, Map.of("Retry-After", "5"), SilencesApi.error(503, "not ready: " + health.detail()).body());
    }
    Authentication authentication = authenticate.apply(exchange.getRequestHeaders().getFirst("Authorization"));
    if (authentication instanceof Authentication.Refused refused) {
      return Answer.refused(refused.refusal());
    }
    String tenantId = ((Authentication.Authenticated) authentication).caller().tenantId();
    if (!collection) {
      return method.equals("GET") ? api.get(tenantId, id) : api.expire(tenantId, id);
    }
    if (method.equals("GET")) {
      return api.list(tenantId, filters(exchange.getRequestURI().getRawQuery()));
    }
    byte[] body = RequestBodies.read(exchange, maxBodyBytes);
    if (body == null) {
      return SilencesApi.error(413, "request body over " + maxBodyBytes + " bytes");
    }
    return api.post(tenantId, body);
  }

  /** Every {@code filter} parameter of the query, decoded. */
  static List<String> filters(String rawQuery) {
    List<String> filters = new ArrayList<>();
    if (rawQuery == null) {
      return filters;
    }
    for (String parameter : rawQuery.split("&", -1)) {
      int equals = parameter.indexOf('=');
      String name = URLDecoder.decode(equals < 0 ? parameter : parameter.substring(0, equals), StandardCharsets.UTF_8);
      if (name.equals("filter") && equals >= 0) {
        filters.add(URLDecoder.decode(parameter.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return filters;
  }
}
