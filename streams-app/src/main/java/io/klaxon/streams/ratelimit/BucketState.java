package io.klaxon.streams.ratelimit;

import io.klaxon.events.Severity;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A tenant's buckets and what they suppressed since the last summary.
 *
 * @param tokens tokens in the main bucket
 * @param criticalTokens tokens in the CRITICAL reserve
 * @param lastRefill record time of the last refill
 * @param windowStart record time the current summary window started
 * @param suppressed suppressed events in the window, indexed by {@link Severity#ordinal()}
 */
public record BucketState(double tokens, double criticalTokens, long lastRefill, long windowStart, long[] suppressed) {
  private static final byte VERSION = 1;
  private static final int SIZE = 1 + 8 * 4 + 8 * 4;

  /** Full buckets at {@code now}. */
  public static BucketState full(Limits limits, long now) {
    return new BucketState(limits.burst(), limits.criticalBurst(), now, now, new long[Severity.values().length]);
  }

  public long suppressedTotal() {
    long total = 0;
    for (long count : suppressed) {
      total += count;
    }
    return total;
  }

  /** The window's suppressed events by severity, most severe first; severities without any are left out. */
  public Map<Severity, Long> suppressedBySeverity() {
    Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
    for (Severity severity : Severity.values()) {
      if (suppressed[severity.ordinal()] > 0) {
        bySeverity.put(severity, suppressed[severity.ordinal()]);
      }
    }
    return bySeverity;
  }

  /** The same buckets with a new summary window starting at {@code start}, nothing suppressed yet. */
  public BucketState withWindowStartingAt(long start) {
    return new BucketState(tokens, criticalTokens, lastRefill, start, new long[Severity.values().length]);
  }

  /** The serde of the rate-limit store: a fixed 65-byte layout with a version byte. */
  public static Serde<BucketState> serde() {
    Serializer<BucketState> serializer = (topic, state) -> {
      if (state == null) {
        return null;
      }
      ByteBuffer buffer = ByteBuffer.allocate(SIZE).put(VERSION).putDouble(state.tokens)
          .putDouble(state.criticalTokens).putLong(state.lastRefill).putLong(state.windowStart);
      for (long count : state.suppressed) {
        buffer.putLong(count);
      }
      return buffer.array();
    };
    Deserializer<BucketState> deserializer = (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length != SIZE || bytes[0] != VERSION) {
        throw new SerializationException("rate-limit state of " + bytes.length + " bytes, version " + bytes[0]
            + ": expected " + SIZE + " bytes, version " + VERSION);
      }
      ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, SIZE - 1);
      double tokens = buffer.getDouble();
      double critical = buffer.getDouble();
      long lastRefill = buffer.getLong();
      long windowStart = buffer.getLong();
      long[] suppressed = new long[4];
      for (int i = 0; i < 4; i++) {
        suppressed[i] = buffer.getLong();
      }
      return new BucketState(tokens, critical, lastRefill, windowStart, suppressed);
    };
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
