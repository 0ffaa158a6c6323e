package io.klaxon.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.klaxon.embedded.TopicSpec;
import io.klaxon.embedded.junit.BrokerAndRegistryExtension;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertKind;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.Severity;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.ops.Env;
import io.klaxon.registry.HttpSchemaRegistryClient;
import io.klaxon.serde.SpecificAvroSerializer;
import io.klaxon.streams.Outcome;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The explain endpoint, on two instances of one application: either answers for every tenant. */
class ExplainIT {
  @RegisterExtension
  static final BrokerAndRegistryExtension KAFKA = BrokerAndRegistryExtension.withRegistry();

  private static final String PREFIX = BrokerAndRegistryExtension.unique("explain");
  private final HttpClient http = HttpClient.newHttpClient();

  @SuppressWarnings("FutureReturnValueIgnored") // Closing the producer sends them all; a lost one fails the count awaited below.
  @Test
  void anyInstanceExplainsAnyTenantsSuppression() throws Exception {
    try (HttpSchemaRegistryClient registry = KAFKA.registryClient()) {
      KAFKA.createTopics(TopicSpec.of(PREFIX + ".alerts", 4), TopicSpec.compacted(PREFIX + ".tenants", 1),
          TopicSpec.of(PREFIX + ".dlq", 1), TopicSpec.of(PREFIX + ".notifications", 4),
          TopicSpec.compacted(PREFIX + ".silences", 1), TopicSpec.compacted(PREFIX + ".acks", 1),
          TopicSpec.of(PREFIX + ".outcomes", 4), TopicSpec.compacted(PREFIX + ".alert-states", 1));
      List<String> tenants = List.of("alpha", "bravo", "charlie", "delta", "echo", "foxtrot");
      try (KafkaProducer<String, TenantConfig> producer = new KafkaProducer<>(KAFKA.clientConfig(), new StringSerializer(),
          new SpecificAvroSerializer<>(registry, false, true))) {
        for (String tenant : tenants) {
          producer.send(new ProducerRecord<>(PREFIX + ".tenants", tenant,
              TenantConfig.newBuilder().setTenantId(tenant).setTier(Tier.STANDARD).build())).get();
        }
      }
      PrometheusMeterRegistry metersA = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      PrometheusMeterRegistry metersB = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      try (StreamsApp a = StreamsApp.start(settings("a"), registry, metersA);
           StreamsApp b = StreamsApp.start(settings("b"), registry, metersB)) {
        await().atMost(Duration.ofSeconds(90)).until(() ->
            a.state() == KafkaStreams.State.RUNNING && b.state() == KafkaStreams.State.RUNNING);

        long now = System.currentTimeMillis();
        try (KafkaProducer<String, AlertEvent> producer = new KafkaProducer<>(KAFKA.clientConfig(), new StringSerializer(),
            new SpecificAvroSerializer<>(registry, false, true))) {
          for (String tenant : tenants) {
            for (int i = 0; i < 3; i++) { // one notification, two duplicates
              producer.send(new ProducerRecord<>(PREFIX + ".alerts", null, now + i, tenant, AlertEvent.newBuilder()
                  .setEventId(UUID.randomUUID().toString()).setTenantId(tenant).setKind(AlertKind.ALERT)
                  .setStatus(AlertStatus.FIRING).setSeverity(Severity.HIGH).setSource("db").setTitle("Replica lag")
                  .setMessage("m").setFingerprint("lag-1").setOccurredAt(Instant.ofEpochMilli(now)).build()));
            }
          }
        }
        await().atMost(Duration.ofSeconds(60)).until(() ->
            deduplicated(metersA) + deduplicated(metersB) == 2.0 * tenants.size());

        for (String tenant : tenants) {
          String fromA = get(a.opsUrl() + "/tenants/" + tenant + "/fingerprints/lag-1");
          String fromB = get(b.opsUrl() + "/tenants/" + tenant + "/fingerprints/lag-1");
          assertThat(fromA).isEqualTo(fromB);
          assertThat(fromA).contains("\"tenant\":\"" + tenant + "\"").contains("\"status\":\"FIRING\"")
              .contains("\"suppressedSinceLastNotification\":2").contains("\"windowEndsAt\"");
        }
        assertThat(get(a.opsUrl() + "/tenants/alpha/fingerprints/never-seen")).contains("\"dedup\":null")
            .contains("\"lastSuppression\":null").contains("\"acknowledged\":null");
        assertThat(get(b.opsUrl() + "/tenants/alpha")).contains("\"bucket\":{\"tokens\":");
      }
    }
  }

  private static double deduplicated(PrometheusMeterRegistry meters) {
    return meters.find("klaxon.streams.outcomes").tag("outcome", Outcome.DEDUPLICATED.tag()).counters().stream()
        .mapToDouble(c -> c.count()).sum();
  }

  private String get(String url) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s: %s", url, response.body()).isEqualTo(200);
    return response.body();
  }

  private static StreamsSettings settings(String instance) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers());
    env.put("SCHEMA_REGISTRY_URL", KAFKA.registryUrl());
    env.put("APPLICATION_ID", PREFIX + "-app");
    env.put("STATE_DIR", "target/explain-it/" + PREFIX + "/" + instance);
    env.put("HTTP_PORT", "0");
    env.put("ALERTS_TOPIC", PREFIX + ".alerts");
    env.put("TENANTS_TOPIC", PREFIX + ".tenants");
    env.put("ALERTS_DLQ_TOPIC", PREFIX + ".dlq");
    env.put("OUTCOMES_TOPIC", PREFIX + ".outcomes");
    env.put("ALERT_STATES_TOPIC", PREFIX + ".alert-states");
    env.put("NOTIFICATIONS_TOPIC", PREFIX + ".notifications");
    env.put("SILENCES_TOPIC", PREFIX + ".silences");
    env.put("ACKS_TOPIC", PREFIX + ".acks");
    env.put("COMMIT_INTERVAL_MS", "100");
    return StreamsSettings.from(Env.of(env));
  }
}
