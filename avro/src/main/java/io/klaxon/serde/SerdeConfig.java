package io.klaxon.serde;

import io.klaxon.registry.HttpSchemaRegistryClient;
import io.klaxon.registry.InMemorySchemaRegistry;
import io.klaxon.registry.SchemaRegistry;
import java.time.Duration;
import java.util.Map;

/**
 * Configuration keys the serdes read when Kafka instantiates them from properties. The names are
 * Confluent's, so existing client configuration carries over.
 */
public final class SerdeConfig {
  /** Registry URL(s), comma-separated; {@code mock://<scope>} selects an in-memory scope. */
  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  /** {@code user:password} for HTTP basic auth. */
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
  /** Register the writer's schema on first use (default true); false only looks it up. */
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
  /** Class of the specific record a value deserializer produces. */
  public static final String SPECIFIC_VALUE_TYPE = "specific.avro.value.type";
  /** Class of the specific record a key deserializer produces. */
  public static final String SPECIFIC_KEY_TYPE = "specific.avro.key.type";
  /** Request timeout in milliseconds for registry calls (default 10000). */
  public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";

  private SerdeConfig() {}

  /** Builds the registry named by {@link #SCHEMA_REGISTRY_URL}. */
  public static SchemaRegistry registry(Map<String, ?> configs) {
    Object url = configs.get(SCHEMA_REGISTRY_URL);
    if (url == null || url.toString().isBlank()) {
      throw new IllegalArgumentException("Missing required configuration '" + SCHEMA_REGISTRY_URL + "'");
    }
    String value = url.toString().trim();
    if (value.startsWith("mock://")) {
      return InMemorySchemaRegistry.scoped(value.substring("mock://".length()));
    }
    Object userInfo = configs.get(BASIC_AUTH_USER_INFO);
    Object timeout = configs.get(REQUEST_TIMEOUT_MS);
    return HttpSchemaRegistryClient.builder(value)
        .basicAuth(userInfo == null ? null : userInfo.toString())
        .requestTimeout(timeout == null ? Duration.ofSeconds(10) : Duration.ofMillis(Long.parseLong(timeout.toString())))
        .build();
  }

  static boolean flag(Map<String, ?> configs, String key, boolean defaultValue) {
    Object value = configs.get(key);
    return value == null ? defaultValue : Boolean.parseBoolean(value.toString());
  }
}
