package io.klaxon.ingest.http;

import static io.klaxon.ingest.http.IntakeFixture.ACME_KEY;
import static io.klaxon.ingest.http.IntakeFixture.REVOKED_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.Severity;
import io.klaxon.ingest.mapping.AlertmanagerApiFormat;
import io.klaxon.ops.Health;
import io.klaxon.ops.OpsServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP side of an endpoint: methods, readiness, authentication before the body, the body limit, counting. */
class IngestEndpointTest {
  private static final int MAX_BODY = 256;
  private static final String ONE_ALERT = "[{\"labels\": {\"alertname\": \"A\"}}]";

  private final IntakeFixture fixture = new IntakeFixture();
  private final AtomicReference<Health> health = new AtomicReference<>(Health.up("READY"));
  private final HttpClient http = HttpClient.newHttpClient();
  private OpsServer server;

  @BeforeEach
  void start() throws Exception {
    server = OpsServer.start("127.0.0.1", 0, fixture.meters, health::get);
    server.route("/api/v2/alerts", new IngestEndpoint(new AlertmanagerApiFormat(Severity.WARNING), fixture.intake,
        health::get, fixture.metrics, MAX_BODY));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> post(String key, HttpRequest.BodyPublisher body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + "/api/v2/alerts"))
        .header("Content-Type", "application/json").POST(body);
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String key, String body) throws Exception {
    return post(key, HttpRequest.BodyPublishers.ofString(body));
  }

  @Test
  void acceptsAValidRequest() throws Exception {
    HttpResponse<String> response = post(ACME_KEY, ONE_ALERT);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    assertThat(fixture.producer.history()).hasSize(1);
    assertThat(fixture.sample("klaxon_ingest_requests_total{endpoint=\"alertmanager-api\",status=\"200\"}")).isEqualTo(1.0);
  }

  @Test
  void unknownRevokedOrMissingKeysGet401AndNothingIsAccepted() throws Exception {
    for (String key : new String[] {"klx_unknown", REVOKED_KEY, null}) {
      HttpResponse<String> response = post(key, ONE_ALERT);

      assertThat(response.statusCode()).as("key %s", key).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }
    assertThat(fixture.producer.history()).isEmpty();
    assertThat(fixture.sample("klaxon_ingest_requests_total{endpoint=\"alertmanager-api\",status=\"401\"}")).isEqualTo(3.0);
  }

  @Test
  void aBodyOverTheLimitGets413WhetherItsLengthIsAnnouncedOrNot() throws Exception {
    String big = "[" + "{\"labels\": {\"alertname\": \"A\"}},".repeat(20) + "{\"labels\": {\"alertname\": \"A\"}}]";
    assertThat(big.length()).isGreaterThan(MAX_BODY);

    HttpResponse<String> announced = post(ACME_KEY, big);
    HttpResponse<String> chunked = post(ACME_KEY, HttpRequest.BodyPublishers.ofInputStream(
        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))));

    assertThat(announced.statusCode()).isEqualTo(413);
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(fixture.producer.history()).isEmpty();
    assertThat(post(ACME_KEY, ONE_ALERT).statusCode()).isEqualTo(200);
  }

  @Test
  void theKeyIsCheckedBeforeTheBodyIsLookedAt() throws Exception {
    assertThat(post("klx_unknown", "x".repeat(MAX_BODY * 4)).statusCode()).isEqualTo(401);
  }

  @Test
  void onlyPostIsAnswered() throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v2/alerts"))
        .header("Authorization", "Bearer " + ACME_KEY).GET().build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).contains("POST");
  }

  @Test
  void untilReadyEveryRequestGets503() throws Exception {
    health.set(Health.down("reading the tenants topic"));

    HttpResponse<String> response = post(ACME_KEY, ONE_ALERT);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
    assertThat(response.body()).contains("reading the tenants topic");
    assertThat(fixture.producer.history()).isEmpty();
  }

  @Test
  void aCompressedBodyGets415() throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/v2/alerts"))
        .header("Authorization", "Bearer " + ACME_KEY).header("Content-Encoding", "gzip")
        .POST(HttpRequest.BodyPublishers.ofString(ONE_ALERT)).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(415);
  }
}
