package io.klaxon.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.klaxon.embedded.TopicSpec;
import io.klaxon.embedded.junit.BrokerAndRegistryExtension;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertState;
import io.klaxon.events.AlertStateStatus;
import io.klaxon.events.AlertKind;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.Channel;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.DeadLetter;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.Severity;
import io.klaxon.events.SlackTarget;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.ops.Env;
import io.klaxon.registry.CompatibilityLevel;
import io.klaxon.registry.HttpSchemaRegistryClient;
import io.klaxon.registry.SchemaRegistryException;
import io.klaxon.serde.SpecificAvroDeserializer;
import io.klaxon.serde.SpecificAvroSerializer;
import io.klaxon.streams.FlakySchemaRegistry;
import io.klaxon.streams.Outcome;
import io.klaxon.traffic.GeneratedRecord;
import io.klaxon.traffic.TenantProfile;
import io.klaxon.traffic.TrafficGenerator;
import io.klaxon.traffic.TrafficMix;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Streams app on a real broker with exactly-once processing. */
class StreamsAppIT {
  @RegisterExtension
  static final BrokerAndRegistryExtension KAFKA = BrokerAndRegistryExtension.withRegistry();

  /** State directories of this run only: a broker is new every run, and state kept from an earlier one would not match it. */
  private static final String STATE_ROOT = "target/streams-it/" + UUID.randomUUID() + "/";

  private static HttpSchemaRegistryClient registry;

  @BeforeAll
  static void connect() {
    registry = KAFKA.registryClient();
  }

  @AfterAll
  static void disconnect() {
    registry.close();
  }

  private static Map<String, String> env(String prefix) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers());
    env.put("SCHEMA_REGISTRY_URL", KAFKA.registryUrl());
    env.put("APPLICATION_ID", prefix + "-app");
    env.put("STATE_DIR", STATE_ROOT + prefix);
    env.put("HTTP_PORT", "0");
    env.put("ALERTS_TOPIC", prefix + ".alerts");
    env.put("TENANTS_TOPIC", prefix + ".tenants");
    env.put("ALERTS_DLQ_TOPIC", prefix + ".dlq");
    env.put("NOTIFICATIONS_TOPIC", prefix + ".notifications");
    env.put("SILENCES_TOPIC", prefix + ".silences");
    env.put("ACKS_TOPIC", prefix + ".acks");
    env.put("OUTCOMES_TOPIC", prefix + ".outcomes");
    env.put("ALERT_STATES_TOPIC", prefix + ".alert-states");
    env.put("COMMIT_INTERVAL_MS", "100");
    return env;
  }

  private static void createTopics(String prefix) {
    KAFKA.createTopics(TopicSpec.of(prefix + ".alerts", 3), TopicSpec.compacted(prefix + ".tenants", 1),
        TopicSpec.of(prefix + ".dlq", 1), TopicSpec.of(prefix + ".notifications", 3),
        TopicSpec.compacted(prefix + ".silences", 1), TopicSpec.compacted(prefix + ".acks", 1),
        TopicSpec.of(prefix + ".outcomes", 3), TopicSpec.compacted(prefix + ".alert-states", 1));
  }

  /** The topics of {@code prefix}, with {@code tenants} published. */
  private static void createTopicsWithTenants(String prefix, TenantConfig... tenants) throws Exception {
    createTopics(prefix);
    try (KafkaProducer<String, TenantConfig> producer = tenantProducer()) {
      for (TenantConfig tenant : tenants) {
        producer.send(new ProducerRecord<>(prefix + ".tenants", tenant.getTenantId(), tenant)).get();
      }
    }
  }

  private static TenantConfig tenant(String id, Tier tier) {
    return TenantConfig.newBuilder().setTenantId(id).setTier(tier)
        .setTargets(List.of(new ChannelTarget("slack", Channel.SLACK, new SlackTarget("#" + id, null, null), null, null, null, null)))
        .build();
  }

  private static KafkaProducer<String, TenantConfig> tenantProducer() {
    return new KafkaProducer<>(KAFKA.clientConfig(), new StringSerializer(), new SpecificAvroSerializer<>(registry, false, true));
  }

  private static KafkaProducer<byte[], byte[]> rawProducer() {
    Map<String, Object> config = KAFKA.clientConfig();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static StreamsApp app(String prefix, PrometheusMeterRegistry meters) throws Exception {
    StreamsApp app = StreamsApp.start(StreamsSettings.from(Env.of(env(prefix))), registry, meters);
    await().atMost(Duration.ofSeconds(60)).until(() -> app.state() == KafkaStreams.State.RUNNING);
    return app;
  }

  private static double outcome(PrometheusMeterRegistry meters, Outcome outcome) {
    return meters.find("klaxon.streams.outcomes").tag("outcome", outcome.tag()).counters().stream()
        .mapToDouble(c -> c.count()).sum();
  }

  private static <V> List<V> readAll(String topic, org.apache.kafka.common.serialization.Deserializer<V> values, int expected) {
    Map<String, Object> config = KAFKA.clientConfig();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<V> out = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline && out.size() < expected) {
        consumer.poll(Duration.ofMillis(300)).forEach(r -> out.add(r.value()));
      }
      // one more poll to catch anything beyond the expectation
      consumer.poll(Duration.ofMillis(500)).forEach(r -> out.add(r.value()));
    }
    return out;
  }

  @SuppressWarnings("FutureReturnValueIgnored") // Flush() sends them all; a lost one fails the outcome accounting.
  @Test
  void everyInputEndsExactlyOnceOnTheRealPath() throws Exception {
    String prefix = BrokerAndRegistryExtension.unique("accounting");
    createTopics(prefix);
    try (KafkaProducer<String, TenantConfig> tenants = tenantProducer()) {
      tenants.send(new ProducerRecord<>(prefix + ".tenants", "acme", tenant("acme", Tier.ENTERPRISE))).get();
      tenants.send(new ProducerRecord<>(prefix + ".tenants", "tiny", tenant("tiny", Tier.TRIAL))).get();
    }
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    int inputs = 1_500;
    try (StreamsApp app = app(prefix, meters); KafkaProducer<byte[], byte[]> producer = rawProducer()) {
      SpecificAvroSerializer<AlertEvent> serializer = new SpecificAvroSerializer<>(registry, false, true);
      TrafficMix mix = TrafficMix.typical(List.of(new TenantProfile("acme", Tier.ENTERPRISE, List.of("fr"), 2),
          new TenantProfile("tiny", Tier.TRIAL, List.of(), 1))).withPoison(0.05).withStorm("tiny", 0.3);
      TrafficGenerator generator = new TrafficGenerator(5, mix, e -> serializer.serialize(prefix + ".alerts", e));
      long now = System.currentTimeMillis();
      for (int i = 0; i < inputs; i++) {
        GeneratedRecord record = generator.next(now);
        producer.send(new ProducerRecord<>(prefix + ".alerts", null, now, record.key().getBytes(StandardCharsets.UTF_8), record.value()));
      }
      producer.flush();

      await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(
          outcome(meters, Outcome.ROUTED) + outcome(meters, Outcome.DEDUPLICATED) + outcome(meters, Outcome.RATE_LIMITED)
              + outcome(meters, Outcome.DEAD_LETTERED)).isEqualTo(inputs + outcome(meters, Outcome.REKEYED)));

      double notifications = meters.find("klaxon.streams.notifications").counters().stream().mapToDouble(c -> c.count()).sum();
      List<NotificationRequest> routed = readAll(prefix + ".notifications",
          new SpecificAvroDeserializer<>(registry, NotificationRequest.class), (int) notifications);
      List<DeadLetter> deadLetters = readAll(prefix + ".dlq",
          new SpecificAvroDeserializer<>(registry, DeadLetter.class), (int) outcome(meters, Outcome.DEAD_LETTERED));
      assertThat(routed.stream().filter(n -> n.getAlert() != null)).hasSize((int) notifications);
      assertThat(routed.stream().map(NotificationRequest::getNotificationId).distinct()).hasSize(routed.size());
      assertThat(deadLetters).hasSize((int) outcome(meters, Outcome.DEAD_LETTERED));
      assertThat(outcome(meters, Outcome.RATE_LIMITED)).isPositive();
      assertThat(outcome(meters, Outcome.DEDUPLICATED)).isPositive();
      assertThat(meters.scrape()).contains("klaxon_streams_outcomes_total").contains("klaxon_streams_routing_latency_seconds_bucket");

      // The audit, read committed: one outcome per input record (rekeyed copies are inputs too), agreeing with the counters.
      int records = (int) (inputs + outcome(meters, Outcome.REKEYED));
      List<io.klaxon.events.Outcome> audit = readAll(prefix + ".outcomes",
          new SpecificAvroDeserializer<>(registry, io.klaxon.events.Outcome.class), records);
      assertThat(audit).hasSize(records);
      assertThat(audit.stream().map(o -> o.getSourcePartition() + "@" + o.getSourceOffset()).distinct()).hasSize(records);
      for (Outcome outcome : Outcome.values()) {
        assertThat(audit.stream().filter(o -> o.getOutcome().name().equals(outcome.name())).count()).as(outcome.tag())
            .isEqualTo((long) outcome(meters, outcome));
      }
      assertThat(audit.stream().flatMap(o -> o.getNotificationIds().stream()))
          .containsExactlyInAnyOrderElementsOf(routed.stream().filter(n -> n.getAlert() != null)
              .map(NotificationRequest::getNotificationId).toList());

      // The alert states, read committed: written only when an alert's state changes, so at most
      // one record per alert that passed deduplication (no silences here: each was routed).
      List<AlertState> states = readAll(prefix + ".alert-states", new SpecificAvroDeserializer<>(registry, AlertState.class),
          1).stream().filter(java.util.Objects::nonNull).toList();
      assertThat(states).isNotEmpty().allSatisfy(state -> {
        assertThat(state.getTenantId()).isIn("acme", "tiny");
        assertThat(state.getStatus()).isEqualTo(AlertStateStatus.FIRING);
      });
      assertThat((double) states.size()).isLessThanOrEqualTo(outcome(meters, Outcome.ROUTED));
    }
  }

  @Test
  void aRestartKeepsRateLimitAndDedupState() throws Exception {
    String prefix = BrokerAndRegistryExtension.unique("restart");
    createTopics(prefix);
    try (KafkaProducer<String, TenantConfig> tenants = tenantProducer()) {
      tenants.send(new ProducerRecord<>(prefix + ".tenants", "tiny", tenant("tiny", Tier.TRIAL))).get();
    }
    SpecificAvroSerializer<AlertEvent> serializer = new SpecificAvroSerializer<>(registry, false, true);
    long t0 = System.currentTimeMillis();
    PrometheusMeterRegistry before = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (StreamsApp app = app(prefix, before); KafkaProducer<byte[], byte[]> producer = rawProducer()) {
      for (int i = 0; i < 20; i++) { // exactly the TRIAL burst
        send(producer, serializer, prefix, alert("distinct " + i, t0), t0);
      }
      producer.flush();
      await().atMost(Duration.ofSeconds(60)).until(() -> outcome(before, Outcome.ROUTED) == 20);
    }
    PrometheusMeterRegistry after = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (StreamsApp app = app(prefix, after); KafkaProducer<byte[], byte[]> producer = rawProducer()) {
      // Same record time: no refill, so the bucket restored from its changelog is still empty.
      send(producer, serializer, prefix, alert("one more", t0), t0);
      producer.flush();
      await().atMost(Duration.ofSeconds(60)).until(() -> outcome(after, Outcome.RATE_LIMITED) == 1);
      // A minute later the bucket has refilled, and a repeat of an alert routed before the restart is a duplicate.
      send(producer, serializer, prefix, alert("distinct 3", t0 + 60_000), t0 + 60_000);
      producer.flush();
      await().atMost(Duration.ofSeconds(60)).until(() -> outcome(after, Outcome.DEDUPLICATED) == 1);
      assertThat(outcome(after, Outcome.ROUTED)).isZero();
    }
  }

  @Test
  void aColdStartDuringARegistryOutageWaitsForTheTenantsTableInsteadOfDeadLetteringAlerts() throws Exception {
    String prefix = "outage";
    createTopicsWithTenants(prefix, tenant("tiny", Tier.TRIAL));
    FlakySchemaRegistry outage = new FlakySchemaRegistry(HttpSchemaRegistryClient.builder(KAFKA.registryUrl()).build());
    outage.setReachable(false);
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Map<String, String> env = env(prefix);
    env.put("STATE_DIR", STATE_ROOT + prefix + "-cold"); // a cold start: no table on disk
    CompletableFuture<StreamsApp> starting = CompletableFuture.supplyAsync(() -> {
      try {
        return StreamsApp.start(StreamsSettings.from(Env.of(env)), outage.registry(), meters);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    SpecificAvroSerializer<AlertEvent> serializer = new SpecificAvroSerializer<>(registry, false, true);
    long now = System.currentTimeMillis();
    try (KafkaProducer<byte[], byte[]> producer = rawProducer()) {
      for (int i = 0; i < 5; i++) {
        send(producer, serializer, prefix, alert("during the outage " + i, now), now);
      }
    }
    try {
      // The tenants table is being loaded and its record needs the registry: it is asked, and asked again.
      // (A stream thread that meets the outage fails and is replaced: that is expected here.)
      await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(60)).until(() -> outage.failedLookups() >= 2);
      outage.setReachable(true);
      starting.get(60, TimeUnit.SECONDS);
      await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(60)).until(() ->
          outcome(meters, Outcome.ROUTED) + outcome(meters, Outcome.DEAD_LETTERED) == 5);
      assertThat(outcome(meters, Outcome.DEAD_LETTERED)).as("no UNKNOWN_TENANT for want of the tenants table").isZero();
    } finally {
      outage.setReachable(true);
      starting.thenAccept(StreamsApp::close).get(60, TimeUnit.SECONDS);
    }
  }

  @Test
  void atStartTheInputSubjectsHoldKlaxonsContractsAndRefuseVersionsKlaxonCannotRead() throws Exception {
    String prefix = "contracts";
    createTopics(prefix);
    try (StreamsApp app = app(prefix, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
      String alerts = prefix + ".alerts-value";
      String tenants = prefix + ".tenants-value";

      // A producer that serializes with the latest version finds one on a fresh stack.
      assertThat(registry.latest(alerts).schema()).isEqualTo(AlertEvent.getClassSchema());
      assertThat(registry.latest(tenants).schema()).isEqualTo(TenantConfig.getClassSchema());
      assertThat(registry.compatibility(alerts)).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
      assertThat(registry.compatibility(tenants)).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
      // Without the required source, Klaxon could not read what the producer writes: refused.
      assertThatThrownBy(() -> registry.register(alerts, InputContractsTest.withoutField(AlertEvent.getClassSchema(), "source")))
          .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(409));
      assertThat(registry.versions(alerts)).hasSize(1);
    }
  }

  private static AlertEvent alert(String title, long occurredAt) {
    return AlertEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTenantId("tiny")
        .setKind(AlertKind.ALERT).setStatus(AlertStatus.FIRING).setSeverity(Severity.HIGH).setSource("svc")
        .setTitle(title).setMessage("m").setLabels(Map.of()).setOccurredAt(Instant.ofEpochMilli(occurredAt)).build();
  }

  @SuppressWarnings("FutureReturnValueIgnored") // The caller flushes; a lost record fails the outcome accounting.
  private static void send(KafkaProducer<byte[], byte[]> producer, SpecificAvroSerializer<AlertEvent> serializer,
      String prefix, AlertEvent event, long timestamp) {
    producer.send(new ProducerRecord<>(prefix + ".alerts", null, timestamp, event.getTenantId().getBytes(StandardCharsets.UTF_8),
        serializer.serialize(prefix + ".alerts", event)));
  }
}
