package io.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.klaxon.embedded.TopicSpec;
import io.klaxon.embedded.junit.BrokerAndRegistryExtension;
import io.klaxon.events.DeadLetter;
import io.klaxon.events.DeadLetterReason;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.privacy.Keyring;
import io.klaxon.privacy.MasterKey;
import io.klaxon.privacy.MasterKeys;
import io.klaxon.privacy.Sealer;
import io.klaxon.privacy.Sealers;
import io.klaxon.registry.HttpSchemaRegistryClient;
import io.klaxon.serde.SpecificAvroSerializer;
import io.klaxon.topics.KlaxonTopics;
import io.klaxon.topics.TopicNames;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code klaxon dlq tail} and {@code klaxon dlq replay} against a real broker and schema registry. */
class DlqReplayIT {
  @RegisterExtension
  static final BrokerAndRegistryExtension KAFKA = BrokerAndRegistryExtension.withRegistry();

  private record Topics(String alerts, String dlq) {}

  /** Fresh topics holding three dead letters: two UNKNOWN_TENANT (nobody, other) and one INVALID_FIELD. */
  private static Topics seed() throws Exception {
    String id = UUID.randomUUID().toString();
    Topics topics = new Topics("alerts-" + id, "dlq-" + id);
    KAFKA.createTopics(TopicSpec.of(topics.alerts(), 2), TopicSpec.of(topics.dlq(), 2));
    try (KafkaProducer<String, DeadLetter> producer = new KafkaProducer<>(KAFKA.clientConfig(), new StringSerializer(),
        new SpecificAvroSerializer<>(HttpSchemaRegistryClient.builder(KAFKA.registryUrl()).build(), false, true))) {
      producer.send(new ProducerRecord<>(topics.dlq(), null, "nobody", letter(topics.alerts(), DeadLetterReason.UNKNOWN_TENANT, "nobody", 7),
          new RecordHeaders().add("traceparent", "00-nobody".getBytes(StandardCharsets.UTF_8)))).get();
      producer.send(new ProducerRecord<>(topics.dlq(), "acme", letter(topics.alerts(), DeadLetterReason.INVALID_FIELD, "acme", 8))).get();
      producer.send(new ProducerRecord<>(topics.dlq(), "other", letter(topics.alerts(), DeadLetterReason.UNKNOWN_TENANT, "other", 9))).get();
    }
    return topics;
  }

  private static DeadLetter letter(String sourceTopic, DeadLetterReason reason, String tenant, long offset) {
    return DeadLetter.newBuilder()
        .setReason(reason)
        .setDetail("detail of " + tenant)
        .setTenantId(tenant)
        .setSourceTopic(sourceTopic)
        .setSourcePartition(0)
        .setSourceOffset(offset)
        .setOriginalTimestamp(Instant.parse("2026-11-22T09:00:00Z"))
        .setOriginalKey(ByteBuffer.wrap(tenant.getBytes(StandardCharsets.UTF_8)))
        .setOriginalValue(ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 1, (byte) offset}))
        .setDeadLetteredAt(Instant.parse("2026-11-22T09:00:01Z"))
        .build();
  }

  private static String[] args(Topics topics, String... command) {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(List.of("--bootstrap-servers", KAFKA.bootstrapServers(), "--schema-registry-url", KAFKA.registryUrl(),
        "--topic", topics.dlq()));
    return args.toArray(String[]::new);
  }

  private static long recordsIn(String topic) throws Exception {
    try (Admin admin = Admin.create(KAFKA.clientConfig())) {
      return admin.listOffsets(Map.of(new TopicPartition(topic, 0), OffsetSpec.latest(), new TopicPartition(topic, 1), OffsetSpec.latest()))
          .all().get().values().stream().mapToLong(info -> info.offset()).sum();
    }
  }

  @Test
  void tailPrintsEveryDeadLetterOrOnlyTheChosenReason() throws Exception {
    Topics topics = seed();

    CliRun all = CliRun.of(args(topics, "dlq", "tail", "--from-beginning"));
    CliRun invalid = CliRun.of(args(topics, "dlq", "tail", "--from-beginning", "--reason", "invalid_field", "--json"));

    assertThat(all.code()).as(all.err()).isZero();
    assertThat(all.out().lines()).hasSize(3).anySatisfy(line -> assertThat(line)
        .contains("UNKNOWN_TENANT tenant=nobody event=- from=" + topics.alerts() + "-0@7 detail of nobody"));
    assertThat(invalid.code()).as(invalid.err()).isZero();
    assertThat(invalid.out().lines()).singleElement().asString()
        .contains("\"reason\":\"INVALID_FIELD\"", "\"tenantId\":\"acme\"", "\"sourceOffset\":8");
  }

  @Test
  void tailStartsWithTheLatestRecordsAndStopsAtMax() throws Exception {
    Topics topics = seed();

    CliRun latest = CliRun.of(args(topics, "dlq", "tail", "--last", "1"));
    CliRun capped = CliRun.of(args(topics, "dlq", "tail", "--from-beginning", "--max", "2"));

    assertThat(latest.code()).as(latest.err()).isZero();
    // Keys spread the three letters over two partitions; the last of each partition is shown.
    assertThat(latest.out().lines()).hasSizeBetween(1, 2);
    assertThat(capped.out().lines()).hasSize(2);
  }

  @Test
  void followPrintsDeadLettersWrittenAfterItStarted() throws Exception {
    Topics topics = seed();

    // Starting at the end (--last 0), a bounded tail would print nothing; --follow waits for new ones.
    java.util.concurrent.CompletableFuture<CliRun> tail = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> CliRun.of(args(topics, "dlq", "tail", "--last", "0", "--follow", "--max", "1")));
    try (KafkaProducer<String, DeadLetter> producer = new KafkaProducer<>(KAFKA.clientConfig(), new StringSerializer(),
        new SpecificAvroSerializer<>(HttpSchemaRegistryClient.builder(KAFKA.registryUrl()).build(), false, true))) {
      // The tail's start position is not observable from here, so keep writing until it has seen one.
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
        if (!tail.isDone()) {
          producer.send(new ProducerRecord<>(topics.dlq(), "late", letter(topics.alerts(), DeadLetterReason.TENANT_DISABLED, "late", 10))).get();
        }
        return tail.isDone();
      });
    }

    CliRun run = tail.get();
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out().lines()).singleElement().asString().contains("TENANT_DISABLED tenant=late");
  }

  @Test
  void undecodableDeadLetterIsReportedAndSkipped() throws Exception {
    Topics topics = seed();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KAFKA.clientConfig(),
        new org.apache.kafka.common.serialization.ByteArraySerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topics.dlq(), 0, null, new byte[] {42, 42})).get();
    }

    CliRun run = CliRun.of(args(topics, "dlq", "tail", "--from-beginning"));

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out().lines()).hasSize(3);
    assertThat(run.err()).contains("klaxon: skipped undecodable dead letter " + topics.dlq() + "-0@");
  }

  @Test
  void dryRunListsWithoutPublishing() throws Exception {
    Topics topics = seed();

    CliRun run = CliRun.of(args(topics, "dlq", "replay", "--reason", "UNKNOWN_TENANT", "--dry-run"));

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("would replay", "tenant=nobody", "tenant=other", "2 dead letters would be replayed");
    assertThat(recordsIn(topics.alerts())).isZero();
  }

  /** Every record in {@code topic} (two partitions), read until {@code expected} have arrived, then a little longer. */
  private static List<ConsumerRecord<byte[], byte[]>> recordsOf(String topic, int expected) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KAFKA.clientConfig(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1)));
      consumer.seekToBeginning(consumer.assignment());
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return records.size() >= expected;
      });
      consumer.poll(Duration.ofMillis(500)).forEach(records::add);
    }
    return records;
  }

  private static List<String> keysIn(String topic, int expected) {
    return recordsOf(topic, expected).stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).toList();
  }

  private static CliRun replay(Topics topics, String... options) {
    List<String> command = new ArrayList<>(List.of("dlq", "replay", "--reason", "UNKNOWN_TENANT"));
    command.addAll(List.of(options));
    CliRun run = CliRun.of(args(topics, command.toArray(String[]::new)));
    assertThat(run.code()).as(run.err()).isZero();
    return run;
  }

  @Test
  void replayingTheSameLettersTwiceReinjectsThemOnce() throws Exception {
    Topics topics = seed();

    replay(topics);
    CliRun again = replay(topics);

    assertThat(again.out()).contains("0 dead letters replayed");
    assertThat(keysIn(topics.alerts(), 2)).containsExactlyInAnyOrder("nobody", "other");
  }

  @Test
  void aReplayKeepsTheOriginalTimestampAndHeadersAndNamesTheLetterItReplays() throws Exception {
    Topics topics = seed();

    replay(topics, "--tenant", "nobody");

    ConsumerRecord<byte[], byte[]> replayed = recordsOf(topics.alerts(), 1).get(0);
    assertThat(replayed.timestamp()).isEqualTo(Instant.parse("2026-11-22T09:00:00Z").toEpochMilli());
    assertThat(new String(replayed.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8)).isEqualTo("00-nobody");
    assertThat(new String(replayed.headers().lastHeader("klaxon-replay-of").value(), StandardCharsets.UTF_8))
        .matches(java.util.regex.Pattern.quote(topics.dlq()) + "-[01]@0");
  }

  @Test
  void aLetterThatFailsAgainIsReplayedOncePerRunNotDoubled() throws Exception {
    Topics topics = seed();
    replay(topics, "--tenant", "nobody");
    ConsumerRecord<byte[], byte[]> replayed = recordsOf(topics.alerts(), 1).get(0);
    // The Streams app dead-letters the replayed record again, with the headers it carried.
    try (KafkaProducer<String, DeadLetter> producer = new KafkaProducer<>(KAFKA.clientConfig(), new StringSerializer(),
        new SpecificAvroSerializer<>(HttpSchemaRegistryClient.builder(KAFKA.registryUrl()).build(), false, true))) {
      producer.send(new ProducerRecord<>(topics.dlq(), null, "nobody",
          letter(topics.alerts(), DeadLetterReason.UNKNOWN_TENANT, "nobody", replayed.offset()), replayed.headers())).get();
    }

    CliRun second = replay(topics, "--tenant", "nobody");
    CliRun third = replay(topics, "--tenant", "nobody");

    assertThat(second.out()).contains("1 dead letters replayed");
    assertThat(third.out()).contains("0 dead letters replayed");
    assertThat(recordsOf(topics.alerts(), 2)).hasSize(2);
  }

  @Test
  void aReplayOfOneTenantAndThenOfAllTenantsReinjectsEachLetterOnce() throws Exception {
    Topics topics = seed();

    replay(topics, "--tenant", "nobody");
    CliRun all = replay(topics);
    CliRun nobodyAgain = replay(topics, "--tenant", "nobody");

    assertThat(all.out()).contains("1 dead letters replayed").doesNotContain("tenant nobody)");
    assertThat(nobodyAgain.out()).contains("0 dead letters replayed");
    assertThat(keysIn(topics.alerts(), 2)).containsExactlyInAnyOrder("nobody", "other");
  }

  @Test
  void replayReinjectsTheOriginalBytesOfMatchingDeadLettersOnly() throws Exception {
    Topics topics = seed();

    CliRun run = CliRun.of(args(topics, "dlq", "replay", "--reason", "UNKNOWN_TENANT", "--tenant", "nobody"));

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("replayed " + topics.alerts() + "-0@7 (UNKNOWN_TENANT, tenant nobody) -> " + topics.alerts(),
        "1 dead letters replayed");
    List<ConsumerRecord<byte[], byte[]>> replayed = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KAFKA.clientConfig(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.of(new TopicPartition(topics.alerts(), 0), new TopicPartition(topics.alerts(), 1)));
      consumer.seekToBeginning(consumer.assignment());
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(replayed::add);
        return !replayed.isEmpty();
      });
    }
    assertThat(replayed).singleElement().satisfies(record -> {
      assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("nobody");
      assertThat(record.value()).containsExactly(0, 0, 0, 0, 1, 7);
    });
    assertThat(recordsIn(topics.alerts())).isEqualTo(1);
  }

  @Test
  void sealedLettersAreOpenedWithTheMasterKeyAndThoseOfAnErasedTenantAreNeverReplayed() throws Exception {
    Topics topics = seed();
    String tenantsTopic = "tenants-" + UUID.randomUUID();
    KAFKA.createTopics(TopicSpec.compacted(tenantsTopic, 1));
    String masterKey = MasterKey.generate();
    MasterKeys masters = MasterKeys.of(MasterKey.parse("test", masterKey));
    TenantConfig acme = TenantConfig.newBuilder().setTenantId("acme").setTier(Tier.STANDARD)
        .setDataKeys(new ArrayList<>(List.of(masters.newDataKey("acme", Instant.now())))).build();
    TenantConfig gone = TenantConfig.newBuilder().setTenantId("gone").setTier(Tier.STANDARD)
        .setDataKeys(new ArrayList<>(List.of(masters.newDataKey("gone", Instant.now())))).build();
    HttpSchemaRegistryClient registry = HttpSchemaRegistryClient.builder(KAFKA.registryUrl()).build();
    Keyring writer = new Keyring(masters);
    writer.update("acme", acme);
    writer.update("gone", gone);
    Sealer<DeadLetter> sealer = Sealers.deadLetters(KlaxonTopics.of(TopicNames.DEFAULTS, registry));
    DeadLetter acmeLetter = sealer.seal(letter(topics.alerts(), DeadLetterReason.INVALID_FIELD, "acme", 21), writer);
    DeadLetter goneLetter = sealer.seal(letter(topics.alerts(), DeadLetterReason.INVALID_FIELD, "gone", 22), writer);
    assertThat(acmeLetter.getOriginalValue()).isNull();
    assertThat(acmeLetter.getDetail()).isEqualTo(Sealers.SEALED_DETAIL);
    try (KafkaProducer<String, org.apache.avro.specific.SpecificRecord> producer = new KafkaProducer<>(KAFKA.clientConfig(), new StringSerializer(),
        new SpecificAvroSerializer<>(registry, false, true))) {
      producer.send(new ProducerRecord<>(topics.dlq(), "acme", acmeLetter)).get();
      producer.send(new ProducerRecord<>(topics.dlq(), "gone", goneLetter)).get();
      producer.send(new ProducerRecord<>(tenantsTopic, "acme", acme)).get();
      // The erasure marker: gone's data key is no longer anywhere.
      producer.send(new ProducerRecord<>(tenantsTopic, "gone", TenantConfig.newBuilder().setTenantId("gone").setTier(Tier.STANDARD)
          .setEnabled(false).setErasedAt(Instant.now()).build())).get();
    }
    Map<String, String> withKey = Map.of("TENANTS_TOPIC", tenantsTopic, "KLAXON_MASTER_KEY_REF", "env:MK", "MK", masterKey);

    CliRun tail = CliRun.withEnv(withKey, args(topics, "dlq", "tail", "--from-beginning", "--reason", "INVALID_FIELD"));
    CliRun withoutKey = CliRun.withEnv(Map.of("TENANTS_TOPIC", tenantsTopic),
        args(topics, "dlq", "replay", "--reason", "INVALID_FIELD"));
    CliRun run = CliRun.withEnv(withKey, args(topics, "dlq", "replay", "--reason", "INVALID_FIELD"));

    assertThat(tail.out()).contains("tenant=acme", "detail of acme").contains("tenant=gone", "erased: tenant gone was erased");
    assertThat(withoutKey.code()).isEqualTo(1);
    assertThat(withoutKey.err()).contains("nothing replayed: 1 matching dead letter(s) are sealed and cannot be opened here",
        "KLAXON_MASTER_KEY_REF");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("1 matching dead letter(s) of erased tenants are not replayed")
        .contains("(INVALID_FIELD, tenant acme)").doesNotContain("tenant gone)");
    List<ConsumerRecord<byte[], byte[]>> replayed = recordsOf(topics.alerts(), 2).stream()
        .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals("acme")).toList();
    // The seed's clear INVALID_FIELD letter of acme (offset 8) and the sealed one (21), opened to its original bytes.
    assertThat(replayed).extracting(r -> r.value()[5]).containsExactlyInAnyOrder((byte) 8, (byte) 21);
    assertThat(replayed).allSatisfy(r -> assertThat(r.value()).startsWith(0, 0, 0, 0, 1));
  }
}
