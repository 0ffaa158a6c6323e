package io.klaxon.serde;

import io.klaxon.registry.SchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes specific Avro records in the Confluent wire format, registering (or looking up) the
 * record's schema under {@code <topic>-value} or {@code <topic>-key}. Thread-safe; schema ids are
 * cached per subject and schema, so the registry is called once per schema.
 */
public final class SpecificAvroSerializer<T extends SpecificRecord> implements Serializer<T> {
  private SchemaRegistry registry;
  private boolean autoRegister = true;
  private boolean isKey;
  private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
  private final Map<Schema, SpecificDatumWriter<T>> writers = new ConcurrentHashMap<>();

  /** For Kafka's reflective instantiation; {@link #configure} supplies the registry. */
  public SpecificAvroSerializer() {}

  public SpecificAvroSerializer(SchemaRegistry registry, boolean isKey, boolean autoRegister) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.isKey = isKey;
    this.autoRegister = autoRegister;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.registry = SerdeConfig.registry(configs);
    this.isKey = isKey;
    this.autoRegister = SerdeConfig.flag(configs, SerdeConfig.AUTO_REGISTER_SCHEMAS, true);
  }

  @Override
  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return null;
    }
    Schema schema = record.getSchema();
    String subject = WireFormat.subject(topic, isKey);
    int id = idsBySubject
        .computeIfAbsent(subject, s -> new ConcurrentHashMap<>())
        .computeIfAbsent(schema, s -> autoRegister ? registry.register(subject, s) : registry.lookup(subject, s).id());
    SpecificDatumWriter<T> writer = writers.computeIfAbsent(schema, s -> new SpecificDatumWriter<>(s, SpecificData.getForSchema(s)));
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(256);
      byte[] header = new byte[WireFormat.HEADER_LENGTH];
      WireFormat.writeHeader(id, header);
      out.write(header);
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      writer.write(record, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Could not write " + schema.getFullName() + " for subject '" + subject
          + "' with schema id " + id + ": " + e.getMessage(), e);
    }
  }
}
