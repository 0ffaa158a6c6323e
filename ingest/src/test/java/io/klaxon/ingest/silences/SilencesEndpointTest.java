package io.klaxon.ingest.silences;

import static io.klaxon.ingest.http.IntakeFixture.ACME_KEY;
import static io.klaxon.ingest.http.IntakeFixture.REVOKED_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.control.SilenceLimits;
import io.klaxon.ingest.http.IntakeFixture;
import io.klaxon.ops.Health;
import io.klaxon.ops.OpsServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP side of the silences API: paths, methods, readiness, keys, the body limit, filters, counting. */
class SilencesEndpointTest {
  private static final int MAX_BODY = 512;
  private static final String SILENCE = """
      {"matchers": [{"name": "env", "value": "prod", "isRegex": false}],
       "startsAt": "2020-01-01T00:00:00Z", "endsAt": "2099-12-03T11:00:00Z", "createdBy": "ops"}
      """;

  private final IntakeFixture fixture = new IntakeFixture();
  private final MockTopicSilences topic = new MockTopicSilences(Clock.systemUTC());
  private final AtomicReference<Health> health = new AtomicReference<>(Health.up("READY"));
  private final HttpClient http = HttpClient.newHttpClient();
  private OpsServer server;

  @BeforeEach
  void start() throws Exception {
    server = OpsServer.start("127.0.0.1", 0, fixture.meters, health::get);
    SilencesEndpoint endpoint = new SilencesEndpoint(new SilencesApi(topic, topic.events, SilenceLimits.DEFAULTS, Clock.systemUTC()),
        fixture.intake::authenticate, health::get, fixture.metrics, MAX_BODY, Instant.parse("2026-12-03T09:00:00Z"));
    server.route(SilencesEndpoint.SILENCES_PATH, endpoint);
    server.route(SilencesEndpoint.SILENCE_PATH, endpoint);
    server.route(SilencesEndpoint.STATUS_PATH, endpoint);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> send(String method, String path, String key, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void createsGetsListsAndExpiresWithTheTenantsKey() throws Exception {
    HttpResponse<String> created = send("POST", "/api/v2/silences", ACME_KEY, SILENCE);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    assertThat(created.headers().firstValue("Content-Type")).hasValue("application/json");
    String id = created.body().replaceAll(".*\"silenceID\":\"([^\"]+)\".*", "$1");

    assertThat(send("GET", "/api/v2/silence/" + id, ACME_KEY, null).body()).contains("\"state\":\"active\"");
    assertThat(send("GET", "/api/v2/silences?filter=env%3D%22prod%22", ACME_KEY, null).body()).contains(id);
    assertThat(send("GET", "/api/v2/silences?filter=env%3D%22dev%22", ACME_KEY, null).body()).isEqualTo("[]");
    assertThat(send("DELETE", "/api/v2/silence/" + id, ACME_KEY, null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/api/v2/silence/" + id, ACME_KEY, null).body()).contains("\"state\":\"expired\"");
    assertThat(fixture.sample("klaxon_ingest_requests_total{endpoint=\"silences\",status=\"200\"}")).isEqualTo(6.0);
  }

  @Test
  void anUnknownOrRevokedKeyIs401AndWritesNothing() throws Exception {
    assertThat(send("POST", "/api/v2/silences", "klx_nobody", SILENCE).statusCode()).isEqualTo(401);
    assertThat(send("POST", "/api/v2/silences", REVOKED_KEY, SILENCE).statusCode()).isEqualTo(401);
    HttpResponse<String> missing = send("GET", "/api/v2/silences", null, null);
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(missing.headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(send("DELETE", "/api/v2/silence/x", "klx_nobody", null).statusCode()).isEqualTo(401);
    assertThat(topic.producer.history()).isEmpty();
  }

  @Test
  void aBodyOverTheLimitIs413AndWritesNothing() throws Exception {
    String big = SILENCE.replace("\"createdBy\": \"ops\"", "\"createdBy\": \"ops\", \"comment\": \"" + "x".repeat(MAX_BODY) + "\"");

    assertThat(send("POST", "/api/v2/silences", ACME_KEY, big).statusCode()).isEqualTo(413);
    assertThat(topic.producer.history()).isEmpty();
  }

  @Test
  void otherMethodsAndPathsAreRefused() throws Exception {
    HttpResponse<String> put = send("PUT", "/api/v2/silences", ACME_KEY, SILENCE);
    assertThat(put.statusCode()).isEqualTo(405);
    assertThat(put.headers().firstValue("Allow")).hasValue("GET, POST");
    assertThat(send("POST", "/api/v2/silence/x", ACME_KEY, SILENCE).statusCode()).isEqualTo(405);
    assertThat(send("GET", "/api/v2/silence/", ACME_KEY, null).statusCode()).isEqualTo(404);
    assertThat(send("GET", "/api/v2/silence/a/b", ACME_KEY, null).statusCode()).isEqualTo(404);
    assertThat(send("GET", "/api/v2/silence/unknown", ACME_KEY, null).statusCode()).isEqualTo(404);
  }

  @Test
  void theStatusIsAlertmanagersShapeForAKnownKey() throws Exception {
    HttpResponse<String> status = send("GET", "/api/v2/status", ACME_KEY, null);

    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.body()).contains("\"cluster\":{\"status\":\"disabled\"").contains("\"versionInfo\":{\"version\":\"klaxon-")
        .contains("\"config\":{\"original\":\"\"}").contains("\"uptime\":\"2026-12-03T09:00:00.000Z\"");
    assertThat(send("GET", "/api/v2/status", "klx_nobody", null).statusCode()).isEqualTo(401);
    assertThat(send("POST", "/api/v2/status", ACME_KEY, "{}").statusCode()).isEqualTo(405);
  }

  @Test
  void notReadyIs503() throws Exception {
    health.set(Health.down("reading the tenants topic"));

    HttpResponse<String> response = send("GET", "/api/v2/silences", ACME_KEY, null);
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
  }

  @Test
  void filtersAreEveryFilterParameterDecoded() {
    assertThat(SilencesEndpoint.filters("filter=alertname%3D%22Disk+Full%22&silenced=false&filter=env%21~dev"))
        .containsExactly("alertname=\"Disk Full\"", "env!~dev");
    assertThat(SilencesEndpoint.filters(null)).isEmpty();
    assertThat(SilencesEndpoint.filters("filter")).isEmpty();
  }
}
