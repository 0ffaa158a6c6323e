package io.klaxon.streams.group;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertStatus;
import io.klaxon.serde.ReleasedSchemas;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One alert of a group: its latest event (FIRING, or RESOLVED until the next notification says
 * so), whether it joined or changed since that notification, and when it was last routed.
 *
 * @param alert the alert's latest event
 * @param changed whether it joined or resolved since the group's last notification
 * @param lastSeenMs when it was last routed into the group (wall clock)
 */
public record GroupMember(AlertEvent alert, boolean changed, long lastSeenMs) {
  private static final byte VERSION = 1;
  private static final int HEADER = 1 + 1 + Long.BYTES;

  public boolean firing() {
    return alert.getStatus() == AlertStatus.FIRING;
  }

  /**
   * {@code version, changed, lastSeen, event} where the event is in Avro's single-object encoding:
   * it names its schema by fingerprint, so an entry written before {@code AlertEvent} changes is
   * still read (every released version is known to the decoder), and one that cannot be is a clear
   * error rather than a misread.
   */
  public static Serde<GroupMember> serde() {
    BinaryMessageEncoder<AlertEvent> encoder = AlertEvent.getEncoder();
    BinaryMessageDecoder<AlertEvent> decoder = new BinaryMessageDecoder<>(SpecificData.get(), AlertEvent.getClassSchema());
    for (int version : ReleasedSchemas.versions(AlertEvent.class)) {
      decoder.addSchema(ReleasedSchemas.released(AlertEvent.class, version));
    }
    Serializer<GroupMember> serializer = (topic, m) -> {
      if (m == null) {
        return null;
      }
      try {
        ByteBuffer event = encoder.encode(m.alert);
        return ByteBuffer.allocate(HEADER + event.remaining()).put(VERSION).put((byte) (m.changed ? 1 : 0))
            .putLong(m.lastSeenMs).put(event).array();
      } catch (IOException e) {
        throw new SerializationException("group member does not encode", e);
      }
    };
    Deserializer<GroupMember> deserializer = (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length < HEADER || bytes[0] != VERSION) {
        throw new SerializationException("group member of " + bytes.length + " bytes does not decode");
      }
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      buffer.position(2);
      long lastSeen = buffer.getLong();
      try {
        return new GroupMember(decoder.decode(buffer.slice()), bytes[1] == 1, lastSeen);
      } catch (IOException | RuntimeException e) {
        // Avro says "unknown schema" and "bad header" with runtime exceptions.
        throw new SerializationException("group member's alert of " + (bytes.length - HEADER) + " bytes does not decode", e);
      }
    };
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
