package io.klaxon.topics;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * One topic as a reader or writer needs it: its name and the serdes of its keys and values.
 * Immutable; the serdes are shared and thread-safe.
 *
 * @param name the topic's name
 * @param keySerde how its keys are written
 * @param valueSerde how its values are written (Confluent wire format for Klaxon's contracts)
 * @param <K> key type
 * @param <V> value type
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
  }

  @Override
  public String toString() {
    return name;
  }
}
