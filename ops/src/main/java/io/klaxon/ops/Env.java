package io.klaxon.ops;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Typed reads of environment variables. Every parse error names the variable and the value it
 * could not read, so a misconfigured service fails at start with a message that says what to fix.
 * Immutable and thread-safe.
 */
public final class Env {
  private final Map<String, String> vars;

  private Env(Map<String, String> vars) {
    this.vars = Map.copyOf(vars);
  }

  /** The process environment. */
  public static Env system() {
    return new Env(System.getenv());
  }

  /** A given set of variables (tests, or a file of overrides). */
  public static Env of(Map<String, String> vars) {
    return new Env(Objects.requireNonNull(vars, "vars"));
  }

  /** The raw value, or null when unset or blank. */
  public String raw(String name) {
    String value = vars.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  public String string(String name, String defaultValue) {
    String value = raw(name);
    return value == null ? defaultValue : value;
  }

  /** @throws IllegalArgumentException when the variable is unset or blank */
  public String required(String name) {
    String value = raw(name);
    if (value == null) {
      throw new IllegalArgumentException("Environment variable " + name + " is required but not set");
    }
    return value;
  }

  public int integer(String name, int defaultValue) {
    String value = raw(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw invalid(name, value, "a whole number");
    }
  }

  public long longValue(String name, long defaultValue) {
    String value = raw(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Long.parseLong(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw invalid(name, value, "a whole number");
    }
  }

  public double decimal(String name, double defaultValue) {
    String value = raw(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw invalid(name, value, "a number");
    }
  }

  public boolean bool(String name, boolean defaultValue) {
    String value = raw(name);
    if (value == null) {
      return defaultValue;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw invalid(name, value, "true or false");
    };
  }

  /**
   * A duration in Klaxon's one grammar ({@link Durations}): {@code 250ms}, {@code 5s}, {@code 1h30m},
   * {@code PT5M}.
   */
  public Duration duration(String name, Duration defaultValue) {
    String value = raw(name);
    return value == null ? defaultValue : parseDuration(name, value);
  }

  /** Comma-separated values, trimmed, empty ones dropped. */
  public List<String> list(String name, List<String> defaultValue) {
    String value = raw(name);
    if (value == null) {
      return defaultValue;
    }
    return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** The value as one of {@code type}'s constants, case-insensitively. */
  public <E extends Enum<E>> E enumValue(String name, Class<E> type, E defaultValue) {
    String value = raw(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw invalid(name, value, "one of " + Arrays.toString(type.getEnumConstants()));
    }
  }

  /**
   * Kafka client properties passed through from variables named {@code KAFKA_<PROPERTY>}: the
   * rest of the name lower-cased with {@code _} turned into {@code .}, so {@code
   * KAFKA_SECURITY_PROTOCOL=SASL_SSL} becomes {@code security.protocol=SASL_SSL} and {@code
   * KAFKA_SASL_JAAS_CONFIG} becomes {@code sasl.jaas.config}. TLS and SASL settings reach every
   * client this way.
   */
  public Map<String, String> kafkaClientProperties() {
    Map<String, String> properties = new TreeMap<>();
    vars.forEach((name, value) -> {
      if (name.startsWith("KAFKA_") && name.length() > 6 && value != null && !value.isBlank()) {
        properties.put(name.substring(6).toLowerCase(Locale.ROOT).replace('_', '.'), value.trim());
      }
    });
    return properties;
  }

  static Duration parseDuration(String name, String value) {
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw invalid(name, value, Durations.EXPECTED);
    }
  }

  private static IllegalArgumentException invalid(String name, String value, String expected) {
    return new IllegalArgumentException(
        "Environment variable " + name + "='" + value + "' is not valid: expected " + expected);
  }
}
