package io.klaxon.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client's HTTP behaviour against a scripted local server. */
class HttpSchemaRegistryClientTest {
  private HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresBeforeSuccess = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    requests.add(exchange.getRequestMethod() + " " + path);
    authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
    exchange.getRequestBody().readAllBytes();
    if (failuresBeforeSuccess.getAndDecrement() > 0) {
      reply(exchange, 503, "{\"error_code\":50003,\"message\":\"Error while forwarding the request\"}");
      return;
    }
    switch (path) {
      case "/subjects/klaxon.alerts.v1-value/versions" -> reply(exchange, 200, "{\"id\":7}");
      case "/schemas/ids/7" -> reply(exchange, 200,
          "{\"schema\":" + quote(InMemorySchemaRegistryTest.V1.toString()) + "}");
      case "/schemas/ids/8" -> reply(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema 8 not found\"}");
      default -> {
        if (path.startsWith("/schemas/ids/9")) {
          reply(exchange, 404, "{\"error_code\":40403,\"message\":\"Schema not found\"}");
          return;
        }
        answerOther(exchange, path);
      }
    }
  }

  private void answerOther(HttpExchange exchange, String path) throws IOException {
    switch (path) {
      case "/compatibility/subjects/new-value/versions/latest" -> reply(exchange, 404,
          "{\"error_code\":40401,\"message\":\"Subject 'new-value' not found.\"}");
      case "/config/klaxon.alerts.v1-value" -> reply(exchange, 200, "{\"compatibilityLevel\":\"FULL\"}");
      case "/subjects/a%20b%2Fc/versions/latest" -> reply(exchange, 401,
          "{\"error_code\":401,\"message\":\"Unauthorized\"}");
      default -> reply(exchange, 500, "not json at all");
    }
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private HttpSchemaRegistryClient client() {
    return HttpSchemaRegistryClient.builder("http://127.0.0.1:" + server.getAddress().getPort())
        .basicAuth("klaxon:s3cret").retryBackoff(Duration.ofMillis(1)).build();
  }

  @Test
  void registersAndCachesIdsAndSchemas() {
    HttpSchemaRegistryClient client = client();
    assertThat(client.register("klaxon.alerts.v1-value", InMemorySchemaRegistryTest.V1)).isEqualTo(7);
    assertThat(client.register("klaxon.alerts.v1-value", InMemorySchemaRegistryTest.V1)).isEqualTo(7);
    assertThat(client.schemaById(7)).isEqualTo(InMemorySchemaRegistryTest.V1);
    assertThat(requests).containsExactly("POST /subjects/klaxon.alerts.v1-value/versions");
    assertThat(authorizations).containsOnly("Basic a2xheG9uOnMzY3JldA==");
  }

  @Test
  void fetchesByIdOnce() {
    HttpSchemaRegistryClient client = client();
    client.schemaById(7);
    client.schemaById(7);
    assertThat(requests).containsExactly("GET /schemas/ids/7");
  }

  @Test
  void retriesServerErrorsThenSucceeds() {
    failuresBeforeSuccess.set(2);
    assertThat(client().schemaById(7)).isEqualTo(InMemorySchemaRegistryTest.V1);
    assertThat(requests).hasSize(3);
  }

  @Test
  void givesUpAfterTheAttemptsWithTheStatusInTheMessage() {
    failuresBeforeSuccess.set(10);
    assertThatThrownBy(() -> client().schemaById(7))
        .isInstanceOfSatisfying(SchemaRegistryUnavailableException.class, e -> assertThat(e.httpStatus()).isEqualTo(503))
        .hasMessageContaining("HTTP 503").hasMessageContaining("schema id 7");
    assertThat(requests).hasSize(3);
  }

  @Test
  void clientErrorsAreNotRetriedAndCarryTheConfluentCode() {
    assertThatThrownBy(() -> client().schemaById(8))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(404);
          assertThat(e.errorCode()).isEqualTo(40403);
          assertThat(e.isNotFound()).isTrue();
        })
        .hasMessageContaining("schema id 8");
    assertThat(requests).hasSize(1);
  }

  @Test
  void anIdTheRegistryDidNotKnowIsNotAskedAboutAgainForAWhile() {
    AtomicLong now = new AtomicLong();
    HttpSchemaRegistryClient client = client(now, Duration.ofMinutes(1), 20);
    assertThatThrownBy(() -> client.schemaById(8)).isInstanceOf(SchemaRegistryException.class);
    now.addAndGet(Duration.ofSeconds(59).toNanos());
    assertThatThrownBy(() -> client.schemaById(8))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isNotFound()).isTrue())
        .hasMessageContaining("Schema id 8 is not known").hasMessageContaining("59 s ago");
    assertThat(requests).containsExactly("GET /schemas/ids/8");
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThatThrownBy(() -> client.schemaById(8)).isInstanceOf(SchemaRegistryException.class);
    assertThat(requests).containsExactly("GET /schemas/ids/8", "GET /schemas/ids/8");
  }

  @Test
  void afterTheBudgetOfMissesIdsNotSeenBeforeAreNotLookedUpUntilItRefills() {
    AtomicLong now = new AtomicLong();
    HttpSchemaRegistryClient client = client(now, Duration.ofMinutes(1), 3);
    assertThat(client.schemaById(7)).isEqualTo(InMemorySchemaRegistryTest.V1);
    for (int id = 900; id < 903; id++) {
      int unknown = id;
      assertThatThrownBy(() -> client.schemaById(unknown)).isInstanceOf(SchemaRegistryException.class);
    }
    assertThatThrownBy(() -> client.schemaById(903))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isNotFound()).isTrue())
        .hasMessageContaining("schema id 903 was not looked up")
        .hasMessageContaining("more than 3 schema ids a second");
    assertThat(requests).hasSize(4);
    // A schema already known is still served from the cache.
    assertThat(client.schemaById(7)).isEqualTo(InMemorySchemaRegistryTest.V1);
    assertThat(requests).hasSize(4);
    // A third of a second later one miss more is allowed.
    now.addAndGet(Duration.ofMillis(340).toNanos());
    assertThatThrownBy(() -> client.schemaById(903)).hasMessageContaining("fetching schema id 903");
    assertThatThrownBy(() -> client.schemaById(904)).hasMessageContaining("was not looked up");
    assertThat(requests).hasSize(5);
  }

  private HttpSchemaRegistryClient client(AtomicLong now, Duration remember, int missesPerSecond) {
    return HttpSchemaRegistryClient.builder("http://127.0.0.1:" + server.getAddress().getPort())
        .retryBackoff(Duration.ofMillis(1)).unknownIds(remember, missesPerSecond).nanoTime(now::get).build();
  }

  @Test
  void aSubjectWithoutVersionsIsCompatibleWithAnything() {
    assertThat(client().isCompatible("new-value", InMemorySchemaRegistryTest.V1)).isTrue();
  }

  @Test
  void readsCompatibilityLevels() {
    assertThat(client().compatibility("klaxon.alerts.v1-value")).isEqualTo(CompatibilityLevel.FULL);
  }

  @Test
  void encodesSubjectsAndExplainsAuthFailuresWithoutLeakingTheSecret() {
    assertThatThrownBy(() -> client().latest("a b/c"))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(401))
        .hasMessageContaining("'a b/c'").hasMessageContaining("SCHEMA_REGISTRY_BASIC_AUTH")
        .hasMessageContaining("basic.auth.user.info")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    assertThat(requests).containsExactly("GET /subjects/a%20b%2Fc/versions/latest");
  }

  @Test
  void userInfoInTheUrlNeverReachesAnErrorMessage() {
    HttpSchemaRegistryClient answering = HttpSchemaRegistryClient.builder(
        "http://admin:hunter2@127.0.0.1:" + server.getAddress().getPort()).retryBackoff(Duration.ofMillis(1)).build();
    assertThatThrownBy(() -> answering.latest("a b/c"))
        .hasMessageContaining("[http://127.0.0.1:" + server.getAddress().getPort() + "/subjects/a%20b%2Fc/versions/latest]")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("admin"));

    HttpSchemaRegistryClient unreachable = HttpSchemaRegistryClient.builder("http://admin:hunter2@127.0.0.1:1")
        .maxAttempts(1).build();
    assertThatThrownBy(() -> unreachable.schemaById(7))
        .isInstanceOf(SchemaRegistryUnavailableException.class)
        .hasMessageContaining("http://127.0.0.1:1")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
  }

  @Test
  void rejectsNonHttpUrls() {
    assertThatThrownBy(() -> HttpSchemaRegistryClient.builder("ftp://registry"))
        .hasMessageContaining("ftp://registry");
    assertThatThrownBy(() -> HttpSchemaRegistryClient.builder("ftp://admin:hunter2@registry"))
        .hasMessageContaining("ftp://registry").satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
  }
}
