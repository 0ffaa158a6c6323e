package io.klaxon.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klaxon.registry.CompatibilityLevel;
import io.klaxon.registry.InMemorySchemaRegistry.Change;
import io.klaxon.registry.InMemorySchemaRegistry.CompatibilitySet;
import io.klaxon.registry.InMemorySchemaRegistry.SchemaRegistered;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The JSON form of registry changes in the schema journal topic.
 *
 * <p>Keys identify what a change is about, so that compaction keeps the last record per key:
 * {@code {"type":"SCHEMA","subject":s,"version":v}} for a version under a subject and
 * {@code {"type":"CONFIG","subject":s}} for a compatibility level ({@code subject} null for the
 * global level). Values carry the change: {@code {"subject","version","id","schema"}} and
 * {@code {"subject","compatibilityLevel"}}.
 *
 * <p>Stateless and thread-safe.
 */
final class SchemaJournalCodec {
  static final String SCHEMA = "SCHEMA";
  static final String CONFIG = "CONFIG";

  private static final ObjectMapper JSON = new ObjectMapper();

  private SchemaJournalCodec() {}

  static byte[] key(Change change) {
    ObjectNode key = JSON.createObjectNode();
    switch (change) {
      case SchemaRegistered r -> key.put("type", SCHEMA).put("subject", r.subject()).put("version", r.version());
      case CompatibilitySet c -> key.put("type", CONFIG).put("subject", c.subject());
    }
    return bytes(key);
  }

  static byte[] value(Change change) {
    ObjectNode value = JSON.createObjectNode();
    switch (change) {
      case SchemaRegistered r -> value.put("subject", r.subject()).put("version", r.version())
          .put("id", r.id()).put("schema", r.schema());
      case CompatibilitySet c -> value.put("subject", c.subject()).put("compatibilityLevel", c.level().name());
    }
    return bytes(value);
  }

  /**
   * Reads a journal record back. Empty for a tombstone (null value), which carries no change.
   *
   * @throws IllegalArgumentException when the record is not a change this codec wrote
   */
  static Optional<Change> decode(byte[] key, byte[] value) {
    if (value == null) {
      return Optional.empty();
    }
    JsonNode k = read(key, "key");
    JsonNode v = read(value, "value");
    String type = k.path("type").asText();
    return switch (type) {
      case SCHEMA -> Optional.of(new SchemaRegistered(
          required(v, "subject").asText(), required(v, "version").asInt(), required(v, "id").asInt(),
          required(v, "schema").asText()));
      case CONFIG -> Optional.of(new CompatibilitySet(
          v.path("subject").isNull() || v.path("subject").isMissingNode() ? null : v.get("subject").asText(),
          CompatibilityLevel.parse(required(v, "compatibilityLevel").asText())));
      default -> throw new IllegalArgumentException("Unknown journal record type '" + type + "'");
    };
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("Journal record lacks '" + field + "': " + node);
    }
    return value;
  }

  private static JsonNode read(byte[] bytes, String what) {
    if (bytes == null) {
      throw new IllegalArgumentException("Journal record has no " + what);
    }
    try {
      JsonNode node = JSON.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("Journal record " + what + " is not a JSON object");
      }
      return node;
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("Journal record " + what + " is not JSON: " + e.getMessage(), e);
    }
  }

  private static byte[] bytes(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write journal JSON", e);
    }
  }
}
