package io.klaxon.serde;

import io.klaxon.registry.RegistrySettings;
import io.klaxon.registry.SchemaRegistry;
import java.util.Map;

/**
 * Configuration keys the serdes read when Kafka instantiates them from properties. The names are
 * Confluent's, so existing client configuration carries over.
 */
public final class SerdeConfig {
  /** Registry URL(s), comma-separated; {@code mock://<scope>} selects an in-memory scope. */
  public static final String SCHEMA_REGISTRY_URL = RegistrySettings.URL_CONFIG;
  /** {@code user:password} for HTTP basic auth. */
  public static final String BASIC_AUTH_USER_INFO = RegistrySettings.BASIC_AUTH_USER_INFO_CONFIG;
  /** Register the writer's schema on first use (default true); false only looks it up. */
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
  /** Class of the specific record a value deserializer produces. */
  public static final String SPECIFIC_VALUE_TYPE = "specific.avro.value.type";
  /** Class of the specific record a key deserializer produces. */
  public static final String SPECIFIC_KEY_TYPE = "specific.avro.key.type";
  /** Request timeout in milliseconds for registry calls (default 10000). */
  public static final String REQUEST_TIMEOUT_MS = RegistrySettings.REQUEST_TIMEOUT_MS_CONFIG;

  private SerdeConfig() {}

  /** Builds the registry named by {@link #SCHEMA_REGISTRY_URL}, through {@link RegistrySettings#connect()}. */
  public static SchemaRegistry registry(Map<String, ?> configs) {
    return RegistrySettings.fromClientConfig(configs).connect();
  }

  static boolean flag(Map<String, ?> configs, String key, boolean defaultValue) {
    Object value = configs.get(key);
    return value == null ? defaultValue : Boolean.parseBoolean(value.toString());
  }
}
