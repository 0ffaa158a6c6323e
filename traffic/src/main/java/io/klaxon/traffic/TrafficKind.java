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
  POISON_FUTURE_TIMESTAMP,
  /** A value of zero bytes. */
  POISON_EMPTY,
  /** The five header bytes of a registered schema and no body. */
  POISON_HEADER_ONLY,
  /** A valid header whose body starts with a negative length prefix. */
  POISON_NEGATIVE_LENGTH,
  /** A valid event followed by padding, over the 64 KiB limit on event size. */
  POISON_TOO_LARGE;

  /** True for the kinds the pipeline must dead-letter. */
  public boolean poison() {
    return name().startsWith("POISON_");
  }

  /**
   * The dead-letter reason code ({@code DeadLetterReason}) the pipeline must give this kind, or
   * null for a kind that is not poison.
   */
  public String expectedReason() {
    return switch (this) {
      case NEW, DUPLICATE, RESOLVE -> null;
      case POISON_BAD_MAGIC, POISON_TRUNCATED, POISON_GARBAGE, POISON_EMPTY, POISON_HEADER_ONLY,
          POISON_NEGATIVE_LENGTH -> "UNDECODABLE";
      case POISON_UNKNOWN_SCHEMA -> "UNKNOWN_SCHEMA";
      case POISON_UNKNOWN_TENANT -> "UNKNOWN_TENANT";
      case POISON_INVALID_FIELD -> "INVALID_FIELD";
      case POISON_FUTURE_TIMESTAMP -> "TIMESTAMP_IN_FUTURE";
      case POISON_TOO_LARGE -> "TOO_LARGE";
    };
  }

  static final TrafficKind[] POISONS = {
    POISON_BAD_MAGIC, POISON_TRUNCATED, POISON_UNKNOWN_SCHEMA, POISON_GARBAGE,
    POISON_UNKNOWN_TENANT, POISON_INVALID_FIELD, POISON_FUTURE_TIMESTAMP,
    POISON_EMPTY, POISON_HEADER_ONLY, POISON_NEGATIVE_LENGTH, POISON_TOO_LARGE
  };
}
