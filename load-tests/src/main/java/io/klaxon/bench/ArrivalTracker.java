package io.klaxon.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Matches arrivals at a sink with the moment their input was sent: latency per first arrival,
 * plus counts of duplicates (an id arriving again) and strays (an id never sent). Thread-safe.
 */
public final class ArrivalTracker {
  private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
  private final Map<String, Boolean> arrived = new ConcurrentHashMap<>();
  private final LatencyRecorder latency = new LatencyRecorder();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong strays = new AtomicLong();
  private final AtomicLong lastArrivalNanos = new AtomicLong();

  /** Notes that the input with this id was sent at {@code nanos} (System.nanoTime). */
  public void sent(String id, long nanos) {
    sentAt.putIfAbsent(id, nanos);
  }

  /** Notes an arrival of {@code id} at {@code nanos}. */
  public void arrived(String id, long nanos) {
    Long sent = sentAt.get(id);
    if (sent == null) {
      strays.incrementAndGet();
      return;
    }
    if (arrived.putIfAbsent(id, Boolean.TRUE) != null) {
      duplicates.incrementAndGet();
      return;
    }
    latency.recordNanos(nanos - sent);
    lastArrivalNanos.accumulateAndGet(nanos, Math::max);
  }

  public long sentCount() {
    return sentAt.size();
  }

  /** Distinct ids that arrived. */
  public long arrivedCount() {
    return arrived.size();
  }

  public long duplicates() {
    return duplicates.get();
  }

  public long strays() {
    return strays.get();
  }

  /** System.nanoTime of the latest first arrival, 0 before any. */
  public long lastArrivalNanos() {
    return lastArrivalNanos.get();
  }

  public LatencyRecorder latency() {
    return latency;
  }
}
