package io.klaxon.registry;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach the schema registry, and the one factory of registry clients ({@link #connect()}).
 * Every service, the CLI, the launcher and the Kafka-configured serdes and exception handlers build
 * their client from one of these, so basic auth and timeouts reach all of them alike.
 *
 * <p>Read from the environment by {@code io.klaxon.ops.ClusterSettings} ({@code
 * SCHEMA_REGISTRY_URL}, {@code SCHEMA_REGISTRY_BASIC_AUTH}, {@code SCHEMA_REGISTRY_TIMEOUT}), or from
 * Kafka client properties under Confluent's keys ({@link #fromClientConfig}). Immutable; {@link
 * #toString()} never shows the password.
 *
 * @param url one or more comma-separated base URLs; {@code mock://<scope>} names an in-memory scope
 * @param basicAuthUserInfo {@code user:password} for HTTP basic auth, or null
 * @param requestTimeout how long one registry call may take
 */
public record RegistrySettings(String url, String basicAuthUserInfo, Duration requestTimeout) {
  /** Confluent's key for the registry URL(s). */
  public static final String URL_CONFIG = "schema.registry.url";
  /** Confluent's key for {@code user:password}. */
  public static final String BASIC_AUTH_USER_INFO_CONFIG = "basic.auth.user.info";
  /** Request timeout in milliseconds. */
  public static final String REQUEST_TIMEOUT_MS_CONFIG = "schema.registry.request.timeout.ms";

  /** Where a development registry listens when nothing else is said. */
  public static final String DEFAULT_URL = "http://localhost:8085";
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

  public RegistrySettings {
    Objects.requireNonNull(url, "url");
    if (url.isBlank()) {
      throw new IllegalArgumentException("the schema registry URL is empty");
    }
    url = url.trim();
    basicAuthUserInfo = basicAuthUserInfo == null || basicAuthUserInfo.isBlank() ? null : basicAuthUserInfo;
    requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
  }

  /** The registry at {@code url}, without auth, with the default timeout. */
  public static RegistrySettings of(String url) {
    return new RegistrySettings(url, null, DEFAULT_REQUEST_TIMEOUT);
  }

  /**
   * Settings from Kafka client properties under Confluent's keys.
   *
   * @throws IllegalArgumentException when {@value #URL_CONFIG} is missing or the timeout is not a number
   */
  public static RegistrySettings fromClientConfig(Map<String, ?> configs) {
    Object url = configs.get(URL_CONFIG);
    if (url == null || url.toString().isBlank()) {
      throw new IllegalArgumentException("Missing required configuration '" + URL_CONFIG + "'");
    }
    Object userInfo = configs.get(BASIC_AUTH_USER_INFO_CONFIG);
    Object timeout = configs.get(REQUEST_TIMEOUT_MS_CONFIG);
    Duration requestTimeout;
    try {
      requestTimeout = timeout == null ? DEFAULT_REQUEST_TIMEOUT : Duration.ofMillis(Long.parseLong(timeout.toString().trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Configuration '" + REQUEST_TIMEOUT_MS_CONFIG + "'='" + timeout
          + "' is not valid: expected milliseconds", e);
    }
    return new RegistrySettings(url.toString(), userInfo == null ? null : userInfo.toString(), requestTimeout);
  }

  /** These settings as Kafka client properties under Confluent's keys (the inverse of {@link #fromClientConfig}). */
  public Map<String, Object> toClientConfig() {
    Map<String, Object> configs = new HashMap<>();
    configs.put(URL_CONFIG, url);
    if (basicAuthUserInfo != null) {
      configs.put(BASIC_AUTH_USER_INFO_CONFIG, basicAuthUserInfo);
    }
    configs.put(REQUEST_TIMEOUT_MS_CONFIG, Long.toString(requestTimeout.toMillis()));
    return configs;
  }

  /** Whether this names an in-memory scope rather than a server. */
  public boolean inMemory() {
    return url.startsWith("mock://");
  }

  /**
   * A client for this registry: an in-memory scope for {@code mock://<scope>}, else an HTTP client
   * with these credentials and timeout. The caller owns it and closes it.
   */
  public SchemaRegistry connect() {
    if (inMemory()) {
      return InMemorySchemaRegistry.scoped(url.substring("mock://".length()));
    }
    return HttpSchemaRegistryClient.builder(url).basicAuth(basicAuthUserInfo).requestTimeout(requestTimeout).build();
  }

  /** The URL with any user info removed, for logs, error messages and dead-letter details. */
  public String redactedUrl() {
    return redact(url);
  }

  /**
   * {@code urls} (one or more, comma-separated) with the user info of each removed: {@code
   * https://admin:pw@r.example/} becomes {@code https://r.example/}. The one redaction every log line
   * and error message that names a registry goes through.
   */
  public static String redact(String urls) {
    return urls == null ? null : urls.replaceAll("(?<=://)[^/@,]*@", "");
  }

  @Override
  public String toString() {
    return "RegistrySettings[url=" + redactedUrl() + ", basicAuth=" + (basicAuthUserInfo == null ? "none" : "***")
        + ", requestTimeout=" + requestTimeout + "]";
  }
}
