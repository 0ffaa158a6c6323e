package io.klaxon.streams.dedup;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What the deduplicator remembers of one fingerprint (about 30 bytes in the store).
 *
 * @param firing whether the last event seen was FIRING
 * @param lastSeen record time of the last event seen
 * @param lastNotified record time of the last event that passed
 * @param suppressed events suppressed since the last one that passed
 */
public record DedupState(boolean firing, long lastSeen, long lastNotified, long suppressed) {
  private static final byte VERSION = 1;
  private static final int SIZE = 1 + 1 + 8 * 3;

  public static Serde<DedupState> serde() {
    Serializer<DedupState> serializer = (topic, state) -> state == null ? null
        : ByteBuffer.allocate(SIZE).put(VERSION).put((byte) (state.firing ? 1 : 0)).putLong(state.lastSeen)
            .putLong(state.lastNotified).putLong(state.suppressed).array();
    Deserializer<DedupState> deserializer = (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length != SIZE || bytes[0] != VERSION) {
        throw new SerializationException("dedup state of " + bytes.length + " bytes, version " + bytes[0]
            + ": expected " + SIZE + " bytes, version " + VERSION);
      }
      ByteBuffer buffer = ByteBuffer.wrap(bytes, 2, SIZE - 2);
      return new DedupState(bytes[1] == 1, buffer.getLong(), buffer.getLong(), buffer.getLong());
    };
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
