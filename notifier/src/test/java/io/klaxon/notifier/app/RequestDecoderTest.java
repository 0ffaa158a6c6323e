package io.klaxon.notifier.app;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestDecoderTest {
  private static final String TOPIC = "klaxon.notifications.v1";

  private final InMemorySchemaRegistry registry = InMemorySchemaRegistry.scoped("decoder-" + UUID.randomUUID());
  private final NotifierMetrics metrics = NotifierMetrics.inMemory();
  private final NotificationRequest request =
      Requests.request(Requests.webhook("https://h.example/in", "env:H")).setNotificationId("n1").build();
  private final byte[] encoded = new SpecificAvroSerializer<NotificationRequest>(registry, false, true).serialize(TOPIC, request);

  private RequestDecoder decoder(SchemaRegistry from) {
    return new RequestDecoder(new SpecificAvroDeserializer<>(from, NotificationRequest.class), metrics);
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

    assertThat(decoder.decode(record("not a notification".getBytes()))).isInstanceOf(RequestDecoder.Decoded.Undecodable.class);
    assertThat(decoder.decode(record(null))).isEqualTo(new RequestDecoder.Decoded.Undecodable("no value"));
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

  private static SchemaRegistry answering(RuntimeException error) {
    return (SchemaRegistry) Proxy.newProxyInstance(SchemaRegistry.class.getClassLoader(),
        new Class<?>[] {SchemaRegistry.class}, (proxy, method, args) -> {
          throw error;
        });
  }
}
