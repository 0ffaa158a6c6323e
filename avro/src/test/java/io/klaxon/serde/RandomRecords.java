package io.klaxon.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * Random values of any Avro schema, Avro-encoded: valid bodies for the decoder's fuzz test and its
 * seed corpus. Strings mix ASCII, accented, CJK, right-to-left and astral characters. Deterministic
 * for a given {@link Random}.
 */
final class RandomRecords {
  private static final String[] WORDS = {"acme", "payments-api", "Error rate above 5%", "ça brûle", "日本語",
      "עברית", "🔥", "", "https://runbooks.example/x", "fr-CA", "0"};

  private RandomRecords() {}

  /** The Avro binary encoding of a random value of {@code schema}. */
  static byte[] encoded(Schema schema, Random random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    try {
      new GenericDatumWriter<>(schema).write(value(schema, random), encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static Object value(Schema schema, Random random) {
    return switch (schema.getType()) {
      case RECORD -> {
        GenericData.Record record = new GenericData.Record(schema);
        schema.getFields().forEach(field -> record.put(field.pos(), value(field.schema(), random)));
        yield record;
      }
      case ENUM -> new GenericData.EnumSymbol(schema, schema.getEnumSymbols().get(random.nextInt(schema.getEnumSymbols().size())));
      case ARRAY -> {
        List<Object> items = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
          items.add(value(schema.getElementType(), random));
        }
        yield items;
      }
      case MAP -> {
        Map<String, Object> entries = new LinkedHashMap<>();
        for (int i = random.nextInt(3); i > 0; i--) {
          entries.put(word(random) + i, value(schema.getValueType(), random));
        }
        yield entries;
      }
      case UNION -> value(schema.getTypes().get(random.nextInt(schema.getTypes().size())), random);
      case FIXED -> {
        byte[] bytes = new byte[schema.getFixedSize()];
        random.nextBytes(bytes);
        yield new GenericData.Fixed(schema, bytes);
      }
      case STRING -> word(random);
      case BYTES -> {
        byte[] bytes = new byte[random.nextInt(8)];
        random.nextBytes(bytes);
        yield ByteBuffer.wrap(bytes);
      }
      case INT -> random.nextInt();
      case LONG -> random.nextLong();
      case FLOAT -> random.nextFloat();
      case DOUBLE -> random.nextDouble();
      case BOOLEAN -> random.nextBoolean();
      case NULL -> null;
    };
  }

  private static String word(Random random) {
    return WORDS[random.nextInt(WORDS.length)];
  }
}
