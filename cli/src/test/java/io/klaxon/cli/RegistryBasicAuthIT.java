package io.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.contract.DeadLetters;
import io.klaxon.embedded.TopicSpec;
import io.klaxon.embedded.junit.BrokerAndRegistryExtension;
import io.klaxon.events.DeadLetter;
import io.klaxon.events.DeadLetterReason;
import io.klaxon.registry.RegistrySettings;
import io.klaxon.serde.SpecificAvroSerializer;
import io.klaxon.topics.TopicNames;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The CLI against a schema registry that requires HTTP basic auth: {@code send}, {@code tenants
 * apply} and {@code dlq tail} take the credentials from {@code SCHEMA_REGISTRY_BASIC_AUTH} and their
 * topics from the {@code *_TOPIC} variables, as the services do; without credentials they fail at
 * once, saying so.
 */
class RegistryBasicAuthIT {
  private static final String CREDENTIALS = "klaxon-cli:s3cret";

  @RegisterExtension
  static final BrokerAndRegistryExtension KAFKA = BrokerAndRegistryExtension.withRegistryRequiring(CREDENTIALS);

  /** Fresh topics, the dead-letter one holding one UNKNOWN_TENANT letter written with the credentials. */
  private static TopicNames seed() throws Exception {
    String id = UUID.randomUUID().toString().substring(0, 8);
    TopicNames topics = TopicNames.suffixed("-" + id);
    KAFKA.createTopics(TopicSpec.of(topics.alerts(), 1), TopicSpec.compacted(topics.tenants(), 1),
        TopicSpec.of(topics.alertsDlq(), 1), TopicSpec.of(topics.tenantChanges(), 1));
    DeadLetter letter = DeadLetters.builder(DeadLetterReason.UNKNOWN_TENANT, "tenant 'nobody' is not configured",
        topics.alerts(), 0, 7, Instant.parse("2026-11-22T09:00:00Z").toEpochMilli(),
        "nobody".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 0, 1, 7}).setTenantId("nobody").build();
    RegistrySettings withCredentials = new RegistrySettings(KAFKA.registryUrl(), CREDENTIALS, null);
    try (KafkaProducer<String, DeadLetter> producer = new KafkaProducer<>(KAFKA.clientConfig(), new StringSerializer(),
        new SpecificAvroSerializer<>(withCredentials.connect(), false, true))) {
      producer.send(new ProducerRecord<>(topics.alertsDlq(), "nobody", letter)).get();
    }
    return topics;
  }

  /** The environment a user sets: cluster, registry, topics and, unless null, the credentials. */
  private static Map<String, String> env(TopicNames topics, String credentials) {
    Map<String, String> env = new HashMap<>(Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers(),
        "SCHEMA_REGISTRY_URL", KAFKA.registryUrl(),
        "SCHEMA_REGISTRY_TIMEOUT", "5s",
        "ALERTS_TOPIC", topics.alerts(),
        "TENANTS_TOPIC", topics.tenants(),
        "ALERTS_DLQ_TOPIC", topics.alertsDlq(),
        "TENANT_CHANGES_TOPIC", topics.tenantChanges()));
    if (credentials != null) {
      env.put("SCHEMA_REGISTRY_BASIC_AUTH", credentials);
    }
    return env;
  }

  @Test
  void withTheCredentialsFromTheEnvironmentEveryCommandReachesTheRegistry() throws Exception {
    TopicNames topics = seed();
    Map<String, String> env = env(topics, CREDENTIALS);

    CliRun send = CliRun.withEnv(env, "send", "--tenant", "acme", "--severity", "HIGH", "--title", "Disk full");
    CliRun apply = CliRun.withEnv(env, "tenants", "apply", "../examples/tenants/acme.yaml");
    CliRun tail = CliRun.withEnv(env, "dlq", "tail", "--from-beginning");

    assertThat(send.code()).as(send.err()).isZero();
    assertThat(send.out()).contains("-> " + topics.alerts() + "-0@0");
    assertThat(apply.code()).as(apply.err()).isZero();
    assertThat(apply.out()).contains("published tenant acme -> " + topics.tenants() + "-0@");
    assertThat(tail.code()).as(tail.err()).isZero();
    assertThat(tail.out().lines()).singleElement().asString()
        .contains("UNKNOWN_TENANT tenant=nobody", "from=" + topics.alerts() + "-0@7");
  }

  @Test
  void withoutCredentialsTheCommandsFailSayingWhy() throws Exception {
    TopicNames topics = seed();
    Map<String, String> none = env(topics, null);

    CliRun tail = CliRun.withEnv(none, "dlq", "tail", "--from-beginning");
    CliRun send = CliRun.withEnv(none, "send", "--tenant", "acme", "--severity", "HIGH", "--title", "Disk full");

    // A registry refusing us is not an undecodable dead letter: the tail stops with the reason.
    assertThat(tail.code()).isEqualTo(KlaxonCli.FAILED);
    assertThat(tail.out()).isEmpty();
    assertThat(tail.err()).contains("HTTP 401", "SCHEMA_REGISTRY_BASIC_AUTH").doesNotContain("undecodable");
    assertThat(send.code()).isEqualTo(KlaxonCli.FAILED);
    assertThat(send.err()).contains("HTTP 401");
  }

  @Test
  void wrongCredentialsFailWithoutShowingThePassword() throws Exception {
    TopicNames topics = seed();

    CliRun tail = CliRun.withEnv(env(topics, "klaxon-cli:hunter2"), "dlq", "tail", "--from-beginning");

    assertThat(tail.code()).isEqualTo(KlaxonCli.FAILED);
    assertThat(tail.err()).contains("HTTP 401").doesNotContain("hunter2");
  }
}
