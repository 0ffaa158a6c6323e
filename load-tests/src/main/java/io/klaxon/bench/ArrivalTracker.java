package io.klaxon.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Matches arrivals at a sink with the moment their input was sent: latency per first arrival,
 * plus counts of duplicates (an id arriving again) and strays (an id never sent). Thread-safe.
 */
public final class ArrivalTracker {
  private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
  private final Map<String, Long> arrived = new ConcurrentHashMap<>();
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
    if (arrived.putIfAbsent(id, nanos) != null) {
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

  /**
   * First arrivals per second since {@code startNanos} (System.nanoTime): one {@code [second,
   * count]} pair for every second from the start to the last arrival, empty seconds included.
   */
  public List<double[]> perSecond(long startNanos) {
    long[] counts = new long[0];
    for (long nanos : arrived.values()) {
      int second = (int) Math.max(0, (nanos - startNanos) / 1_000_000_000L);
      if (second >= counts.length) {
        counts = Arrays.copyOf(counts, second + 1);
      }
      counts[second]++;
    }
    List<double[]> out = new ArrayList<>();
    for (int second = 0; second < counts.length; second++) {
      out.add(new double[] {second + 1, counts[second]});
    }
    return out;
  }
}
