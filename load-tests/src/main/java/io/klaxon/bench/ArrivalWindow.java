package io.klaxon.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What arrived at a receiver since a moment: how many requests, the first and the last arrival,
 * their body bytes, how many distinct connections (client ports) carried them, and a sample body
 * of about the mean size (the one nearest to it among the first {@value #SAMPLES}). Lets a
 * scenario measure a sender and a reference load generator against the same receiver the same
 * way. Thread-safe.
 */
public final class ArrivalWindow {
  private static final int SAMPLES = 64;
  private final long startMillis = System.currentTimeMillis();
  private final LongAdder arrivals = new LongAdder();
  private final LongAdder bodyBytes = new LongAdder();
  private final AtomicLong firstMillis = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong lastMillis = new AtomicLong();
  private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
  private final List<byte[]> samples = new CopyOnWriteArrayList<>();

  /**
   * The window as it stands.
   *
   * @param arrivals requests that arrived
   * @param firstMillis wall-clock millis of the first, 0 when none
   * @param lastMillis wall-clock millis of the last, 0 when none
   * @param bodyBytes their bodies' bytes, all together
   * @param connections distinct client ports they came from
   * @param sampleBody a body of about the mean size, or null
   */
  public record Snapshot(long arrivals, long firstMillis, long lastMillis, long bodyBytes, int connections,
      byte[] sampleBody) {

    /** Arrivals per second from the first to the last; 0 with fewer than two. */
    public double perSecond() {
      return arrivals > 1 && lastMillis > firstMillis ? arrivals / ((lastMillis - firstMillis) / 1000.0) : 0;
    }

    /** Seconds from the first arrival to the last. */
    public double seconds() {
      return arrivals > 0 ? (lastMillis - firstMillis) / 1000.0 : 0;
    }

    public double meanBodyBytes() {
      return arrivals == 0 ? 0 : (double) bodyBytes / arrivals;
    }
  }

  /** Notes one arrival. */
  public void arrived(long nowMillis, byte[] body, int clientPort) {
    arrivals.increment();
    bodyBytes.add(body.length);
    firstMillis.accumulateAndGet(nowMillis, Math::min);
    lastMillis.accumulateAndGet(nowMillis, Math::max);
    clientPorts.add(clientPort);
    if (samples.size() < SAMPLES) {
      samples.add(body);
    }
  }

  /** Wall-clock millis when the window started. */
  public long startMillis() {
    return startMillis;
  }

  public Snapshot snapshot() {
    long first = firstMillis.get();
    long count = arrivals.sum();
    long bytes = bodyBytes.sum();
    double mean = count == 0 ? 0 : (double) bytes / count;
    byte[] sample = samples.stream().min(Comparator.comparingDouble(b -> Math.abs(b.length - mean))).orElse(null);
    return new Snapshot(count, first == Long.MAX_VALUE ? 0 : first, lastMillis.get(), bytes, clientPorts.size(),
        sample);
  }
}
