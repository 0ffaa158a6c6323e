package io.klaxon.streams.control;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The last time an alert was held back by a silence, a maintenance window or an acknowledgement,
 * and by which: what the explain endpoint shows for a fingerprint.
 *
 * @param kind what held it back
 * @param ref the silence's id, the window's name, or who acknowledged
 * @param atMs when (wall-clock milliseconds)
 */
public record Suppression(Kind kind, String ref, long atMs) {
  /** What held an alert back. */
  public enum Kind {
    SILENCE,
    MAINTENANCE_WINDOW,
    ACKNOWLEDGEMENT
  }

  private static final char SEPARATOR = '\u0000';

  /** {@code kind NUL ref NUL atMs} in UTF-8: small, and readable in a store dump. */
  public static Serde<Suppression> serde() {
    Serializer<Suppression> serializer = (topic, s) -> s == null ? null
        : (s.kind.name() + SEPARATOR + s.ref + SEPARATOR + s.atMs).getBytes(StandardCharsets.UTF_8);
    Deserializer<Suppression> deserializer = (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      String[] parts = new String(bytes, StandardCharsets.UTF_8).split(String.valueOf(SEPARATOR), -1);
      try {
        return new Suppression(Kind.valueOf(parts[0]), parts[1], Long.parseLong(parts[2]));
      } catch (RuntimeException e) {
        throw new SerializationException("suppression record of " + bytes.length + " bytes does not decode", e);
      }
    };
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
