package io.klaxon.ingest.silences;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.klaxon.ingest.auth.Authentication;
import io.klaxon.ingest.http.Answer;
import io.klaxon.ingest.http.CountedEndpoint;
import io.klaxon.ingest.http.QueryParameters;
import io.klaxon.ingest.http.RequestBodies;
import io.klaxon.ingest.metrics.IngestMetrics;
import io.klaxon.ops.Health;
import java.io.IOException;
import java.time.Instant;
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
 * GET    {@value #STATUS_PATH}                         what Grafana's data source test and amtool config show ask
 * </pre>
 *
 * 503 until the service is ready; the key (as for alerts) names the tenant; a body over the limit
 * is refused (413) unread; then {@link SilencesApi}. Every request is counted as endpoint {@code
 * silences}. Thread-safe.
 */
public final class SilencesEndpoint extends CountedEndpoint {
  public static final String SILENCES_PATH = "/api/v2/silences";
  public static final String SILENCE_PATH = "/api/v2/silence/";
  public static final String STATUS_PATH = "/api/v2/status";
  private static final String JSON = "application/json";
  private static final String METRIC_NAME = "silences";
  private static final ObjectMapper JSON_MAPPER = new ObjectMapper();

  private final SilencesApi api;
  private final Function<String, Authentication> authenticate;
  private final Supplier<Health> readiness;
  private final int maxBodyBytes;
  private final String status;

  /**
   * @param authenticate who a request is from, given its {@code Authorization} header (null when absent)
   * @param readiness whether the service answers yet
   * @param maxBodyBytes the longest body accepted
   * @param started when the service started (the status's {@code uptime})
   */
  public SilencesEndpoint(SilencesApi api, Function<String, Authentication> authenticate, Supplier<Health> readiness,
      IngestMetrics metrics, int maxBodyBytes, Instant started) {
    super(metrics, METRIC_NAME, JSON);
    this.api = Objects.requireNonNull(api, "api");
    this.authenticate = Objects.requireNonNull(authenticate, "authenticate");
    this.readiness = Objects.requireNonNull(readiness, "readiness");
    this.maxBodyBytes = maxBodyBytes;
    this.status = status(started);
  }

  /**
   * Alertmanager's {@code alertmanagerStatus}: no cluster (Klaxon's copies share Kafka, not gossip),
   * Klaxon's version, an empty configuration (routing lives in the tenant files), the start as uptime.
   */
  private static String status(Instant started) {
    String version = Objects.requireNonNullElse(SilencesEndpoint.class.getPackage().getImplementationVersion(), "dev");
    ObjectNode json = JSON_MAPPER.createObjectNode();
    json.putObject("cluster").put("status", "disabled").put("name", "").putArray("peers");
    json.putObject("versionInfo").put("version", "klaxon-" + version).put("revision", "").put("branch", "")
        .put("buildUser", "").put("buildDate", "").put("goVersion", "");
    json.putObject("config").put("original", "");
    return json.put("uptime", SilenceJson.time(started)).toString();
  }

  @Override
  protected Answer answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    if (path.equals(STATUS_PATH)) {
      if (!method.equals("GET")) {
        return new Answer(405, Map.of("Allow", "GET"), SilencesApi.error(405, "method not allowed: GET").body());
      }
      return authenticated(exchange) instanceof Authentication.Refused refused ? Answer.refused(refused.refusal())
          : new Answer(200, Map.of(), status);
    }
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
    Authentication authentication = authenticated(exchange);
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

  private Authentication authenticated(HttpExchange exchange) {
    return authenticate.apply(exchange.getRequestHeaders().getFirst("Authorization"));
  }

  /** Every {@code filter} parameter of the query, decoded. */
  static List<String> filters(String rawQuery) {
    return QueryParameters.all(rawQuery, "filter");
  }
}
