package io.klaxon.streams;

/**
 * Where an input record ended. Every record read from the alerts topic ends in exactly one of the
 * first four; {@link #REKEYED} records are written back under their tenant id and end in one of the
 * four on their second pass.
 */
public enum Outcome {
  ROUTED,
  DEDUPLICATED,
  RATE_LIMITED,
  DEAD_LETTERED,
  REKEYED;

  /** The metric tag value. */
  public String tag() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
