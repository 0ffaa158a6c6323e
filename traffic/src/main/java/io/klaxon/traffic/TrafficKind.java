package io.klaxon.traffic;

/** What a generated record is meant to exercise. */
public enum TrafficKind {
  /** A new alert identity, firing. */
  NEW,
  /** An alert that is already firing, sent again (a duplicate for the dedup stage). */
  DUPLICATE,
  /** An alert that was firing, now resolved. */
  RESOLVE,
  /** Byte 0 is not the wire format's magic byte. */
  POISON_BAD_MAGIC,
  /** The payload is cut short. */
  POISON_TRUNCATED,
  /** The header names a schema id nobody registered. */
  POISON_UNKNOWN_SCHEMA,
  /** A valid header followed by random bytes. */
  POISON_GARBAGE,
  /** A well-formed event for a tenant that does not exist. */
  POISON_UNKNOWN_TENANT,
  /** A well-formed event with a field over its limit. */
  POISON_INVALID_FIELD,
  /** A well-formed event that claims to have happened an hour from now. */
  POISON_FUTURE_TIMESTAMP;

  /** True for the kinds the pipeline must dead-letter. */
  public boolean poison() {
    return name().startsWith("POISON_");
  }

  static final TrafficKind[] POISONS = {
    POISON_BAD_MAGIC, POISON_TRUNCATED, POISON_UNKNOWN_SCHEMA, POISON_GARBAGE,
    POISON_UNKNOWN_TENANT, POISON_INVALID_FIELD, POISON_FUTURE_TIMESTAMP
  };
}
