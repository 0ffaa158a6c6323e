package io.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.control.AckState;
import io.klaxon.control.Acknowledgement;
import io.klaxon.embedded.TopicSpec;
import io.klaxon.embedded.junit.BrokerAndRegistryExtension;
import io.klaxon.registry.HttpSchemaRegistryClient;
import io.klaxon.topics.KlaxonTopics;
import io.klaxon.topics.TopicNames;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code klaxon silence add|list|expire} and {@code klaxon ack} against a real broker and schema registry. */
class SilenceAndAckIT {
  @RegisterExtension
  static final BrokerAndRegistryExtension KAFKA = BrokerAndRegistryExtension.withRegistry();

  private static Map<String, String> env(TopicNames names) {
    return Map.of("KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers(), "SCHEMA_REGISTRY_URL", KAFKA.registryUrl(),
        "SILENCES_TOPIC", names.silences(), "ACKS_TOPIC", names.acks());
  }

  private static TopicNames fresh() throws Exception {
    TopicNames names = TopicNames.suffixed("-" + UUID.randomUUID());
    KAFKA.createTopics(TopicSpec.compacted(names.silences(), 2), TopicSpec.compacted(names.acks(), 2));
    return names;
  }

  @Test
  void addListExpireOneTenantsSilencesWhileAnotherSeesNone() throws Exception {
    TopicNames names = fresh();
    Map<String, String> env = env(names);

    CliRun added = CliRun.withEnv(env, "silence", "add", "--tenant", "acme", "--author", "jane", "--comment", "db move",
        "--duration", "2h", "env=\"prod\"", "service=~\"db-.*\"");
    assertThat(added.code()).as(added.err()).isZero();
    String id = added.out().trim();
    CliRun other = CliRun.withEnv(env, "silence", "add", "--tenant", "globex", "--author", "joe", "team=\"web\"");
    assertThat(other.code()).as(other.err()).isZero();

    CliRun listed = CliRun.withEnv(env, "silence", "list", "--tenant", "acme");
    assertThat(listed.code()).isZero();
    assertThat(listed.out().lines().toList()).singleElement().satisfies(line -> assertThat(line)
        .startsWith(id + "\tactive\t{env=\"prod\", service=~\"db-.*\"}\t").endsWith("\tjane\tdb move"));

    CliRun expired = CliRun.withEnv(env, "silence", "expire", "--tenant", "acme", id);
    assertThat(expired.code()).as(expired.err()).isZero();
    assertThat(CliRun.withEnv(env, "silence", "list", "--tenant", "acme").out()).isEmpty();
    assertThat(CliRun.withEnv(env, "silence", "list", "--tenant", "acme", "--expired").out()).contains(id + "\texpired\t");
    assertThat(CliRun.withEnv(env, "silence", "list", "--tenant", "globex").out()).doesNotContain(id).contains("team=\"web\"");

    CliRun notOurs = CliRun.withEnv(env, "silence", "expire", "--tenant", "globex", id);
    assertThat(notOurs.code()).isEqualTo(1);
    assertThat(notOurs.err()).contains("tenant globex has no silence " + id);
  }

  @Test
  void badSilencesAreRefusedNamingTheFieldAndWriteNothing() throws Exception {
    TopicNames names = fresh();
    Map<String, String> env = env(names);

    CliRun badMatcher = CliRun.withEnv(env, "silence", "add", "--tenant", "acme", "service=~\"pay(\"");
    CliRun backwards = CliRun.withEnv(env, "silence", "add", "--tenant", "acme", "--start", "2026-12-02T18:00:00Z",
        "--end", "2026-12-02T17:00:00Z", "env=\"prod\"");
    CliRun matchesAll = CliRun.withEnv(env, "silence", "add", "--tenant", "acme", "env=~\".*\"");

    assertThat(badMatcher.code()).isEqualTo(2);
    assertThat(badMatcher.err()).contains("matchers[0] 'service=~\"pay(\"': regular expression does not compile");
    assertThat(backwards.code()).isEqualTo(1);
    assertThat(backwards.err()).contains("endsAt: must be after startsAt");
    assertThat(matchesAll.code()).isEqualTo(1);
    assertThat(matchesAll.err()).contains("matchers: every matcher matches the empty string");
    assertThat(CliRun.withEnv(env, "silence", "list", "--tenant", "acme", "--expired").out()).isEmpty();
  }

  @Test
  void ackAndUndoAreRecordedUnderTenantAndFingerprint() throws Exception {
    TopicNames names = fresh();
    Map<String, String> env = env(names);

    CliRun ack = CliRun.withEnv(env, "ack", "--tenant", "acme", "--author", "jane", "--comment", "looking", "a1b2c3");
    CliRun undo = CliRun.withEnv(env, "ack", "--tenant", "acme", "--author", "jane", "--undo", "a1b2c3");

    assertThat(ack.code()).as(ack.err()).isZero();
    assertThat(ack.out()).startsWith("acme/a1b2c3\tACKED by jane");
    assertThat(undo.code()).as(undo.err()).isZero();
    List<Acknowledgement> records = read(names);
    assertThat(records).extracting(Acknowledgement::getState).containsExactly(AckState.ACKED, AckState.UNACKED);
    assertThat(records).allSatisfy(r -> assertThat(r.getVia()).isEqualTo("cli"));
  }

  private static List<Acknowledgement> read(TopicNames names) {
    KlaxonTopics topics = KlaxonTopics.of(names, HttpSchemaRegistryClient.builder(KAFKA.registryUrl()).build());
    Map<String, Object> config = new HashMap<>(KAFKA.clientConfig());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = List.of(new TopicPartition(names.acks(), 0), new TopicPartition(names.acks(), 1));
      consumer.assign(partitions);
      java.util.ArrayList<Acknowledgement> out = new java.util.ArrayList<>();
      for (int i = 0; i < 20 && out.size() < 2; i++) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          assertThat(r.key()).isEqualTo("acme/a1b2c3");
          out.add(topics.acks().valueSerde().deserializer().deserialize(r.topic(), r.value()));
        }
      }
      return out;
    }
  }
}
