package io.klaxon.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.klaxon.cli.KlaxonCli;
import io.klaxon.cli.tenants.erase.LiveKeys;
import io.klaxon.embedded.TopicSpec;
import io.klaxon.embedded.junit.BrokerAndRegistryExtension;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertKind;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.Channel;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.DeadLetter;
import io.klaxon.events.DeadLetterReason;
import io.klaxon.events.DeliveryReceipt;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.Severity;
import io.klaxon.events.SlackTarget;
import io.klaxon.events.SlackThread;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.events.WebhookTarget;
import io.klaxon.notifier.app.NotifierApp;
import io.klaxon.notifier.app.NotifierConfig;
import io.klaxon.ops.Env;
import io.klaxon.ops.secret.SecretResolver;
import io.klaxon.privacy.MasterKey;
import io.klaxon.privacy.MasterKeys;
import io.klaxon.registry.HttpSchemaRegistryClient;
import io.klaxon.serde.SpecificAvroDeserializer;
import io.klaxon.serde.SpecificAvroSerializer;
import io.klaxon.streams.app.StreamsApp;
import io.klaxon.streams.app.StreamsSettings;
import io.klaxon.topics.SlackThreadKeys;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code klaxon tenants erase} against a running Streams app with traffic in flight: the erased
 * tenant's state and compacted keys are gone, its history shows nothing, its later events are
 * dead-lettered, and the other tenant keeps everything.
 */
class TenantEraseIT {
  @RegisterExtension
  static final BrokerAndRegistryExtension KAFKA = BrokerAndRegistryExtension.withRegistry();

  private static final String PREFIX = BrokerAndRegistryExtension.unique("erase");
  private static final String MASTER_KEY = MasterKey.generate();
  private static final MasterKeys MASTERS = MasterKeys.of(MasterKey.parse("test", MASTER_KEY));
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void erasingATenantUnderTrafficRemovesItsStateAndKeysAndLeavesTheOtherTenantAlone() throws Exception {
    KAFKA.createTopics(TopicSpec.of(PREFIX + ".alerts", 3), TopicSpec.compacted(PREFIX + ".tenants", 1),
        TopicSpec.of(PREFIX + ".dlq", 1), TopicSpec.of(PREFIX + ".notifications", 3),
        TopicSpec.compacted(PREFIX + ".silences", 1), TopicSpec.compacted(PREFIX + ".acks", 1),
        TopicSpec.of(PREFIX + ".outcomes", 3), TopicSpec.compacted(PREFIX + ".alert-states", 1),
        TopicSpec.of(PREFIX + ".tenant-changes", 1), TopicSpec.compacted(PREFIX + ".slack-messages", 1),
        TopicSpec.of(PREFIX + ".deliveries", 1), TopicSpec.of(PREFIX + ".notifications-dlq", 1));
    Map<String, String> env = env();
    try (HttpSchemaRegistryClient registry = KAFKA.registryClient()) {
      try (KafkaProducer<String, TenantConfig> producer = new KafkaProducer<>(KAFKA.clientConfig(), new StringSerializer(),
          new SpecificAvroSerializer<>(registry, false, true))) {
        for (String tenant : List.of("acme", "globex")) {
          producer.send(new ProducerRecord<>(PREFIX + ".tenants", tenant, tenant(tenant))).get();
        }
      }
      try (KafkaProducer<String, SlackThread> producer = new KafkaProducer<>(KAFKA.clientConfig(), new StringSerializer(),
          new SpecificAvroSerializer<>(registry, false, true))) {
        for (String tenant : List.of("acme", "globex")) {
          producer.send(new ProducerRecord<>(PREFIX + ".slack-messages", SlackThreadKeys.of(tenant, "pages", "fp-0"),
              SlackThread.newBuilder().setTenantId(tenant).setTargetId("pages").setFingerprint("fp-0").setChannelId("C1")
                  .setTs("1.0").setNotificationId("n-" + tenant).setPostedAt(Instant.now()).build())).get();
        }
      }
      for (String tenant : List.of("acme", "globex")) {
        assertThat(cli(env, "silence", "add", "--tenant", tenant, "--author", "joe", "team=\"web\"").code).isZero();
      }

      Map<String, String> notifierEnv = new HashMap<>(env);
      notifierEnv.put("NOTIFIER_GROUP_ID", PREFIX + "-notifier");
      notifierEnv.put("HTTP_PORT", "0");
      notifierEnv.put("RETRY_MAX_ATTEMPTS", "2");
      notifierEnv.put("WEBHOOK_CONNECT_TIMEOUT", "1s");
      notifierEnv.put("SLACK_API_URL", "http://127.0.0.1:9/api/");
      try (StreamsApp app = StreamsApp.start(StreamsSettings.from(Env.of(streamsEnv(env))), registry,
          new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
          NotifierApp notifier = NotifierApp.start(NotifierConfig.from(Env.of(notifierEnv)), registry,
              new SecretResolver(notifierEnv::get))) {
        await().atMost(Duration.ofSeconds(90)).until(() -> app.state() == KafkaStreams.State.RUNNING);
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicInteger sent = new AtomicInteger();
        ExecutorService traffic = Executors.newSingleThreadExecutor();
        Future<?> producing = traffic.submit(() -> produce(registry, sending, sent));
        await().atMost(Duration.ofSeconds(60)).until(() -> explain(app, "acme", "fp-1").contains("\"dedup\":{")
            && explain(app, "globex", "fp-1").contains("\"dedup\":{"));
        // Both tenants have a data key: what the pipeline writes about them is sealed.
        await().atMost(Duration.ofSeconds(90)).until(() -> receipts(registry).stream().map(DeliveryReceipt::getTenantId)
            .collect(Collectors.toSet()).containsAll(List.of("acme", "globex")));
        assertThat(receipts(registry)).allSatisfy(r -> {
          assertThat(r.getSealed()).as("receipt %s of %s", r.getNotificationId(), r.getTenantId()).isNotNull();
          assertThat(r.getDetail()).isNull();
        });
        assertThat(notifications(registry)).isNotEmpty().allSatisfy(n -> {
          assertThat(n.getSealed()).isNotNull();
          assertThat(n.getAlert().getTitle()).isEmpty();
          assertThat(n.getTarget().getWebhook()).isNull();
        });

        Cli erase = cli(env, "tenants", "erase", "acme", "--author", "dpo", "--wait", "90s");
        int sentDuringErasure = sent.get();
        await().atMost(Duration.ofSeconds(30)).until(() -> sent.get() > sentDuringErasure + 50);
        sending.set(false);
        producing.get();
        traffic.shutdown();

        assertThat(erase.code).as(erase.out + erase.err).isZero();
        assertThat(erase.out).contains("1/4 replaced tenant acme with an erasure marker")
            .contains("2/4 all 3 Streams tasks erased the tenant's state")
            .contains("4/4 recorded the erasure receipt")
            .contains("ERASED  acme  by dpo")
            .contains("tombstones: " + PREFIX + ".silences 1")
            .contains("tombstones: " + PREFIX + ".slack-messages 1")
            .containsPattern("state deleted: dedup-store [1-9]")
            .contains("state deleted: tenants topic: data keys destroyed 1");

        // The state is gone from the Streams app, the other tenant's is there.
        assertThat(explain(app, "acme", "fp-1")).contains("\"bucket\":null").contains("\"dedup\":null");
        assertThat(explain(app, "globex", "fp-1")).contains("\"bucket\":{").contains("\"dedup\":{");
        // The compacted topics hold none of its keys; the other tenant's are there.
        for (String topic : List.of(".silences", ".slack-messages", ".alert-states")) {
          assertThat(LiveKeys.read(KAFKA.clientConfig(), PREFIX + topic, "acme/")).as(topic).isEmpty();
          assertThat(LiveKeys.read(KAFKA.clientConfig(), PREFIX + topic, "globex/")).as(topic).isNotEmpty();
        }
        // What was sent after the marker is dead-lettered, naming the erasure; the other tenant still routes.
        List<DeadLetter> letters = deadLetters(registry);
        assertThat(letters).isNotEmpty().allSatisfy(letter -> {
          assertThat(letter.getTenantId()).isEqualTo("acme");
          assertThat(letter.getReason()).isEqualTo(DeadLetterReason.TENANT_DISABLED);
          assertThat(letter.getDetail()).contains("was erased at");
        });

        Cli history = cli(env, "history", "--tenant", "acme", "--since", "1h");
        assertThat(history.code).isZero();
        assertThat(history.err).contains("tenant acme was erased (the erasure ended at");
        assertThat(history.out).as("only what came after the erasure: its dead letters")
            .contains("DEAD_LETTERED  reason TENANT_DISABLED").doesNotContain("ROUTED").doesNotContain("DEDUPLICATED");
        assertThat(history.err).as("its old receipts and notifications were sealed with the key the erasure destroyed")
            .containsPattern("[1-9][0-9]* delivery receipts?, [1-9][0-9]* notifications? of tenant acme read as erased");
        Cli globex = cli(env, "history", "--tenant", "globex", "--since", "1h");
        assertThat(globex.out).containsPattern("(?m)^[1-9][0-9]* alert\\(s\\) of tenant globex")
            .as("the other tenant's records open with its key").contains("\"Replica lag\"");
        assertThat(globex.err).doesNotContain("read as erased");
        Map<String, String> noMasterKey = new HashMap<>(env);
        noMasterKey.remove("KLAXON_MASTER_KEY_REF");
        Cli withoutKey = cli(noMasterKey, "history", "--tenant", "globex", "--since", "1h");
        assertThat(withoutKey.out).doesNotContain("Replica lag");
        assertThat(withoutKey.err).contains("are shown without their personal fields").contains("KLAXON_MASTER_KEY_REF");

        Cli again = cli(env, "tenants", "erase", "acme");
        assertThat(again.code).isZero();
        assertThat(again.out).contains("is complete; its receipt:");
        assertThat(cli(env, "tenants", "log", "acme").out).contains("ERASED  acme  by dpo").contains("reported by task:");
        Cli unknown = cli(env, "tenants", "erase", "nobody");
        assertThat(unknown.code).isEqualTo(1);
        assertThat(unknown.err).contains("no tenant 'nobody' on " + PREFIX + ".tenants");
      }
    }
  }

  private static TenantConfig tenant(String id) {
    return TenantConfig.newBuilder().setTenantId(id).setTier(Tier.ENTERPRISE).setTargets(List.of(
            new ChannelTarget("pages", Channel.SLACK, new SlackTarget("#" + id, null, null), null, null, null, null),
            new ChannelTarget("hook", Channel.WEBHOOK, null, null,
                new WebhookTarget("https://hooks." + id + ".example/in", "env:SECRET"), null, null)))
        .setDataKeys(new ArrayList<>(List.of(MASTERS.newDataKey(id, Instant.now()))))
        .build();
  }

  /** Alerts of both tenants, about 200 a second, fingerprints fp-1 ... fp-50 over and over, until told to stop. */
  @SuppressWarnings("FutureReturnValueIgnored") // flush() sends them all; the test checks what arrived, not each send.
  private static Void produce(HttpSchemaRegistryClient registry, AtomicBoolean sending, AtomicInteger sent) throws Exception {
    try (KafkaProducer<String, AlertEvent> producer = new KafkaProducer<>(KAFKA.clientConfig(), new StringSerializer(),
        new SpecificAvroSerializer<>(registry, false, true))) {
      int i = 0;
      while (sending.get()) {
        for (String tenant : List.of("acme", "globex")) {
          producer.send(new ProducerRecord<>(PREFIX + ".alerts", tenant, AlertEvent.newBuilder()
              .setEventId(UUID.randomUUID().toString()).setTenantId(tenant).setKind(AlertKind.ALERT)
              .setStatus(AlertStatus.FIRING).setSeverity(Severity.HIGH).setSource("db").setTitle("Replica lag")
              .setMessage("m").setFingerprint("fp-" + (1 + i % 50)).setOccurredAt(Instant.now()).build()));
        }
        i++;
        sent.incrementAndGet();
        Thread.sleep(10);
      }
      producer.flush();
    }
    return null;
  }

  private List<DeliveryReceipt> receipts(HttpSchemaRegistryClient registry) {
    return readAll(registry, PREFIX + ".deliveries", DeliveryReceipt.class, Duration.ofSeconds(1));
  }

  private List<NotificationRequest> notifications(HttpSchemaRegistryClient registry) {
    return readAll(registry, PREFIX + ".notifications", NotificationRequest.class, Duration.ofSeconds(1));
  }

  /** Every committed record of {@code topic}, read until it stays quiet for {@code quiet}. */
  private static <V extends org.apache.avro.specific.SpecificRecord> List<V> readAll(HttpSchemaRegistryClient registry,
      String topic, Class<V> type, Duration quiet) {
    Map<String, Object> props = new HashMap<>(KAFKA.clientConfig());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<V> values = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
        new SpecificAvroDeserializer<>(registry, type, true))) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long quietUntil = System.nanoTime() + quiet.toNanos();
      while (System.nanoTime() < quietUntil) {
        for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
          quietUntil = System.nanoTime() + quiet.toNanos();
        }
      }
    }
    return values;
  }

  private List<DeadLetter> deadLetters(HttpSchemaRegistryClient registry) {
    Map<String, Object> props = new HashMap<>(KAFKA.clientConfig());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, PREFIX + "-dlq-reader");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<DeadLetter> letters = new ArrayList<>();
    try (KafkaConsumer<String, DeadLetter> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
        new SpecificAvroDeserializer<>(registry, DeadLetter.class, true))) {
      consumer.subscribe(List.of(PREFIX + ".dlq"));
      long quietUntil = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (System.nanoTime() < quietUntil) {
        for (ConsumerRecord<String, DeadLetter> record : consumer.poll(Duration.ofMillis(500))) {
          letters.add(record.value());
          quietUntil = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        }
      }
    }
    return letters;
  }

  private String explain(StreamsApp app, String tenant, String fingerprint) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
        URI.create(app.opsUrl() + "/tenants/" + tenant + "/fingerprints/" + fingerprint)).build(), HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + response.body();
  }

  private record Cli(int code, String out, String err) {}

  private static Cli cli(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = KlaxonCli.run(args, new PrintWriter(out), new PrintWriter(err), Env.of(env));
    return new Cli(code, out.toString(), err.toString());
  }

  private static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers());
    env.put("SCHEMA_REGISTRY_URL", KAFKA.registryUrl());
    env.put("ALERTS_TOPIC", PREFIX + ".alerts");
    env.put("TENANTS_TOPIC", PREFIX + ".tenants");
    env.put("ALERTS_DLQ_TOPIC", PREFIX + ".dlq");
    env.put("OUTCOMES_TOPIC", PREFIX + ".outcomes");
    env.put("ALERT_STATES_TOPIC", PREFIX + ".alert-states");
    env.put("NOTIFICATIONS_TOPIC", PREFIX + ".notifications");
    env.put("SILENCES_TOPIC", PREFIX + ".silences");
    env.put("ACKS_TOPIC", PREFIX + ".acks");
    env.put("TENANT_CHANGES_TOPIC", PREFIX + ".tenant-changes");
    env.put("SLACK_MESSAGES_TOPIC", PREFIX + ".slack-messages");
    env.put("DELIVERIES_TOPIC", PREFIX + ".deliveries");
    env.put("NOTIFICATIONS_DLQ_TOPIC", PREFIX + ".notifications-dlq");
    env.put("KLAXON_MASTER_KEY_REF", "env:KLAXON_IT_MASTER_KEY");
    env.put("KLAXON_IT_MASTER_KEY", MASTER_KEY);
    return env;
  }

  private static Map<String, String> streamsEnv(Map<String, String> cluster) {
    Map<String, String> env = new HashMap<>(cluster);
    env.put("APPLICATION_ID", PREFIX + "-app");
    env.put("STATE_DIR", "target/erase-it/" + PREFIX);
    env.put("HTTP_PORT", "0");
    env.put("COMMIT_INTERVAL_MS", "100");
    return env;
  }
}
