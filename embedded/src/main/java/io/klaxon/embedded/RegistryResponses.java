package io.klaxon.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.klaxon.registry.SchemaRegistryException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes the embedded registry's answers: JSON bodies with Confluent's content type. */
final class RegistryResponses {
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  static final ObjectMapper JSON = new ObjectMapper();

  private RegistryResponses() {}

  /** Sends {@code body} (JSON text) with {@code status}. */
  static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length == 0 ? -1 : bytes.length);
    if (!head && bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
    exchange.close();
  }

  /** Sends {@code {"error_code": n, "message": "..."}} with the exception's HTTP status. */
  static void sendError(HttpExchange exchange, SchemaRegistryException error) throws IOException {
    send(exchange, error.httpStatus(), errorBody(error.errorCode(), error.getMessage()));
  }

  static String errorBody(int errorCode, String message) {
    ObjectNode body = JSON.createObjectNode().put("error_code", errorCode).put("message", message);
    return text(body);
  }

  static String text(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write JSON", e);
    }
  }
}
