package io.klaxon.streams.limit;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A tenant's token bucket for one channel ({@link NotificationLimits}).
 *
 * @param tokens tokens left
 * @param refilledAt wall-clock time of the last refill
 */
public record LimitBucket(double tokens, long refilledAt) {
  private static final byte VERSION = 1;
  private static final int SIZE = 1 + 8 + 8;

  /** {@code version, tokens, refilledAt}: 17 bytes. */
  public static Serde<LimitBucket> serde() {
    Serializer<LimitBucket> serializer = (topic, b) -> b == null ? null
        : ByteBuffer.allocate(SIZE).put(VERSION).putDouble(b.tokens).putLong(b.refilledAt).array();
    Deserializer<LimitBucket> deserializer = (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length != SIZE || bytes[0] != VERSION) {
        throw new SerializationException("limit bucket of " + bytes.length + " bytes, version " + (bytes.length > 0 ? bytes[0] : -1)
            + ": expected " + SIZE + " bytes of version " + VERSION);
      }
      ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, SIZE - 1);
      return new LimitBucket(buffer.getDouble(), buffer.getLong());
    };
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
