package io.klaxon.streams;

/**
 * Where an input record ended. Every record read from the alerts topic ends in exactly one of the
 * first six; {@link #REKEYED} records are written back under their tenant id and end in one of the
 * six on their second pass. {@link #SILENCED}: a silence or a maintenance window muted it;
 * {@link #ACKNOWLEDGED}: a repeat of an alert someone acknowledged.
 */
public enum Outcome {
  ROUTED,
  DEDUPLICATED,
  RATE_LIMITED,
  DEAD_LETTERED,
  SILENCED,
  ACKNOWLEDGED,
  REKEYED;

  /** The metric tag value. */
  public String tag() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
