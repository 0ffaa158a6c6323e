package io.klaxon.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klaxon.embedded.junit.BrokerAndRegistryExtension;
import io.klaxon.registry.CompatibilityLevel;
import io.klaxon.registry.HttpSchemaRegistryClient;
import io.klaxon.registry.RegisteredSchema;
import io.klaxon.registry.SchemaRegistryException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddedSchemaRegistryIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static final Schema V1 = SchemaBuilder.record("Alert").namespace("io.klaxon.test").fields()
      .requiredString("id")
      .endRecord();
  /** V1 plus a field with a default: BACKWARD compatible. */
  private static final Schema V2 = SchemaBuilder.record("Alert").namespace("io.klaxon.test").fields()
      .requiredString("id")
      .name("severity").type().stringType().stringDefault("INFO")
      .endRecord();
  /** V1 plus a field without a default: not BACKWARD compatible. */
  private static final Schema INCOMPATIBLE = SchemaBuilder.record("Alert").namespace("io.klaxon.test").fields()
      .requiredString("id")
      .requiredLong("mandatory")
      .endRecord();

  @RegisterExtension
  static final BrokerAndRegistryExtension KAFKA = BrokerAndRegistryExtension.brokerOnly();

  private String topic;
  private EmbeddedSchemaRegistry server;
  private HttpSchemaRegistryClient client;

  @BeforeEach
  void startRegistry() {
    topic = BrokerAndRegistryExtension.unique("_schemas");
    server = EmbeddedSchemaRegistry.builder(KAFKA.bootstrapServers()).topic(topic).start();
    client = client(server, null);
  }

  @AfterEach
  void stopRegistry() {
    client.close();
    server.close();
  }

  private static HttpSchemaRegistryClient client(EmbeddedSchemaRegistry on, String basicAuth) {
    return HttpSchemaRegistryClient.builder(on.url()).basicAuth(basicAuth).maxAttempts(1).build();
  }

  @Test
  void registersAndFindsSchemas() {
    int id = client.register("alerts-value", V1);
    assertThat(client.register("alerts-value", V1)).isEqualTo(id);
    // A fresh client has no cache, so the second answer really comes from the server.
    try (HttpSchemaRegistryClient fresh = client(server, null)) {
      assertThat(fresh.register("alerts-value", V1)).isEqualTo(id);
      assertThat(fresh.register("other-value", V1)).as("same schema, other subject, same id").isEqualTo(id);
      assertThat(fresh.schemaById(id)).isEqualTo(V1);
    }
    int id2 = client.register("alerts-value", V2);
    assertThat(id2).isNotEqualTo(id);

    RegisteredSchema found = client.lookup("alerts-value", V2);
    assertThat(found).isEqualTo(new RegisteredSchema("alerts-value", id2, 2, V2));
    assertThat(client.latest("alerts-value")).isEqualTo(found);
    assertThat(client.version("alerts-value", 1)).isEqualTo(new RegisteredSchema("alerts-value", id, 1, V1));
    assertThat(client.subjects()).containsExactly("alerts-value", "other-value");
    assertThat(client.versions("alerts-value")).containsExactly(1, 2);
    assertThat(client.versions("other-value")).containsExactly(1);
  }

  @Test
  void testsCompatibilityAndRefusesIncompatibleSchemas() throws Exception {
    client.register("alerts-value", V1);
    assertThat(client.isCompatible("alerts-value", V2)).isTrue();
    assertThat(client.isCompatible("alerts-value", INCOMPATIBLE)).isFalse();

    assertThatThrownBy(() -> client.register("alerts-value", INCOMPATIBLE))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(409);
          assertThat(e.errorCode()).isEqualTo(409);
        });
    HttpResponse<String> raw = post("/subjects/alerts-value/versions", schemaBody(INCOMPATIBLE), null);
    assertThat(raw.statusCode()).isEqualTo(409);
    assertThat(raw.headers().firstValue("Content-Type")).hasValue("application/vnd.schemaregistry.v1+json");
    JsonNode body = JSON.readTree(raw.body());
    assertThat(body.get("error_code").asInt()).isEqualTo(409);
    assertThat(body.get("message").asText()).contains("alerts-value");

    HttpResponse<String> verbose = post("/compatibility/subjects/alerts-value/versions/latest?verbose=true",
        schemaBody(INCOMPATIBLE), null);
    JsonNode answer = JSON.readTree(verbose.body());
    assertThat(answer.get("is_compatible").asBoolean()).isFalse();
    assertThat(answer.get("messages")).isNotEmpty();
    JsonNode byVersion = JSON.readTree(post("/compatibility/subjects/alerts-value/versions/1", schemaBody(V2), null).body());
    assertThat(byVersion.get("is_compatible").asBoolean()).isTrue();
    assertThat(byVersion.has("messages")).isFalse();

    assertThat(client.versions("alerts-value")).containsExactly(1);
  }

  @Test
  void honoursPerSubjectCompatibility() throws Exception {
    client.register("loose-value", V1);
    client.setCompatibility("loose-value", CompatibilityLevel.NONE);
    assertThat(client.compatibility("loose-value")).isEqualTo(CompatibilityLevel.NONE);
    assertThat(client.compatibility(null)).isEqualTo(CompatibilityLevel.BACKWARD);
    assertThat(client.register("loose-value", INCOMPATIBLE)).isPositive();

    assertThat(JSON.readTree(get("/config", null).body()).get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
    HttpResponse<String> put = send("PUT", "/config/loose-value", "{\"compatibility\":\"FULL\"}", null);
    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(put.body()).get("compatibility").asText()).isEqualTo("FULL");
    assertThat(JSON.readTree(get("/config/loose-value", null).body()).get("compatibilityLevel").asText()).isEqualTo("FULL");

    assertError(send("PUT", "/config/loose-value", "{\"compatibility\":\"SIDEWAYS\"}", null), 422, 42203);
    assertError(get("/config/never-configured-value", null), 404, 40408);
  }

  @Test
  void servesTheRestPathsConfluentClientsUse() throws Exception {
    int id = client.register("paths-value", V1);

    JsonNode byId = JSON.readTree(get("/schemas/ids/" + id + "?subject=paths-value&format=x", null).body());
    assertThat(new Schema.Parser().parse(byId.get("schema").asText())).isEqualTo(V1);
    assertThat(new Schema.Parser().parse(get("/schemas/ids/" + id + "/schema", null).body())).isEqualTo(V1);

    JsonNode latest = JSON.readTree(get("/subjects/paths-value/versions/latest", null).body());
    assertThat(latest.get("subject").asText()).isEqualTo("paths-value");
    assertThat(latest.get("version").asInt()).isEqualTo(1);
    assertThat(latest.get("id").asInt()).isEqualTo(id);
    assertThat(new Schema.Parser().parse(get("/subjects/paths-value/versions/1/schema", null).body())).isEqualTo(V1);
    assertThat(JSON.readTree(get("/subjects/paths-value/versions/-1", null).body()).get("id").asInt()).isEqualTo(id);

    String withType = JSON.createObjectNode().put("schema", V1.toString()).put("schemaType", "AVRO")
        .set("references", JSON.createArrayNode()).toString();
    HttpResponse<String> register = post("/subjects/paths-value/versions?normalize=false", withType, null);
    assertThat(JSON.readTree(register.body()).get("id").asInt()).isEqualTo(id);
    HttpResponse<String> lookup = post("/subjects/paths-value?normalize=false&deleted=false", withType, null);
    assertThat(JSON.readTree(lookup.body()).get("version").asInt()).isEqualTo(1);

    assertThat(JSON.readTree(get("/subjects", null).body()).toString()).isEqualTo("[\"paths-value\"]");
    assertThat(JSON.readTree(get("/subjects/paths-value/versions", null).body()).toString()).isEqualTo("[1]");
    assertError(get("/associations/resources/default/paths?resourceType=topic", null), 404, 404);
  }

  @Test
  void answersErrorsInConfluentShape() throws Exception {
    client.register("errors-value", V1);

    assertError(get("/schemas/ids/999999", null), 404, 40403);
    assertError(get("/subjects/no-such-subject/versions/latest", null), 404, 40401);
    assertError(get("/subjects/no-such-subject/versions", null), 404, 40401);
    assertError(get("/subjects/errors-value/versions/7", null), 404, 40402);
    assertError(get("/subjects/errors-value/versions/zero", null), 422, 42202);
    assertError(post("/subjects/errors-value", schemaBody(V2), null), 404, 40403);
    assertError(post("/subjects/no-such-subject", schemaBody(V1), null), 404, 40401);
    assertError(post("/subjects/errors-value/versions", "{\"schema\":\"{not avro\"}", null), 422, 42201);
    assertError(post("/subjects/errors-value/versions", "{\"schema\":\"{}\",\"schemaType\":\"PROTOBUF\"}", null), 422, 42201);
    assertError(post("/subjects/errors-value/versions", "not json", null), 400, 400);
    assertError(send("DELETE", "/subjects/errors-value", null, null), 405, 405);

    assertThatThrownBy(() -> client.schemaById(424242))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
    assertThatThrownBy(() -> client.latest("nobody"))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40401));
    assertThatThrownBy(() -> client.register("errors-value", new Schema.Parser().parse("\"string\"")))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(409));
  }

  @Test
  void requiresBasicAuthWhenConfigured() throws Exception {
    try (EmbeddedSchemaRegistry secured = EmbeddedSchemaRegistry.builder(KAFKA.bootstrapServers())
        .topic(BrokerAndRegistryExtension.unique("_schemas-auth")).basicAuth("klaxon:s3cret").start()) {
      String url = secured.url();

      HttpResponse<String> anonymous = send(url, "GET", "/subjects", null, null);
      assertError(anonymous, 401, 401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
      assertError(send(url, "GET", "/subjects", null, "klaxon:wrong"), 401, 401);

      try (HttpSchemaRegistryClient anonymousClient = client(secured, null);
           HttpSchemaRegistryClient wrongClient = client(secured, "klaxon:wrong");
           HttpSchemaRegistryClient rightClient = client(secured, "klaxon:s3cret")) {
        assertThatThrownBy(() -> anonymousClient.register("auth-value", V1))
            .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(401));
        assertThatThrownBy(() -> wrongClient.subjects())
            .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(401));
        int id = rightClient.register("auth-value", V1);
        assertThat(rightClient.schemaById(id)).isEqualTo(V1);
      }
    }
  }

  @Test
  void keepsIdsAndVersionsAcrossARestart() {
    int a1 = client.register("a-value", V1);
    int a2 = client.register("a-value", V2);
    int b1 = client.register("b-value", V2);
    client.setCompatibility("b-value", CompatibilityLevel.NONE);
    assertThat(b1).isEqualTo(a2);
    client.close();
    server.close();

    server = EmbeddedSchemaRegistry.builder(KAFKA.bootstrapServers()).topic(topic).start();
    client = client(server, null);

    assertThat(client.subjects()).containsExactly("a-value", "b-value");
    assertThat(client.version("a-value", 1)).isEqualTo(new RegisteredSchema("a-value", a1, 1, V1));
    assertThat(client.version("a-value", 2)).isEqualTo(new RegisteredSchema("a-value", a2, 2, V2));
    assertThat(client.latest("b-value")).isEqualTo(new RegisteredSchema("b-value", b1, 1, V2));
    assertThat(client.schemaById(a1)).isEqualTo(V1);
    assertThat(client.compatibility("b-value")).isEqualTo(CompatibilityLevel.NONE);
    assertThat(client.register("a-value", V1)).as("re-registering finds the old id").isEqualTo(a1);

    int next = client.register("b-value", INCOMPATIBLE);
    assertThat(next).isGreaterThan(Math.max(a1, a2));
    assertThat(client.versions("b-value")).containsExactly(1, 2);
  }

  private static void assertError(HttpResponse<String> response, int status, int errorCode) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/vnd.schemaregistry.v1+json");
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("error_code").asInt()).as(response.body()).isEqualTo(errorCode);
    assertThat(body.get("message").asText()).isNotBlank();
  }

  private static String schemaBody(Schema schema) {
    return JSON.createObjectNode().put("schema", schema.toString()).toString();
  }

  private HttpResponse<String> get(String path, String auth) throws Exception {
    return send("GET", path, null, auth);
  }

  private HttpResponse<String> post(String path, String body, String auth) throws Exception {
    return send("POST", path, body, auth);
  }

  private HttpResponse<String> send(String method, String path, String body, String auth) throws Exception {
    return send(server.url(), method, path, body, auth);
  }

  private static HttpResponse<String> send(String url, String method, String path, String body, String auth) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
        .timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/vnd.schemaregistry.v1+json");
    }
    if (auth != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8)));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
