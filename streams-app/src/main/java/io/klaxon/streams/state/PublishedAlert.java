package io.klaxon.streams.state;

import io.klaxon.streams.control.Suppression;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What the alert states topic last said of one alert, as much as is needed to tell whether a new
 * decision changes it: when the alert started, and what (if anything) holds it back.
 *
 * @param startsAtMs when the alert started firing (its first FIRING event's occurredAt)
 * @param kind what holds it back, or null when it is notified as usual
 * @param ref the silence's id, the window's name or who acknowledged; empty when {@code kind} is null
 */
public record PublishedAlert(long startsAtMs, Suppression.Kind kind, String ref) {
  private static final byte VERSION = 1;
  private static final byte NOT_HELD = -1;

  public PublishedAlert {
    ref = kind == null ? "" : ref;
  }

  /** Whether the alert states topic must be written again to say {@code held}. */
  public boolean differsFrom(Suppression held) {
    return held == null ? kind != null : held.kind() != kind || !held.ref().equals(ref);
  }

  /** {@code version, kind ordinal (-1: none), startsAt, ref in UTF-8}: about 20 bytes plus the ref. */
  public static Serde<PublishedAlert> serde() {
    Serializer<PublishedAlert> serializer = (topic, p) -> {
      if (p == null) {
        return null;
      }
      byte[] ref = p.ref.getBytes(StandardCharsets.UTF_8);
      return ByteBuffer.allocate(2 + 8 + ref.length).put(VERSION)
          .put(p.kind == null ? NOT_HELD : (byte) p.kind.ordinal()).putLong(p.startsAtMs).put(ref).array();
    };
    Deserializer<PublishedAlert> deserializer = (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length < 10 || bytes[0] != VERSION || bytes[1] < NOT_HELD || bytes[1] >= Suppression.Kind.values().length) {
        throw new SerializationException("published alert state of " + bytes.length + " bytes does not decode");
      }
      ByteBuffer buffer = ByteBuffer.wrap(bytes, 2, bytes.length - 2);
      long startsAt = buffer.getLong();
      Suppression.Kind kind = bytes[1] == NOT_HELD ? null : Suppression.Kind.values()[bytes[1]];
      return new PublishedAlert(startsAt, kind, new String(bytes, 10, bytes.length - 10, StandardCharsets.UTF_8));
    };
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
