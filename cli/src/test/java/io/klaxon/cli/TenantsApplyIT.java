package io.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.klaxon.contract.DeliveryProfiles;
import io.klaxon.embedded.TopicSpec;
import io.klaxon.embedded.junit.BrokerAndRegistryExtension;
import io.klaxon.events.DataKey;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.i18n.BuiltInBundles;
import io.klaxon.privacy.MasterKey;
import io.klaxon.privacy.MasterKeys;
import io.klaxon.registry.HttpSchemaRegistryClient;
import io.klaxon.serde.SpecificAvroDeserializer;
import io.klaxon.serde.SpecificAvroSerializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code klaxon tenants apply} against a real broker and schema registry. */
class TenantsApplyIT {
  @RegisterExtension
  static final BrokerAndRegistryExtension KAFKA = BrokerAndRegistryExtension.withRegistry();

  private static String newTopic() {
    String topic = "tenants-" + UUID.randomUUID();
    KAFKA.createTopics(TopicSpec.compacted(topic, 1), TopicSpec.of(changes(topic), 1));
    return topic;
  }

  /** The tenant changes topic that goes with a tenants topic of {@link #newTopic()}. */
  private static String changes(String tenantsTopic) {
    return tenantsTopic + ".changes";
  }

  private static CliRun apply(String topic, String... more) {
    List<String> args = new ArrayList<>(List.of("tenants", "apply", "--bootstrap-servers", KAFKA.bootstrapServers(),
        "--schema-registry-url", KAFKA.registryUrl(), "--topic", topic, "--changes-topic", changes(topic)));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  private static List<ConsumerRecord<String, TenantConfig>> readAll(String topic, int expected) {
    Map<String, Object> props = KAFKA.clientConfig();
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, TenantConfig>> records = new ArrayList<>();
    try (KafkaConsumer<String, TenantConfig> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
        new SpecificAvroDeserializer<>(HttpSchemaRegistryClient.builder(KAFKA.registryUrl()).build(), TenantConfig.class))) {
      consumer.assign(List.of(new TopicPartition(topic, 0)));
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return records.size() >= expected;
      });
    }
    return records;
  }

  @Test
  void appliesTheExamplesKeyedByTenantIdThenDeletesOneWithATombstone() {
    String topic = newTopic();

    CliRun applied = apply(topic, "../examples/tenants");

    assertThat(applied.code()).as(applied.err()).isZero();
    assertThat(applied.out()).contains("6 files, 6 valid, 0 errors", "published tenant acme -> " + topic + "-0@");
    List<ConsumerRecord<String, TenantConfig>> records = readAll(topic, 6);
    assertThat(records).extracting(ConsumerRecord::key)
        .containsExactlyInAnyOrder("acme", "globex", "hoogland", "hooli", "initech", "umbrella");
    for (ConsumerRecord<String, TenantConfig> record : records) {
      assertThat(record.value().getTenantId()).isEqualTo(record.key());
      assertThat(record.value().getUpdatedAt()).isNotNull();
    }
    TenantConfig acme = records.stream().filter(r -> r.key().equals("acme")).findFirst().orElseThrow().value();
    assertThat(acme.getDefaultLocale()).isEqualTo("fr");
    assertThat(acme.getRoutes()).hasSize(3);

    CliRun deleted = apply(topic, "--delete", "umbrella");

    assertThat(deleted.code()).as(deleted.err()).isZero();
    assertThat(deleted.out()).contains("deleted tenant umbrella -> " + topic + "-0@6");
    ConsumerRecord<String, TenantConfig> tombstone = readAll(topic, 7).get(6);
    assertThat(tombstone.key()).isEqualTo("umbrella");
    assertThat(tombstone.value()).isNull();
  }

  @Test
  void invalidFilesPublishNothing() throws Exception {
    String topic = newTopic();
    Path bad = Files.createTempFile(Path.of("target"), "bad", ".yaml");
    Files.writeString(bad, "tenantId: bad-one\ntier: GOLD\n");

    CliRun run = apply(topic, "../examples/tenants", bad.toString());

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("tier: unknown tier 'GOLD'", "nothing published");
    try (var admin = org.apache.kafka.clients.admin.Admin.create(KAFKA.clientConfig())) {
      long end = admin.listOffsets(Map.of(new TopicPartition(topic, 0), org.apache.kafka.clients.admin.OffsetSpec.latest()))
          .all().get().get(new TopicPartition(topic, 0)).offset();
      assertThat(end).isZero();
    }
  }

  @Test
  void aTenantsOwnBundleAndItsTargetLocalesArePublishedInItsRecord() {
    String topic = newTopic();

    CliRun run = apply(topic, "../examples/tenants/hoogland.yaml");

    assertThat(run.code()).as(run.err()).isZero();
    TenantConfig published = readAll(topic, 1).get(0).value();
    assertThat(DeliveryProfiles.of(published).getMessageBundles().get("nl"))
        .containsEntry("alert.duplicates", "{count, plural, one {# duplicaat onderdrukt} other {# duplicaten onderdrukt}}")
        .as("a translation of every message Klaxon has").containsOnlyKeys(BuiltInBundles.english().keySet());
    assertThat(published.getDefaultLocale()).isEqualTo("nl");
    assertThat(published.getTargets()).filteredOn(t -> "en".equals(t.getLocale())).extracting(t -> t.getId())
        .containsExactly("board-email");
  }

  @Test
  void aWriterPinnedToVersionOneRefusesBundlesAndTargetLocalesNamingTheField() throws Exception {
    String topic = newTopic();
    Path dir = Files.createTempDirectory("pinned");
    Path localeOnly = Files.writeString(dir.resolve("lingo.yaml"), "tenantId: lingo\ntier: TRIAL\ntargets:\n"
        + "  - id: mail\n    locale: ja\n    email: {to: [ops@lingo.example]}\n");
    Path bundlesOnly = Files.writeString(dir.resolve("parle.yaml"), "tenantId: parle\ntier: TRIAL\nmessageBundles:\n"
        + "  fr: {alert.repeat: \"Toujours là\"}\n");

    CliRun bundles = apply(topic, "--schema-version", "1", bundlesOnly.toString());
    CliRun locale = apply(topic, "--schema-version", "1", localeOnly.toString());

    assertThat(bundles.code()).isEqualTo(1);
    assertThat(bundles.err()).contains("tenant parle", "field 'delivery' is set", "the tenant file sets messageBundles",
        "nothing published");
    assertThat(locale.code()).isEqualTo(1);
    assertThat(locale.err()).contains("tenant lingo", "field 'targets[0].locale' is set").doesNotContain("messageBundles");
  }

  @Test
  void publishesWithAReleasedSchemaVersion() throws Exception {
    // Conversion to an older version and refusal of fields it lacks are covered by PinnedSchemaSerializerTest.
    String topic = newTopic();
    Path v1Only = Files.writeString(Files.createTempDirectory("released").resolve("acme.yaml"), "tenantId: acme\ntier: STANDARD\ntargets:\n"
        + "  - id: mail\n    email: {to: [ops@acme.example]}\n"
        + "  - id: hook\n    webhook: {url: \"http://127.0.0.1:8092/hooks/acme\", secretRef: \"env:ACME_WEBHOOK_SECRET\"}\n");

    CliRun run = apply(topic, "--schema-version", "v1", v1Only.toString());

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(readAll(topic, 1).get(0).value().getTenantId()).isEqualTo("acme");
  }

  @Test
  void anUnknownSchemaVersionIsAUsageErrorNamingTheVersionsThereAre() {
    String topic = newTopic();

    CliRun run = apply(topic, "--schema-version", "9", "../examples/tenants/acme.yaml");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--schema-version: '9' is not a schema version of TenantConfig: expected latest or a released version [1");
  }

  @Test
  void unreachableSchemaRegistryFailsWithExitOne() {
    String topic = newTopic();

    CliRun run = CliRun.of("tenants", "apply", "--bootstrap-servers", KAFKA.bootstrapServers(),
        "--schema-registry-url", "http://127.0.0.1:1", "--topic", topic, "../examples/tenants/acme.yaml");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).startsWith("klaxon: ");
  }

  private static CliRun log(String topic, String... more) {
    List<String> args = new ArrayList<>(List.of("tenants", "log", "--bootstrap-servers", KAFKA.bootstrapServers(),
        "--schema-registry-url", KAFKA.registryUrl(), "--topic", changes(topic)));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void recordsWhoChangedWhatOnlyWhenSomethingChangedAndLogShowsIt() throws Exception {
    String topic = newTopic();
    Path dir = Files.createTempDirectory(Path.of("target"), "changes");
    String original = Files.readString(Path.of("../examples/tenants/globex.yaml"));
    Path globex = Files.writeString(dir.resolve("globex.yaml"), original);

    CliRun created = apply(topic, "--author", "jane", globex.toString());
    CliRun unchanged = apply(topic, "--author", "jane", globex.toString());
    Files.writeString(globex, original.replace("hash: sha256:264096b1", "hash: sha256:364096b1") + "enabled: false\n");
    CliRun disabled = apply(topic, "--author", "joe", globex.toString());
    CliRun deleted = apply(topic, "--author", "joe", "--delete", "globex");

    assertThat(created.code()).as(created.err()).isZero();
    assertThat(created.out()).contains("recorded change of tenant globex (CREATED, ");
    assertThat(unchanged.code()).as(unchanged.err()).isZero();
    assertThat(unchanged.out()).contains("published tenant globex -> " + topic + "-0@1 (unchanged)")
        .doesNotContain("recorded change");
    assertThat(disabled.out()).contains("recorded change of tenant globex (DISABLED, 2 setting(s)) -> " + changes(topic) + "-0@1");
    assertThat(deleted.out()).contains("recorded change of tenant globex (DELETED, ");

    CliRun text = log(topic, "globex");
    assertThat(text.code()).as(text.err()).isZero();
    assertThat(text.out()).contains("  CREATED  globex  by jane", "  DISABLED  globex  by joe",
        "  enabled: true -> false", "  apiKeys[local-demo].hash: hidden -> changed", "  DELETED  globex  by joe")
        .doesNotContain("264096b1", "364096b1");
    assertThat(text.out().indexOf("CREATED")).isLessThan(text.out().indexOf("DISABLED"));

    CliRun json = log(topic, "globex", "--since", "1h", "--json");
    assertThat(json.out().lines().toList()).hasSize(3).element(1).asString()
        .contains("\"action\":\"DISABLED\"", "\"author\":\"joe\"", "{\"path\":\"enabled\",\"before\":\"true\",\"after\":\"false\"}");
    assertThat(log(topic, "acme").out()).isEmpty();
    CliRun badSince = log(topic, "globex", "--since", "yesterday");
    assertThat(badSince.code()).isEqualTo(2);
    assertThat(badSince.err()).contains("--since", "'yesterday' is not a duration");
  }

  @Test
  void withAMasterKeyEachTenantGetsADataKeyThatLaterAppliesKeepRotateAndRewrap() throws Exception {
    String topic = newTopic();
    String first = MasterKey.generate();
    String second = MasterKey.generate();
    String globex = "../examples/tenants/globex.yaml";
    Map<String, String> withFirst = Map.of("KLAXON_MASTER_KEY_REF", "env:MK1", "MK1", first);

    CliRun created = applyWith(withFirst, topic, "--author", "jane", globex);
    CliRun again = applyWith(withFirst, topic, globex);
    CliRun withoutKey = applyWith(Map.of(), topic, globex);
    CliRun rotated = applyWith(withFirst, topic, "--author", "jane", "--rotate-data-keys", globex);
    CliRun rewrapped = applyWith(Map.of("KLAXON_MASTER_KEY_REF", "env:MK2", "MK2", second,
        "KLAXON_PREVIOUS_MASTER_KEY_REF", "env:MK1", "MK1", first), topic, "--author", "ops", globex);
    CliRun lostKey = applyWith(Map.of("KLAXON_MASTER_KEY_REF", "env:MK3", "MK3", MasterKey.generate()), topic, globex);
    CliRun unreadable = applyWith(Map.of("KLAXON_MASTER_KEY_REF", "file:/nonexistent/master.key"), topic, globex);

    assertThat(created.code()).as(created.err()).isZero();
    assertThat(created.out()).containsPattern("tenant globex: created data key [0-9a-f]{16}");
    assertThat(again.out()).contains("(unchanged)").doesNotContain("data key");
    assertThat(withoutKey.out()).contains("(unchanged)").contains("kept its 1 data key(s) as they are (no master key here");
    assertThat(rotated.out()).contains("tenant globex: rotated: new data key ");
    assertThat(rewrapped.code()).as(rewrapped.err()).isZero();
    assertThat(rewrapped.out()).contains("re-wrapped 2 data key(s) under master key " + MasterKey.parse("t", second).id());
    assertThat(lostKey.code()).isEqualTo(1);
    assertThat(lostKey.err()).contains("nothing published").contains("which is not configured");
    assertThat(unreadable.code()).isEqualTo(1);
    assertThat(unreadable.err()).contains("KLAXON_MASTER_KEY_REF: secret file:/nonexistent/master.key cannot be read");

    // created, again, without the key, rotated, re-wrapped: five records; the two failed applies published nothing.
    List<ConsumerRecord<String, TenantConfig>> records = readAll(topic, 5);
    assertThat(records).as("records").hasSize(5);
    TenantConfig last = records.get(4).value();
    assertThat(last.getDataKeys()).hasSize(2).allSatisfy(k ->
        assertThat(k.getMasterKeyId()).isEqualTo(MasterKey.parse("t", second).id()));
    assertThat(last.getDataKeys()).extracting(k -> k.getKeyId())
        .containsExactlyElementsOf(records.get(3).value().getDataKeys().stream().map(k -> k.getKeyId()).toList());
    MasterKeys afterRotation = MasterKeys.of(MasterKey.parse("t", second));
    assertThat(last.getDataKeys()).allSatisfy(k -> assertThat(afterRotation.unwrap("globex", k).getEncoded()).hasSize(32));

    CliRun text = log(topic, "globex");
    assertThat(text.out()).containsPattern("dataKeys\\[[0-9a-f]{16}\\]: \\(none\\) -> created 20[0-9-]+T[0-9:.]+Z, wrapped by master key "
        + MasterKey.parse("t", first).id())
        .contains("wrapped by master key " + MasterKey.parse("t", first).id() + " -> created")
        .doesNotContain(first).doesNotContain(second);
  }

  @Test
  void retainRotatesADueKeyAndDestroysTheKeysPastTheTenantsRetention() throws Exception {
    String topic = newTopic();
    String masterKey = MasterKey.generate();
    MasterKeys masters = MasterKeys.of(MasterKey.parse("t", masterKey));
    Instant now = Instant.now();
    DataKey first = masters.newDataKey("acme", now.minus(Duration.ofHours(3)));
    DataKey second = masters.newDataKey("acme", now.minus(Duration.ofHours(2)));
    TenantConfig acme = TenantConfig.newBuilder().setTenantId("acme").setTier(Tier.STANDARD)
        .setRetentionMs(Duration.ofHours(1).toMillis()).setDataKeys(new ArrayList<>(List.of(first, second))).build();
    TenantConfig globex = TenantConfig.newBuilder().setTenantId("globex").setTier(Tier.STANDARD)
        .setDataKeys(new ArrayList<>(List.of(first))).build();
    try (KafkaProducer<String, TenantConfig> producer = new KafkaProducer<>(KAFKA.clientConfig(), new StringSerializer(),
        new SpecificAvroSerializer<>(HttpSchemaRegistryClient.builder(KAFKA.registryUrl()).build(), false, true))) {
      producer.send(new ProducerRecord<>(topic, "acme", acme)).get();
      producer.send(new ProducerRecord<>(topic, "globex", globex)).get();
    }
    Map<String, String> env = Map.of("TENANTS_TOPIC", topic, "TENANT_CHANGES_TOPIC", changes(topic),
        "KLAXON_MASTER_KEY_REF", "env:MK", "MK", masterKey, "KLAXON_AUTHOR", "retention-job");
    String[] retain = {"tenants", "retain", "--bootstrap-servers", KAFKA.bootstrapServers(), "--schema-registry-url",
        KAFKA.registryUrl()};

    CliRun run = CliRun.withEnv(env, retain);
    CliRun again = CliRun.withEnv(env, retain);
    CliRun withoutKey = CliRun.withEnv(Map.of("TENANTS_TOPIC", topic), retain);

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("tenant acme: rotated: new data key", "(the last one is older than 1h)",
        "retention 1h: destroyed data key(s) " + first.getKeyId(), "1 tenant(s) with a retention; 1 changed");
    assertThat(again.out()).contains("1 tenant(s) with a retention; 0 changed");
    assertThat(withoutKey.code()).isEqualTo(1);
    assertThat(withoutKey.err()).contains("needs the master key (KLAXON_MASTER_KEY_REF)");
    TenantConfig retained = readAll(topic, 3).get(2).value();
    assertThat(retained.getTenantId()).isEqualTo("acme");
    assertThat(retained.getDataKeys()).hasSize(2).first().isEqualTo(second);
    assertThat(log(topic, "acme").out()).contains("by retention-job", "dataKeys[" + first.getKeyId() + "]: created");
  }

  @Test
  void retainEveryKeepsPassingUntilStopped() throws Exception {
    String topic = newTopic();
    String masterKey = MasterKey.generate();
    MasterKeys masters = MasterKeys.of(MasterKey.parse("t", masterKey));
    DataKey old = masters.newDataKey("acme", Instant.now().minus(Duration.ofHours(2)));
    TenantConfig acme = TenantConfig.newBuilder().setTenantId("acme").setTier(Tier.STANDARD)
        .setRetentionMs(Duration.ofHours(1).toMillis()).setDataKeys(new ArrayList<>(List.of(old))).build();
    try (KafkaProducer<String, TenantConfig> producer = new KafkaProducer<>(KAFKA.clientConfig(), new StringSerializer(),
        new SpecificAvroSerializer<>(HttpSchemaRegistryClient.builder(KAFKA.registryUrl()).build(), false, true))) {
      producer.send(new ProducerRecord<>(topic, "acme", acme)).get();
    }
    Map<String, String> env = Map.of("TENANTS_TOPIC", topic, "TENANT_CHANGES_TOPIC", changes(topic),
        "KLAXON_MASTER_KEY_REF", "env:MK", "MK", masterKey);
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    java.util.concurrent.atomic.AtomicInteger code = new java.util.concurrent.atomic.AtomicInteger(-1);
    Thread job = Thread.ofPlatform().start(() -> code.set(KlaxonCli.run(new String[] {"tenants", "retain", "--every", "1m",
        "--bootstrap-servers", KAFKA.bootstrapServers(), "--schema-registry-url", KAFKA.registryUrl()},
        new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true), io.klaxon.ops.Env.of(env))));

    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> out.toString().contains("next pass in"));
    job.interrupt();
    job.join(Duration.ofSeconds(10));

    assertThat(job.isAlive()).as("the loop ends when interrupted").isFalse();
    assertThat(out.toString()).as(err.toString())
        .containsPattern("20[0-9-]+T[0-9:]+Z  tenant acme: rotated: new data key")
        .containsPattern("20[0-9-]+T[0-9:]+Z  1 tenant\\(s\\) with a retention; 1 changed")
        .contains("next pass in 1m");
    assertThat(readAll(topic, 2).get(1).value().getDataKeys()).hasSize(2);
  }

  private static CliRun applyWith(Map<String, String> env, String topic, String... more) {
    List<String> args = new ArrayList<>(List.of("tenants", "apply", "--bootstrap-servers", KAFKA.bootstrapServers(),
        "--schema-registry-url", KAFKA.registryUrl(), "--topic", topic, "--changes-topic", changes(topic)));
    args.addAll(List.of(more));
    return CliRun.withEnv(env, args.toArray(String[]::new));
  }
}
