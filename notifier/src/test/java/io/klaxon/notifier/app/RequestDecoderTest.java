package io.klaxon.notifier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.DeadLetter;
import io.klaxon.events.DeadLetterReason;
import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.metrics.NotifierMetrics;
import io.klaxon.notifier.testing.Requests;
import io.klaxon.registry.InMemorySchemaRegistry;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.registry.SchemaRegistryException;
import io.klaxon.registry.SchemaRegistryUnavailableException;
import io.klaxon.serde.SpecificAvroDeserializer;
import io.klaxon.serde.SpecificAvroSerializer;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestDecoderTest {
  private static final String TOPIC = "klaxon.notifications.v1";
  private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
  private static final InstantSource CLOCK = InstantSource.fixed(NOW);

  private final InMemorySchemaRegistry registry = InMemorySchemaRegistry.scoped("decoder-" + UUID.randomUUID());
  private final NotifierMetrics metrics = NotifierMetrics.inMemory();
  private final NotificationRequest request =
      Requests.request(Requests.webhook("https://h.example/in", "env:H")).setNotificationId("n1").build();
  private final byte[] encoded = new SpecificAvroSerializer<NotificationRequest>(registry, false, true).serialize(TOPIC, request);

  private RequestDecoder decoder(SchemaRegistry from) {
    return new RequestDecoder(new SpecificAvroDeserializer<>(from, NotificationRequest.class), null, metrics, CLOCK);
  }

  private static ConsumerRecord<String, byte[]> record(byte[] value) {
    return new ConsumerRecord<>(TOPIC, 0, 7, "acme", value);
  }

  private double undecodable() {
    return metrics.count("klaxon.notifier.undecodable");
  }

  @Test
  void aRequestDecodes() {
    assertThat(decoder(registry).decode(record(encoded))).isEqualTo(new RequestDecoder.Decoded.Request(request));
    assertThat(undecodable()).isZero();
  }

  @Test
  void garbageAndMissingValuesAreUndecodableAndCounted() {
    RequestDecoder decoder = decoder(registry);

    assertThat(decoder.decode(record("not a notification".getBytes(StandardCharsets.UTF_8)))).isInstanceOfSatisfying(
        RequestDecoder.Decoded.Undecodable.class, u -> assertThat(u.letter().getReason()).isEqualTo(DeadLetterReason.UNDECODABLE));
    assertThat(decoder.decode(record(null))).isInstanceOfSatisfying(RequestDecoder.Decoded.Undecodable.class, u -> {
      assertThat(u.letter().getDetail()).isEqualTo("no value");
      assertThat(u.letter().getOriginalValue()).isNull();
    });
    assertThat(undecodable()).isEqualTo(2.0);
  }

  @Test
  void aRegistryOutageIsNotBadData() {
    SchemaRegistry down = (SchemaRegistry) Proxy.newProxyInstance(SchemaRegistry.class.getClassLoader(),
        new Class<?>[] {SchemaRegistry.class}, (proxy, method, args) -> {
          throw new SchemaRegistryUnavailableException(0, "connection refused", null);
        });

    assertThat(decoder(down).decode(record(encoded))).isInstanceOf(RequestDecoder.Decoded.RegistryUnavailable.class);
    assertThat(undecodable()).isZero();
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 403, 408, 422, 429})
  void aRegistryThatRefusesOrThrottlesIsNotBadData(int status) {
    SchemaRegistry refusing = answering(new SchemaRegistryException(status, status, "Schema registry answered HTTP " + status));

    assertThat(decoder(refusing).decode(record(encoded))).isInstanceOf(RequestDecoder.Decoded.RegistryUnavailable.class);
    assertThat(undecodable()).isZero();
  }

  @Test
  void aNotFoundThatIsNotTheRegistrysSchemaNotFoundIsNotBadData() {
    // A 404 without Confluent's error code 40403: a wrong URL or a proxy in the way, not an unknown id.
    SchemaRegistry misrouted = answering(new SchemaRegistryException(404, 404, "Not Found"));

    assertThat(decoder(misrouted).decode(record(encoded))).isInstanceOf(RequestDecoder.Decoded.RegistryUnavailable.class);
    assertThat(undecodable()).isZero();
  }

  @Test
  void anIdTheRegistryDoesNotKnowIsBadData() {
    SchemaRegistry unknown = answering(new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND,
        "Schema 1 not found"));

    assertThat(decoder(unknown).decode(record(encoded))).isInstanceOf(RequestDecoder.Decoded.Undecodable.class);
    assertThat(undecodable()).isEqualTo(1.0);
  }

  @Test
  void anUndecodableRecordBecomesADeadLetterWithItsBytesAndWhereItWasRead() {
    byte[] value = {0, 0, 0, 0, 42, 1, 2, 3};
    ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(TOPIC, 3, 17, 1_763_800_000_000L,
        org.apache.kafka.common.record.TimestampType.CREATE_TIME, 4, value.length, "acme", value,
        new org.apache.kafka.common.header.internals.RecordHeaders(), java.util.Optional.empty());

    assertThat(decoder(registry).decode(record)).isInstanceOfSatisfying(RequestDecoder.Decoded.Undecodable.class, u -> {
      DeadLetter letter = u.letter();
      assertThat(letter.getReason()).isEqualTo(DeadLetterReason.UNKNOWN_SCHEMA);
      assertThat(letter.getSchemaId()).isEqualTo(42);
      assertThat(letter.getTenantId()).isNull();
      assertThat(letter.getSourceTopic()).isEqualTo(TOPIC);
      assertThat(letter.getSourcePartition()).isEqualTo(3);
      assertThat(letter.getSourceOffset()).isEqualTo(17L);
      assertThat(letter.getOriginalTimestamp()).isEqualTo(Instant.ofEpochMilli(1_763_800_000_000L));
      assertThat(letter.getOriginalKey()).isEqualTo(ByteBuffer.wrap("acme".getBytes(StandardCharsets.UTF_8)));
      assertThat(letter.getOriginalValue()).isEqualTo(ByteBuffer.wrap(value));
      assertThat(letter.getDeadLetteredAt()).isEqualTo(NOW);
    });
  }

  private static SchemaRegistry answering(RuntimeException error) {
    return (SchemaRegistry) Proxy.newProxyInstance(SchemaRegistry.class.getClassLoader(),
        new Class<?>[] {SchemaRegistry.class}, (proxy, method, args) -> {
          throw error;
        });
  }
}
