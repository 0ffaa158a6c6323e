package io.klaxon.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertKind;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.DeliveryOutcome;
import io.klaxon.events.DeliveryReceipt;
import io.klaxon.events.Channel;
import io.klaxon.events.Link;
import io.klaxon.events.Severity;
import io.klaxon.registry.HttpSchemaRegistryClient;
import io.klaxon.registry.InMemorySchemaRegistry;
import io.klaxon.registry.SchemaRegistryUnavailableException;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class SpecificAvroSerdeTest {
  private static final String TOPIC = "klaxon.alerts.v1";

  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
  private final SpecificAvroSerde<AlertEvent> serde = SpecificAvroSerde.of(registry, AlertEvent.class);

  static AlertEvent sampleAlert() {
    return AlertEvent.newBuilder()
        .setEventId(UUID.nameUUIDFromBytes("e1".getBytes(StandardCharsets.UTF_8)).toString())
        .setTenantId("acme")
        .setKind(AlertKind.ALERT)
        .setStatus(AlertStatus.FIRING)
        .setSeverity(Severity.CRITICAL)
        .setSource("payments-api")
        .setTitle("Error rate above 5%")
        .setMessage("5xx ratio 7.2% over 5 minutes — ça brûle 🔥")
        .setLabels(Map.of("region", "eu-west-1", "env", "prod"))
        .setFingerprint(null)
        .setOccurredAt(Instant.parse("2026-11-01T12:00:00.123Z"))
        .setLocale("fr-CA")
        .setLinks(List.of(new Link("https://runbooks.example/payments", "Runbook")))
        .build();
  }

  private byte[] valid() {
    return serde.serializer().serialize(TOPIC, sampleAlert());
  }

  @Test
  void roundTripsAndRegistersUnderTheTopicValueSubject() {
    byte[] bytes = valid();
    assertThat(bytes[0]).isZero();
    assertThat(WireFormat.schemaId(bytes)).isEqualTo(registry.latest(TOPIC + "-value").id());
    assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(sampleAlert());
  }

  @Test
  void keySerdesUseTheKeySubject() {
    SpecificAvroSerde<AlertEvent> keys = SpecificAvroSerde.forKeys(registry, AlertEvent.class);
    keys.serializer().serialize(TOPIC, sampleAlert());
    assertThat(registry.subjects()).containsExactly(TOPIC + "-key");
  }

  @Test
  void withoutAutoRegisterAnUnregisteredSchemaIsRefusedNamingTheSubject() {
    SpecificAvroSerializer<AlertEvent> lookupOnly = new SpecificAvroSerializer<>(registry, false, false);
    assertThatThrownBy(() -> lookupOnly.serialize(TOPIC, sampleAlert()))
        .hasMessageContaining("klaxon.alerts.v1-value");
  }

  @Test
  void readsOlderWriterSchemasWithDefaults() throws Exception {
    // An earlier AlertEvent without locale, links and fingerprint.
    Schema older = new Schema.Parser().parse("""
        {"type":"record","name":"AlertEvent","namespace":"io.klaxon.events","fields":[
          {"name":"eventId","type":"string"},{"name":"tenantId","type":"string"},
          {"name":"kind","type":{"type":"enum","name":"AlertKind","symbols":["ALERT","WARNING"]}},
          {"name":"status","type":{"type":"enum","name":"AlertStatus","symbols":["FIRING","RESOLVED"]}},
          {"name":"severity","type":{"type":"enum","name":"Severity","symbols":["CRITICAL","HIGH","WARNING","INFO"]}},
          {"name":"source","type":"string"},{"name":"title","type":"string"},{"name":"message","type":"string"},
          {"name":"labels","type":{"type":"map","values":"string"}},
          {"name":"occurredAt","type":{"type":"long","logicalType":"timestamp-millis"}}]}""");
    int id = registry.register("older-writers", older);
    GenericRecord record = new GenericData.Record(older);
    record.put("eventId", "7d0b1c52-5f0e-4a0c-9a51-3c2a3a1f0b11");
    record.put("tenantId", "acme");
    record.put("kind", new GenericData.EnumSymbol(older.getField("kind").schema(), "WARNING"));
    record.put("status", new GenericData.EnumSymbol(older.getField("status").schema(), "RESOLVED"));
    record.put("severity", new GenericData.EnumSymbol(older.getField("severity").schema(), "HIGH"));
    record.put("source", "db");
    record.put("title", "Replica lag");
    record.put("message", "lag 30s");
    record.put("labels", Map.of("db", "orders"));
    record.put("occurredAt", 1_700_000_000_000L);

    AlertEvent decoded = serde.deserializer().deserialize(TOPIC, wire(id, older, record));

    assertThat(decoded.getKind()).isEqualTo(AlertKind.WARNING);
    assertThat(decoded.getStatus()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(decoded.getLabels()).containsEntry("db", "orders");
    assertThat(decoded.getOccurredAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
    assertThat(decoded.getLocale()).isNull();
    assertThat(decoded.getLinks()).isEmpty();
    assertThat(decoded.getFingerprint()).isNull();
  }

  @Test
  void nullIsATombstoneByDefaultAndRejectedOnRequest() {
    assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    SpecificAvroDeserializer<AlertEvent> strict = new SpecificAvroDeserializer<>(registry, AlertEvent.class, true);
    assertThatThrownBy(() -> strict.deserialize(TOPIC, null))
        .isInstanceOf(NullPayloadException.class)
        .hasMessageContaining(TOPIC);
  }

  @Test
  void wrongMagicByteNamesTheByte() {
    byte[] json = "{\"tenantId\":\"acme\"}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, json))
        .isInstanceOfSatisfying(BadMagicByteException.class, e -> assertThat(e.magicByte()).isEqualTo('{'))
        .hasMessageContaining("0x7b at offset 0");
  }

  @Test
  void payloadShorterThanTheHeaderIsTruncated() {
    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[] {0, 0, 1}))
        .isInstanceOf(TruncatedPayloadException.class)
        .hasMessageContaining("3 byte(s)");
    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[0]))
        .isInstanceOf(TruncatedPayloadException.class);
  }

  @Test
  void bodyCutShortIsTruncatedWithTheSchemaId() {
    byte[] bytes = valid();
    byte[] cut = Arrays.copyOf(bytes, bytes.length - 10);
    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, cut))
        .isInstanceOfSatisfying(TruncatedPayloadException.class,
            e -> assertThat(e.schemaId()).hasValue(WireFormat.schemaId(bytes)));
  }

  @Test
  void unknownSchemaIdNamesTheId() {
    byte[] bytes = valid();
    bytes[4] = 99;
    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
        .isInstanceOfSatisfying(UnknownSchemaIdException.class, e -> assertThat(e.schemaId()).hasValue(99))
        .hasMessageContaining("Unknown schema id 99");
  }

  @Test
  void garbageBodyIsMalformed() {
    byte[] bytes = valid();
    byte[] garbage = new byte[40];
    System.arraycopy(bytes, 0, garbage, 0, WireFormat.HEADER_LENGTH);
    Arrays.fill(garbage, WireFormat.HEADER_LENGTH, garbage.length, (byte) 0xff); // an endless varint
    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, garbage))
        .isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining("schema id " + WireFormat.schemaId(bytes));
  }

  @Test
  void bytesLeftOverAfterTheRecordAreMalformed() {
    byte[] bytes = valid();
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);
    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, longer))
        .isInstanceOf(MalformedPayloadException.class)
        .hasMessageContaining("left over");
  }

  @Test
  void aRecordOfAnotherTypeIsAnIncompatibleWriter() {
    SpecificAvroSerde<DeliveryReceipt> receipts = SpecificAvroSerde.of(registry, DeliveryReceipt.class);
    byte[] receipt = receipts.serializer().serialize("klaxon.deliveries.v1", DeliveryReceipt.newBuilder()
        .setNotificationId("n1").setTenantId("acme").setTargetId("t1").setChannel(Channel.SLACK).setAttempt(1)
        .setOutcome(DeliveryOutcome.DELIVERED).setLatencyMs(5).setAttemptedAt(Instant.EPOCH).build());
    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, receipt))
        .isInstanceOf(IncompatibleWriterSchemaException.class)
        .hasMessageContaining("DeliveryReceipt").hasMessageContaining("AlertEvent");
  }

  @Test
  void randomBytesOnlyEverDecodeOrRaiseAWireFormatException() {
    Random random = new Random(42);
    byte[] valid = valid();
    int decoded = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] input;
      if (i % 2 == 0) {
        input = new byte[random.nextInt(64)];
        random.nextBytes(input);
      } else {
        // Valid header, then random mutations of a valid body: the hard cases.
        input = valid.clone();
        for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
          int at = WireFormat.HEADER_LENGTH + random.nextInt(valid.length - WireFormat.HEADER_LENGTH);
          input[at] = (byte) random.nextInt(256);
        }
      }
      try {
        serde.deserializer().deserialize(TOPIC, input);
        decoded++;
      } catch (WireFormatException expected) {
        // each bad input is classified
      }
    }
    assertThat(decoded).isLessThan(20_000);
  }

  @Test
  void anUnreachableRegistryIsNotMistakenForBadData() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    HttpSchemaRegistryClient unreachable = HttpSchemaRegistryClient.builder("http://127.0.0.1:" + closedPort)
        .maxAttempts(2).retryBackoff(Duration.ofMillis(1)).build();
    SpecificAvroDeserializer<AlertEvent> deserializer = new SpecificAvroDeserializer<>(unreachable, AlertEvent.class);
    byte[] bytes = valid();
    assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes))
        .isInstanceOf(SchemaRegistryUnavailableException.class)
        .isNotInstanceOf(WireFormatException.class)
        .hasMessageContaining("schema id " + WireFormat.schemaId(bytes));
  }

  private static byte[] wire(int id, Schema schema, GenericRecord record) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {0, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id});
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
