package io.klaxon.embedded;

import static io.klaxon.embedded.RegistryResponses.JSON;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.klaxon.registry.CompatibilityChecker;
import io.klaxon.registry.CompatibilityLevel;
import io.klaxon.registry.InMemorySchemaRegistry;
import io.klaxon.registry.RegisteredSchema;
import io.klaxon.registry.SchemaRegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Serves the Confluent Schema Registry REST API subset on top of an {@link InMemorySchemaRegistry}.
 *
 * <p>Routes: {@code GET /subjects}; {@code POST /subjects/{s}} (lookup); {@code GET|POST
 * /subjects/{s}/versions} (list, register); {@code GET /subjects/{s}/versions/{n|latest}[/schema]};
 * {@code GET /schemas/ids/{id}[/schema]}; {@code GET /schemas/types}; {@code POST
 * /compatibility/subjects/{s}/versions[/{n|latest}]} ({@code ?verbose=true} adds messages);
 * {@code GET|PUT /config[/{s}]}. Query parameters other than {@code verbose} and
 * {@code defaultToGlobal} are accepted and ignored. Only AVRO schemas without references.
 *
 * <p>Every answer is JSON with content type {@code application/vnd.schemaregistry.v1+json}; every
 * refusal has Confluent's body {@code {"error_code": n, "message": "..."}}. Thread-safe.
 */
final class RegistryHttpHandler implements HttpHandler {
  private static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

  private final InMemorySchemaRegistry registry;

  RegistryHttpHandler(InMemorySchemaRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      String body = route(exchange);
      RegistryResponses.send(exchange, 200, body);
    } catch (SchemaRegistryException e) {
      RegistryResponses.sendError(exchange, e);
    } catch (RuntimeException e) {
      RegistryResponses.sendError(exchange, RegistryHttpError.internal(e));
    }
  }

  private String route(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String rawPath = exchange.getRequestURI().getRawPath();
    List<String> path = segments(rawPath);
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    Request request = new Request(method, rawPath, path, query, exchange);

    if (path.isEmpty()) {
      return request.only("GET", () -> "{}");
    }
    return switch (path.get(0)) {
      case "subjects" -> subjects(request);
      case "schemas" -> schemas(request);
      case "compatibility" -> compatibility(request);
      case "config" -> config(request);
      default -> throw RegistryHttpError.notFound(rawPath);
    };
  }

  private String subjects(Request r) throws IOException {
    List<String> p = r.path;
    if (p.size() == 1) {
      return r.only("GET", () -> array(registry.subjects()));
    }
    String subject = p.get(1);
    if (p.size() == 2) {
      return r.onlyWithBody("POST", body -> {
        RegisteredSchema found = registry.lookup(subject, schemaFrom(body));
        return RegistryResponses.text(versionJson(found));
      });
    }
    if (!"versions".equals(p.get(2))) {
      throw RegistryHttpError.notFound(r.rawPath);
    }
    if (p.size() == 3) {
      if ("POST".equals(r.method)) {
        int id = registry.register(subject, schemaFrom(r.body()));
        return RegistryResponses.text(JSON.createObjectNode().put("id", id));
      }
      return r.only("GET", () -> array(registry.versions(subject)));
    }
    if (p.size() == 4 || (p.size() == 5 && "schema".equals(p.get(4)))) {
      r.require("GET");
      RegisteredSchema version = version(subject, p.get(3));
      return p.size() == 4 ? RegistryResponses.text(versionJson(version)) : version.schema().toString();
    }
    throw RegistryHttpError.notFound(r.rawPath);
  }

  private String schemas(Request r) {
    List<String> p = r.path;
    if (p.size() == 2 && "types".equals(p.get(1))) {
      return r.only("GET", () -> "[\"AVRO\"]");
    }
    if (p.size() >= 3 && p.size() <= 4 && "ids".equals(p.get(1))
        && (p.size() == 3 || "schema".equals(p.get(3)))) {
      r.require("GET");
      Schema schema = registry.schemaById(id(p.get(2)));
      return p.size() == 3
          ? RegistryResponses.text(JSON.createObjectNode().put("schema", schema.toString()))
          : schema.toString();
    }
    throw RegistryHttpError.notFound(r.rawPath);
  }

  private String compatibility(Request r) throws IOException {
    List<String> p = r.path;
    if (p.size() < 4 || p.size() > 5 || !"subjects".equals(p.get(1)) || !"versions".equals(p.get(3))) {
      throw RegistryHttpError.notFound(r.rawPath);
    }
    r.require("POST");
    String subject = p.get(2);
    Schema candidate = schemaFrom(r.body());
    List<String> problems;
    if (p.size() == 4 || isLatest(p.get(4))) {
      if (p.size() == 5) {
        registry.latest(subject); // 40401 when the subject has no versions, as Confluent answers
      }
      problems = registry.compatibilityProblems(subject, candidate);
    } else {
      RegisteredSchema against = version(subject, p.get(4));
      problems = CompatibilityChecker.problems(registry.compatibility(subject), candidate, List.of(against.schema()));
    }
    ObjectNode answer = JSON.createObjectNode().put("is_compatible", problems.isEmpty());
    if ("true".equalsIgnoreCase(r.query.get("verbose"))) {
      ArrayNode messages = answer.putArray("messages");
      problems.forEach(messages::add);
    }
    return RegistryResponses.text(answer);
  }

  private String config(Request r) throws IOException {
    List<String> p = r.path;
    if (p.size() > 2) {
      throw RegistryHttpError.notFound(r.rawPath);
    }
    String subject = p.size() == 2 ? p.get(1) : null;
    if ("PUT".equals(r.method)) {
      JsonNode body = json(r.body());
      JsonNode level = body.get("compatibility");
      if (level == null || !level.isTextual()) {
        throw RegistryHttpError.invalidCompatibilityLevel(level == null ? null : level.toString());
      }
      CompatibilityLevel parsed;
      try {
        parsed = CompatibilityLevel.parse(level.asText());
      } catch (IllegalArgumentException e) {
        throw RegistryHttpError.invalidCompatibilityLevel(level.asText());
      }
      registry.setCompatibility(subject, parsed);
      return RegistryResponses.text(JSON.createObjectNode().put("compatibility", parsed.name()));
    }
    r.require("GET");
    CompatibilityLevel level;
    if (subject == null) {
      level = registry.compatibility(null);
    } else {
      level = registry.ownCompatibility(subject);
      if (level == null) {
        if (!"true".equalsIgnoreCase(r.query.get("defaultToGlobal"))) {
          throw RegistryHttpError.subjectLevelNotConfigured(subject);
        }
        level = registry.compatibility(null);
      }
    }
    return RegistryResponses.text(JSON.createObjectNode().put("compatibilityLevel", level.name()));
  }

  private RegisteredSchema version(String subject, String version) {
    if (isLatest(version)) {
      return registry.latest(subject);
    }
    int number;
    try {
      number = Integer.parseInt(version);
    } catch (NumberFormatException e) {
      throw RegistryHttpError.invalidVersion(version);
    }
    if (number < 1) {
      throw RegistryHttpError.invalidVersion(version);
    }
    return registry.version(subject, number);
  }

  private static boolean isLatest(String version) {
    return "latest".equals(version) || "-1".equals(version);
  }

  private static int id(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw RegistryHttpError.schemaNotFound(text);
    }
  }

  /** The Avro schema of a register, lookup or compatibility request body. */
  private static Schema schemaFrom(String body) {
    JsonNode json = json(body);
    JsonNode type = json.get("schemaType");
    if (type != null && !type.isNull() && !"AVRO".equalsIgnoreCase(type.asText())) {
      throw RegistryHttpError.invalidSchema("Unsupported schema type '" + type.asText() + "'; only AVRO is supported");
    }
    JsonNode references = json.get("references");
    if (references != null && !references.isNull() && !(references.isArray() && references.isEmpty())) {
      throw RegistryHttpError.invalidSchema("Schema references are not supported");
    }
    JsonNode schema = json.get("schema");
    if (schema == null || !schema.isTextual() || schema.asText().isBlank()) {
      throw RegistryHttpError.invalidSchema("Empty schema");
    }
    return InMemorySchemaRegistry.parse(schema.asText());
  }

  private static JsonNode json(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || !node.isObject()) {
        throw RegistryHttpError.badRequest("Request body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw RegistryHttpError.badRequest("Request body is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private static ObjectNode versionJson(RegisteredSchema schema) {
    return JSON.createObjectNode()
        .put("subject", schema.subject())
        .put("version", schema.version())
        .put("id", schema.id())
        .put("schema", schema.schema().toString());
  }

  private static String array(List<?> values) {
    ArrayNode array = JSON.createArrayNode();
    for (Object value : values) {
      if (value instanceof Integer i) {
        array.add(i);
      } else {
        array.add(String.valueOf(value));
      }
    }
    return RegistryResponses.text(array);
  }

  static List<String> segments(String rawPath) {
    List<String> segments = new ArrayList<>();
    for (String raw : rawPath.split("/", -1)) {
      if (!raw.isEmpty()) {
        segments.add(decode(raw));
      }
    }
    return segments;
  }

  static Map<String, String> query(String rawQuery) {
    Map<String, String> query = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&", -1)) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      if (!name.isEmpty()) {
        query.putIfAbsent(decode(name), decode(value));
      }
    }
    return query;
  }

  /** Percent-decoding without form semantics: '+' stays '+' (it may be part of a subject). */
  private static String decode(String raw) {
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw RegistryHttpError.badRequest("Malformed percent-encoding in '" + raw + "'");
    }
  }

  /** One request being routed. */
  private record Request(String method, String rawPath, List<String> path, Map<String, String> query,
                         HttpExchange exchange) {

    interface Answer {
      String get();
    }

    interface BodyAnswer {
      String apply(String body);
    }

    void require(String allowed) {
      if (!allowed.equals(method) && !("GET".equals(allowed) && "HEAD".equals(method))) {
        throw RegistryHttpError.methodNotAllowed(method, rawPath);
      }
    }

    String only(String allowed, Answer answer) {
      require(allowed);
      return answer.get();
    }

    String onlyWithBody(String allowed, BodyAnswer answer) throws IOException {
      require(allowed);
      return answer.apply(body());
    }

    String body() throws IOException {
      try (InputStream in = exchange.getRequestBody()) {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
          throw RegistryHttpError.tooLarge(MAX_BODY_BYTES);
        }
        return new String(bytes, StandardCharsets.UTF_8);
      }
    }
  }
}
