package io.klaxon.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.klaxon.registry.InMemorySchemaRegistry;
import io.klaxon.registry.SchemaRegistryException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP layer alone, over a registry whose journal is given by each test. */
class RegistryHttpHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCHEMA_BODY = "{\"schema\":\"{\\\"type\\\":\\\"string\\\"}\"}";

  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private String serve(InMemorySchemaRegistry registry) throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext("/", new RegistryHttpHandler(registry));
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static HttpResponse<String> post(String url, String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aJournalFailureIsAStoreErrorAndNothingIsRegistered() throws Exception {
    InMemorySchemaRegistry registry = new InMemorySchemaRegistry(change -> {
      throw new SchemaRegistryException(500, SchemaRegistryException.STORE_ERROR, "journal down");
    });
    String url = serve(registry);

    HttpResponse<String> response = post(url + "/subjects/s-value/versions", SCHEMA_BODY);

    assertThat(response.statusCode()).isEqualTo(500);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("error_code").asInt()).isEqualTo(50001);
    assertThat(body.get("message").asText()).contains("journal down");
    assertThat(registry.subjects()).isEmpty();
  }

  @Test
  void anUnexpectedFailureStillAnswersInConfluentShape() throws Exception {
    String url = serve(new InMemorySchemaRegistry(change -> {
      throw new IllegalStateException("boom");
    }));

    HttpResponse<String> response = post(url + "/subjects/s-value/versions", SCHEMA_BODY);

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(JSON.readTree(response.body()).get("error_code").asInt()).isEqualTo(500);
  }

  @Test
  void registersWhenTheJournalAccepts() throws Exception {
    InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    String url = serve(registry);

    HttpResponse<String> response = post(url + "/subjects/s%2Fwith+plus-value/versions", SCHEMA_BODY);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).get("id").asInt()).isEqualTo(1);
    assertThat(registry.subjects()).containsExactly("s/with+plus-value");
  }

  @Test
  void decodesPathSegmentsAndQueryParameters() {
    assertThat(RegistryHttpHandler.segments("/subjects/a%2Fb+c/versions/")).containsExactly("subjects", "a/b+c", "versions");
    assertThat(RegistryHttpHandler.segments("/")).isEqualTo(List.of());
    assertThat(RegistryHttpHandler.query("verbose=true&subject=a%20b&flag")).isEqualTo(
        Map.of("verbose", "true", "subject", "a b", "flag", ""));
    assertThatThrownBy(() -> RegistryHttpHandler.segments("/subjects/%zz"))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(400));
  }
}
