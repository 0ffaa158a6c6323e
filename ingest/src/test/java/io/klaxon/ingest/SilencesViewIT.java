package io.klaxon.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klaxon.control.ControlEvents;
import io.klaxon.control.ControlKeys;
import io.klaxon.control.Silence;
import io.klaxon.control.SilenceLimits;
import io.klaxon.control.SilencesUnavailableException;
import io.klaxon.control.SilencesView;
import io.klaxon.embedded.TopicSpec;
import io.klaxon.embedded.junit.BrokerAndRegistryExtension;
import io.klaxon.events.LabelMatcher;
import io.klaxon.events.MatchOp;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.topics.KlaxonTopics;
import io.klaxon.topics.TopicNames;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What every ingest copy relies on: a {@link SilencesView} answers with every silence whose write
 * Kafka acknowledged before the call, whoever wrote it, without waiting or retrying in the test.
 */
class SilencesViewIT {
  @RegisterExtension
  static final BrokerAndRegistryExtension KAFKA = BrokerAndRegistryExtension.withRegistry();

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private static Silence silence(String tenant, String value) {
    Instant now = Instant.now();
    return new Silence(ControlEvents.newSilenceId(), tenant,
        List.of(LabelMatcher.newBuilder().setName("env").setOp(MatchOp.EQ).setValue(value).build()),
        now, now.plus(Duration.ofHours(1)), "ops", "", now);
  }

  @Test
  void aReadAfterAnAcknowledgedWriteSeesItAndATombstoneRemovesIt() throws Exception {
    TopicNames names = TopicNames.suffixed("-" + UUID.randomUUID());
    KAFKA.createTopics(TopicSpec.compacted(names.silences(), 3));
    try (SchemaRegistry registry = KAFKA.registryClient()) {
      KlaxonTopics topics = KlaxonTopics.of(names, registry);
      try (ControlEvents events = ControlEvents.open(KAFKA.clientConfig(), topics, SilenceLimits.DEFAULTS, TIMEOUT);
          SilencesView view = SilencesView.start(KAFKA.clientConfig(), topics.silences(), "silences-view-it");
          KafkaProducer<String, byte[]> tombstones = new KafkaProducer<>(KAFKA.clientConfig(), new StringSerializer(),
              (topic, value) -> value)) {
        for (int i = 0; i < 20; i++) {
          Silence written = events.silence(silence("acme", "v" + i));
          assertThat(view.silences("acme", TIMEOUT)).extracting(Silence::getId).contains(written.getId());
        }
        Silence other = events.silence(silence("globex", "x"));
        assertThat(view.silences("acme", TIMEOUT)).hasSize(20).extracting(Silence::getTenantId).containsOnly("acme");
        assertThat(view.silences("globex", TIMEOUT)).extracting(Silence::getId).containsExactly(other.getId());

        Silence expired = events.expire(other);
        assertThat(view.silences("globex", TIMEOUT)).singleElement()
            .satisfies(s -> assertThat(s.getEndsAt()).isEqualTo(expired.getEndsAt()));
        tombstones.send(new ProducerRecord<>(names.silences(), ControlKeys.of(other), null)).get();
        assertThat(view.silences("globex", TIMEOUT)).isEmpty();
      }
    }
  }

  @Test
  void aTopicThatCannotBeReadIsReportedWithinTheTimeout() throws Exception {
    TopicNames names = TopicNames.suffixed("-" + UUID.randomUUID());
    try (SchemaRegistry registry = KAFKA.registryClient();
        SilencesView view = SilencesView.start(KAFKA.clientConfig(), KlaxonTopics.of(names, registry).silences(),
            "silences-view-it")) {
      assertThatThrownBy(() -> view.silences("acme", Duration.ofSeconds(2)))
          .isInstanceOf(SilencesUnavailableException.class).hasMessageContaining("within 2000 ms");
    }
  }
}
