package io.klaxon.serde;

import io.klaxon.registry.SchemaRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes specific records with a chosen writer schema (usually a released version, see
 * {@link ReleasedSchemas}) instead of the one they were compiled with, in the Confluent wire
 * format under {@code <topic>-value}. The record is converted by Avro schema resolution; when
 * the conversion would lose something (a field the chosen version lacks is set to a value other
 * than its default, or an enum symbol it does not know), nothing is written and the exception
 * names the field path. When the chosen schema is the compiled one this is a plain
 * {@link SpecificAvroSerializer}. Thread-safe.
 */
public final class PinnedSchemaSerializer<T extends SpecificRecord> implements Serializer<T> {
  private final SchemaRegistry registry;
  private final Schema writerSchema;
  private final long writerFingerprint;
  private final String versionLabel;
  private final boolean autoRegister;
  private final SpecificAvroSerializer<T> compiled;

  /**
   * @param versionLabel how the chosen version is named in errors, e.g. {@code TENANCY_SCHEMA_VERSION=1}
   */
  public PinnedSchemaSerializer(SchemaRegistry registry, Schema writerSchema, String versionLabel, boolean autoRegister) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.writerSchema = Objects.requireNonNull(writerSchema, "writerSchema");
    this.writerFingerprint = SchemaNormalization.parsingFingerprint64(writerSchema);
    this.versionLabel = Objects.requireNonNull(versionLabel, "versionLabel");
    this.autoRegister = autoRegister;
    this.compiled = new SpecificAvroSerializer<>(registry, false, autoRegister);
  }

  @Override
  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return null;
    }
    if (SchemaNormalization.parsingFingerprint64(record.getSchema()) == writerFingerprint) {
      return compiled.serialize(topic, record);
    }
    String subject = WireFormat.subject(topic, false);
    Object converted = convert(record, writerSchema, versionLabel);
    int id = autoRegister ? registry.register(subject, writerSchema) : registry.lookup(subject, writerSchema).id();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(256);
      byte[] header = new byte[WireFormat.HEADER_LENGTH];
      WireFormat.writeHeader(id, header);
      out.write(header);
      out.write(encode(new GenericDatumWriter<>(writerSchema), converted));
      return out.toByteArray();
    } catch (IOException e) {
      throw new SerializationException("Could not write " + writerSchema.getFullName() + " (" + versionLabel
          + ") for subject '" + subject + "': " + e.getMessage(), e);
    }
  }

  /**
   * Checks that {@code record} can be written with {@code writerSchema} without losing anything,
   * without touching a registry.
   *
   * @throws SerializationException naming the field that the chosen version cannot carry
   */
  public static void check(SpecificRecord record, Schema writerSchema, String versionLabel) {
    if (SchemaNormalization.parsingFingerprint64(record.getSchema()) != SchemaNormalization.parsingFingerprint64(writerSchema)) {
      convert(record, writerSchema, versionLabel);
    }
  }

  /** The record in the writer schema's shape, after checking that reading it back loses nothing. */
  private static Object convert(SpecificRecord record, Schema writerSchema, String versionLabel) {
    Schema compiledSchema = record.getSchema();
    SpecificData model = SpecificData.getForSchema(compiledSchema);
    try {
      byte[] asCompiled = encode(new SpecificDatumWriter<>(compiledSchema, model), record);
      Object converted = decode(new GenericDatumReader<>(compiledSchema, writerSchema), asCompiled);
      byte[] asWriter = encode(new GenericDatumWriter<>(writerSchema), converted);
      Object expected = decode(new SpecificDatumReader<>(compiledSchema, compiledSchema, model), asCompiled);
      Object readBack = decode(new SpecificDatumReader<>(writerSchema, compiledSchema, model), asWriter);
      String lost = firstDifference(compiledSchema, expected, readBack, "");
      if (lost != null) {
        throw new SerializationException("Cannot write " + compiledSchema.getName() + " with schema " + versionLabel
            + ": field '" + lost + "' is set, and that version has no such field or value; use a later version or leave it unset");
      }
      return converted;
    } catch (AvroTypeException e) {
      throw new SerializationException("Cannot write " + compiledSchema.getName() + " with schema " + versionLabel + ": "
          + e.getMessage(), e);
    } catch (IOException e) {
      throw new SerializationException("Could not convert " + compiledSchema.getName() + " to " + versionLabel + ": "
          + e.getMessage(), e);
    }
  }

  private static byte[] encode(DatumWriter<Object> writer, Object datum) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    writer.write(datum, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private static Object decode(DatumReader<?> reader, byte[] bytes) throws IOException {
    return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
  }

  /** The path of the first value that differs between two data of {@code schema}, or null when equal. */
  private static String firstDifference(Schema schema, Object a, Object b, String path) {
    if (Objects.equals(a, b)) {
      return null;
    }
    switch (schema.getType()) {
      case RECORD -> {
        if (a instanceof IndexedRecord ra && b instanceof IndexedRecord rb) {
          for (Schema.Field field : schema.getFields()) {
            String at = path.isEmpty() ? field.name() : path + "." + field.name();
            String diff = firstDifference(field.schema(), ra.get(field.pos()), rb.get(field.pos()), at);
            if (diff != null) {
              return diff;
            }
          }
        }
      }
      case UNION -> {
        List<Schema> branches = schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).toList();
        if (a != null && b != null && branches.size() == 1) {
          return firstDifference(branches.get(0), a, b, path);
        }
      }
      case ARRAY -> {
        if (a instanceof List<?> la && b instanceof List<?> lb && la.size() == lb.size()) {
          for (int i = 0; i < la.size(); i++) {
            String diff = firstDifference(schema.getElementType(), la.get(i), lb.get(i), path + "[" + i + "]");
            if (diff != null) {
              return diff;
            }
          }
        }
      }
      case MAP -> {
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb && ma.keySet().equals(mb.keySet())) {
          for (Object key : ma.keySet()) {
            String diff = firstDifference(schema.getValueType(), ma.get(key), mb.get(key), path + "[" + key + "]");
            if (diff != null) {
              return diff;
            }
          }
        }
      }
      default -> {
      }
    }
    return path.isEmpty() ? "(record)" : path;
  }
}
