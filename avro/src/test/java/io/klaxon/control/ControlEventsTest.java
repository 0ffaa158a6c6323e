package io.klaxon.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klaxon.events.MatchOp;
import io.klaxon.registry.InMemorySchemaRegistry;
import io.klaxon.topics.KlaxonTopics;
import io.klaxon.topics.TopicNames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class ControlEventsTest {
  private final KlaxonTopics topics = KlaxonTopics.of(TopicNames.DEFAULTS, new InMemorySchemaRegistry());
  private final Clock clock = Clock.fixed(Instant.ofEpochMilli(1_500L), ZoneOffset.UTC);

  private ControlEvents events(MockProducer<byte[], byte[]> producer) {
    return new ControlEvents(producer, topics, SilenceLimits.DEFAULTS, clock, Duration.ofSeconds(1));
  }

  private static MockProducer<byte[], byte[]> acknowledging() {
    return new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private String key(ProducerRecord<byte[], byte[]> record) {
    return topics.silences().keySerde().deserializer().deserialize(record.topic(), record.key());
  }

  @Test
  void aSilenceIsWrittenUnderTenantAndIdWithUpdatedAtNow() {
    MockProducer<byte[], byte[]> producer = acknowledging();
    Silence written = events(producer).silence(ControlRulesTest.silence(ControlRulesTest.m("env", MatchOp.EQ, "prod")));

    assertThat(written.getUpdatedAt()).isEqualTo(Instant.ofEpochMilli(1_500L));
    assertThat(producer.history()).singleElement().satisfies(r -> {
      assertThat(r.topic()).isEqualTo("klaxon.silences.v1");
      assertThat(key(r)).isEqualTo("acme/5b3e7d2a-0000-4000-8000-000000000001");
      assertThat(topics.silences().valueSerde().deserializer().deserialize(r.topic(), r.value())).isEqualTo(written);
    });
  }

  @Test
  void anInvalidSilenceWritesNothing() {
    MockProducer<byte[], byte[]> producer = acknowledging();
    Silence bad = Silence.newBuilder(ControlRulesTest.silence(ControlRulesTest.m("env", MatchOp.EQ, "prod")))
        .setEndsAt(Instant.ofEpochMilli(10L)).build();

    assertThatThrownBy(() -> events(producer).silence(bad)).isInstanceOfSatisfying(InvalidControlEventException.class,
        e -> assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("endsAt")));
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void expiryEndsItNowAndStartsItNowWhenPending() {
    MockProducer<byte[], byte[]> producer = acknowledging();
    Silence active = ControlRulesTest.silence(ControlRulesTest.m("env", MatchOp.EQ, "prod"));
    Silence pending = Silence.newBuilder(active).setStartsAt(Instant.ofEpochMilli(1_800L)).setEndsAt(Instant.ofEpochMilli(3_000L)).build();

    Silence expired = events(producer).expire(active);
    Silence expiredPending = events(producer).expire(pending);

    assertThat(expired.getStartsAt()).isEqualTo(Instant.ofEpochMilli(1_000L));
    assertThat(expired.getEndsAt()).isEqualTo(Instant.ofEpochMilli(1_500L));
    assertThat(expiredPending.getStartsAt()).isEqualTo(Instant.ofEpochMilli(1_500L));
    assertThat(expiredPending.getEndsAt()).isEqualTo(Instant.ofEpochMilli(1_500L));
    assertThat(producer.history()).hasSize(2);
  }

  @Test
  void expiringAnEndedSilenceWritesNothing() {
    MockProducer<byte[], byte[]> producer = acknowledging();
    Silence ended = Silence.newBuilder(ControlRulesTest.silence(ControlRulesTest.m("env", MatchOp.EQ, "prod")))
        .setEndsAt(Instant.ofEpochMilli(1_200L)).build();

    assertThat(events(producer).expire(ended)).isEqualTo(ended);
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void anAckIsWrittenUnderTenantAndFingerprint() {
    MockProducer<byte[], byte[]> producer = acknowledging();
    Acknowledgement ack = events(producer).ack("acme", "a1b2c3", "jane", "on it", "cli");

    assertThat(ack.getState()).isEqualTo(AckState.ACKED);
    assertThat(ack.getAt()).isEqualTo(Instant.ofEpochMilli(1_500L));
    assertThat(producer.history()).singleElement().satisfies(r -> {
      assertThat(r.topic()).isEqualTo("klaxon.acks.v1");
      assertThat(key(r)).isEqualTo("acme/a1b2c3");
      assertThat(topics.acks().valueSerde().deserializer().deserialize(r.topic(), r.value())).isEqualTo(ack);
    });
  }

  @Test
  void aWriteKafkaRefusesIsReportedNotSwallowed() {
    MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    ControlEvents events = events(producer);
    Thread failer = Thread.ofVirtual().start(() -> {
      while (!producer.errorNext(new org.apache.kafka.common.errors.NotEnoughReplicasException("1 of 3"))) {
        Thread.onSpinWait();
      }
    });

    assertThatThrownBy(() -> events.ack("acme", "a1b2c3", "jane", "", "cli"))
        .isInstanceOf(ControlEventNotWrittenException.class).hasMessageContaining("not acknowledged by Kafka: 1 of 3");
    failer.interrupt();
  }
}
