package io.klaxon.ingest.quota;

/**
 * One tenant's ingest quota: a token bucket of {@code burst} alerts, refilled at {@code perMinute}
 * alerts a minute. Immutable.
 *
 * @param perMinute sustained alerts per minute, at least 1
 * @param burst bucket size: the most alerts one request, or a quiet tenant's first requests, may carry
 */
public record QuotaLimit(int perMinute, int burst) {
  public QuotaLimit {
    if (perMinute < 1 || burst < 1) {
      throw new IllegalArgumentException("an ingest quota needs a positive rate and burst, not " + perMinute + "/min burst " + burst);
    }
  }
}
