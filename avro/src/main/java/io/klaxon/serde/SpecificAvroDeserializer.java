package io.klaxon.serde;

import io.klaxon.registry.SchemaRegistry;
import io.klaxon.registry.SchemaRegistryException;
import io.klaxon.registry.SchemaRegistryUnavailableException;
import java.io.EOFException;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads specific Avro records from the Confluent wire format, resolving the writer's schema
 * (fetched by id, then cached) against the record class's schema.
 *
 * <p>Bad input raises one {@link WireFormatException} subclass per kind: {@link
 * BadMagicByteException}, {@link TruncatedPayloadException}, {@link UnknownSchemaIdException},
 * {@link MalformedPayloadException}, {@link IncompatibleWriterSchemaException}, and {@link
 * NullPayloadException} when null values are rejected. Allocation is bounded by a small multiple of
 * the payload, whatever its length prefixes claim ({@link BoundedBinaryDecoder}). By default a null
 * value deserializes to null, as Kafka's convention for tombstones requires. A registry that cannot be reached raises
 * {@link SchemaRegistryUnavailableException}: that is not bad data, and nothing is cached for it.
 *
 * <p>Thread-safe.
 */
public final class SpecificAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
  static {
    // Bound what a garbage length prefix can make Avro allocate before it notices the payload is
    // shorter (Avro reads these limits once, when it first decodes anything).
    System.setProperty("org.apache.avro.limits.string.maxLength",
        System.getProperty("org.apache.avro.limits.string.maxLength", String.valueOf(16 << 20)));
    System.setProperty("org.apache.avro.limits.bytes.maxLength",
        System.getProperty("org.apache.avro.limits.bytes.maxLength", String.valueOf(16 << 20)));
    System.setProperty("org.apache.avro.limits.collectionItems.maxLength",
        System.getProperty("org.apache.avro.limits.collectionItems.maxLength", String.valueOf(1 << 20)));
  }

  private SchemaRegistry registry;
  private Class<T> type;
  private Schema readerSchema;
  private boolean rejectNull;
  private final Map<Integer, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();
  /** Why a writer schema the registry knows cannot be read as the reader's (both are immutable). */
  private final Map<Integer, String> incompatible = new ConcurrentHashMap<>();

  /** For Kafka's reflective instantiation; {@link #configure} supplies registry and type. */
  public SpecificAvroDeserializer() {}

  public SpecificAvroDeserializer(SchemaRegistry registry, Class<T> type) {
    this(registry, type, false);
  }

  /**
   * @param rejectNull when true, a null value raises {@link NullPayloadException} instead of
   *     returning null (for topics where null is never a tombstone)
   */
  public SpecificAvroDeserializer(SchemaRegistry registry, Class<T> type, boolean rejectNull) {
    this.registry = Objects.requireNonNull(registry, "registry");
    setType(type);
    this.rejectNull = rejectNull;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.registry = SerdeConfig.registry(configs);
    String key = isKey ? SerdeConfig.SPECIFIC_KEY_TYPE : SerdeConfig.SPECIFIC_VALUE_TYPE;
    Object configured = configs.get(key);
    if (configured == null) {
      throw new IllegalArgumentException("Missing required configuration '" + key + "'");
    }
    try {
      setType(configured instanceof Class<?> c ? (Class<T>) c
          : (Class<T>) Class.forName(configured.toString(), true, Thread.currentThread().getContextClassLoader()));
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("Configuration '" + key + "': class " + configured + " not found", e);
    }
  }

  private void setType(Class<T> type) {
    this.type = Objects.requireNonNull(type, "type");
    this.readerSchema = SpecificData.getForClass(type).getSchema(type);
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      if (rejectNull) {
        throw new NullPayloadException(topic);
      }
      return null;
    }
    int schemaId = WireFormat.schemaId(data);
    SpecificDatumReader<T> reader = readerFor(schemaId);
    BoundedBinaryDecoder decoder =
        new BoundedBinaryDecoder(data, WireFormat.HEADER_LENGTH, data.length - WireFormat.HEADER_LENGTH);
    T value;
    try {
      value = reader.read(null, decoder);
    } catch (EOFException e) {
      throw new TruncatedPayloadException("Payload of " + data.length + " bytes ended inside the Avro body of "
          + readerSchema.getName() + " (schema id " + schemaId + ")", schemaId, e);
    } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException
        | IllegalArgumentException | ClassCastException | UnsupportedOperationException e) {
      throw new MalformedPayloadException("Avro body of " + data.length + "-byte payload does not decode as "
          + readerSchema.getName() + " with schema id " + schemaId + ": " + e.getMessage(), schemaId, e);
    }
    try {
      if (!decoder.isEnd()) {
        throw new MalformedPayloadException("Payload has bytes left over after the " + readerSchema.getName()
            + " record (schema id " + schemaId + ", " + data.length + " bytes in all)", schemaId, null);
      }
    } catch (IOException e) {
      throw new MalformedPayloadException("Could not check the end of the payload: " + e.getMessage(), schemaId, e);
    }
    return value;
  }

  private SpecificDatumReader<T> readerFor(int schemaId) {
    SpecificDatumReader<T> cached = readers.get(schemaId);
    if (cached != null) {
      return cached;
    }
    String refused = incompatible.get(schemaId);
    if (refused != null) {
      throw new IncompatibleWriterSchemaException(refused, schemaId);
    }
    Schema writerSchema;
    try {
      writerSchema = registry.schemaById(schemaId);
    } catch (SchemaRegistryUnavailableException e) {
      throw e;
    } catch (SchemaRegistryException e) {
      if (e.isNotFound()) {
        throw new UnknownSchemaIdException(schemaId, e);
      }
      throw e;
    }
    SchemaCompatibility.SchemaPairCompatibility compatibility =
        SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writerSchema);
    if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      String why = "Writer schema " + schemaId + " (" + writerSchema.getFullName() + ") cannot be read as "
          + readerSchema.getFullName() + ": " + compatibility.getDescription();
      incompatible.putIfAbsent(schemaId, why);
      throw new IncompatibleWriterSchemaException(why, schemaId);
    }
    SpecificDatumReader<T> reader = new SpecificDatumReader<>(writerSchema, readerSchema, SpecificData.getForClass(type));
    readers.put(schemaId, reader);
    return reader;
  }
}
