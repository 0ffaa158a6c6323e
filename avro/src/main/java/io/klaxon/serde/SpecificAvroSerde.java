package io.klaxon.serde;

import io.klaxon.registry.SchemaRegistry;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * Serde for one specific record type in the Confluent wire format. Build it with {@link #of} (a
 * value serde that registers its schema) or {@link #forKeys}.
 */
public final class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {
  private final SpecificAvroSerializer<T> serializer;
  private final SpecificAvroDeserializer<T> deserializer;

  private SpecificAvroSerde(SpecificAvroSerializer<T> serializer, SpecificAvroDeserializer<T> deserializer) {
    this.serializer = serializer;
    this.deserializer = deserializer;
  }

  /** A value serde: subject {@code <topic>-value}, schemas registered on first use. */
  public static <T extends SpecificRecord> SpecificAvroSerde<T> of(SchemaRegistry registry, Class<T> type) {
    return new SpecificAvroSerde<>(new SpecificAvroSerializer<>(registry, false, true),
        new SpecificAvroDeserializer<>(registry, type));
  }

  /** A key serde: subject {@code <topic>-key}, schemas registered on first use. */
  public static <T extends SpecificRecord> SpecificAvroSerde<T> forKeys(SchemaRegistry registry, Class<T> type) {
    return new SpecificAvroSerde<>(new SpecificAvroSerializer<>(registry, true, true),
        new SpecificAvroDeserializer<>(registry, type));
  }

  /** A value serde whose deserializer rejects null with {@link NullPayloadException}. */
  public static <T extends SpecificRecord> SpecificAvroSerde<T> rejectingNull(SchemaRegistry registry, Class<T> type) {
    return new SpecificAvroSerde<>(new SpecificAvroSerializer<>(registry, false, true),
        new SpecificAvroDeserializer<>(registry, type, true));
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    // Built with its registry already; Kafka's configuration does not change it.
  }

  @Override
  public SpecificAvroSerializer<T> serializer() {
    return serializer;
  }

  @Override
  public SpecificAvroDeserializer<T> deserializer() {
    return deserializer;
  }
}
