package io.klaxon.registry;

import java.util.Locale;

/**
 * Compatibility levels of the Confluent Schema Registry API.
 *
 * <p>BACKWARD: a reader with the new schema reads data written with the latest one. FORWARD: a
 * reader with the latest schema reads data written with the new one. FULL: both. The
 * {@code _TRANSITIVE} variants check against every earlier version instead of only the latest.
 */
public enum CompatibilityLevel {
  NONE,
  BACKWARD,
  BACKWARD_TRANSITIVE,
  FORWARD,
  FORWARD_TRANSITIVE,
  FULL,
  FULL_TRANSITIVE;

  /** The level a new subject gets unless configured otherwise. */
  public static final CompatibilityLevel DEFAULT = BACKWARD;

  boolean checksBackward() {
    return this == BACKWARD || this == BACKWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
  }

  boolean checksForward() {
    return this == FORWARD || this == FORWARD_TRANSITIVE || this == FULL || this == FULL_TRANSITIVE;
  }

  boolean transitive() {
    return name().endsWith("_TRANSITIVE");
  }

  /**
   * Whether every new version must be readable with every earlier version (FORWARD_TRANSITIVE,
   * FULL_TRANSITIVE): what a subject needs when many producers write it and readers built with any
   * earlier version read it, as Klaxon's input topics are.
   */
  public boolean keepsEveryEarlierReaderWorking() {
    return checksForward() && transitive();
  }

  /**
   * Parses a level name case-insensitively.
   *
   * @throws IllegalArgumentException naming the value and the accepted levels
   */
  public static CompatibilityLevel parse(String value) {
    if (value != null) {
      try {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException ignored) {
        // fall through to the error that lists the accepted values
      }
    }
    throw new IllegalArgumentException(
        "Invalid compatibility level '" + value + "'; expected one of " + java.util.Arrays.toString(values()));
  }
}
