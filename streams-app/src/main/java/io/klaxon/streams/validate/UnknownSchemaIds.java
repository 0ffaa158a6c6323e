package io.klaxon.streams.validate;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Schema ids the schema registry said it does not know, remembered for a short time, so that a
 * stream of records with such an id costs one registry call per id and period instead of a blocking
 * call each. Only a definite "not found" is remembered: a registry that cannot be reached is never
 * taken for one that does not know the id, so an outage still fails the task and the record is
 * retried. Holds at most {@code capacity} ids; when full, expired ones are dropped first, and an id
 * that still does not fit is not remembered (its records go to the registry as before).
 *
 * <p>Thread-safe: one instance is shared by every task of an application instance.
 */
public final class UnknownSchemaIds {
  /** How long an id stays remembered by default. */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(30);
  /** How many ids are remembered at most by default. */
  public static final int DEFAULT_CAPACITY = 1_000;

  private final long ttlMs;
  private final int capacity;
  private final Map<Integer, Long> knownUnknownUntil = new ConcurrentHashMap<>();

  public UnknownSchemaIds() {
    this(DEFAULT_TTL, DEFAULT_CAPACITY);
  }

  public UnknownSchemaIds(Duration ttl, int capacity) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, not " + ttl);
    }
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
    }
    this.ttlMs = ttl.toMillis();
    this.capacity = capacity;
  }

  /** Whether the registry said, less than the time to live before {@code nowMs}, that it does not know {@code schemaId}. */
  public boolean isUnknown(int schemaId, long nowMs) {
    Long until = knownUnknownUntil.get(schemaId);
    if (until == null) {
      return false;
    }
    if (nowMs >= until) {
      knownUnknownUntil.remove(schemaId, until);
      return false;
    }
    return true;
  }

  /** Remembers that the registry answered, at {@code nowMs}, that it does not know {@code schemaId}. */
  public void remember(int schemaId, long nowMs) {
    if (knownUnknownUntil.size() >= capacity && !knownUnknownUntil.containsKey(schemaId)) {
      knownUnknownUntil.values().removeIf(until -> nowMs >= until);
      if (knownUnknownUntil.size() >= capacity) {
        return;
      }
    }
    knownUnknownUntil.put(schemaId, nowMs + ttlMs);
  }

  /** How many ids are remembered now (expired ones included until they are dropped). */
  public int size() {
    return knownUnknownUntil.size();
  }
}
