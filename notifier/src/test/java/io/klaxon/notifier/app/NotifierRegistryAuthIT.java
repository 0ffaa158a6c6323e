package io.klaxon.notifier.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.klaxon.embedded.TopicSpec;
import io.klaxon.embedded.junit.BrokerAndRegistryExtension;
import io.klaxon.events.DeliveryOutcome;
import io.klaxon.events.DeliveryReceipt;
import io.klaxon.events.NotificationRequest;
import io.klaxon.ops.secret.SecretResolver;
import io.klaxon.notifier.testing.Requests;
import io.klaxon.notifier.testing.ScriptedHttpServer;
import io.klaxon.notifier.testing.ScriptedHttpServer.Answer;
import io.klaxon.ops.Env;
import io.klaxon.registry.RegistrySettings;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.registry.SchemaRegistryException;
import io.klaxon.topics.KlaxonTopics;
import io.klaxon.topics.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The notifier against a schema registry that requires HTTP basic auth: with {@code
 * SCHEMA_REGISTRY_BASIC_AUTH} it decodes requests, delivers and writes receipts; without it, or
 * with a wrong password, it refuses to start with the registry's answer instead of failing on its
 * first record.
 */
class NotifierRegistryAuthIT {
  private static final String CREDENTIALS = "klaxon-notifier:s3cret";

  @RegisterExtension
  static final BrokerAndRegistryExtension KAFKA = BrokerAndRegistryExtension.withRegistryRequiring(CREDENTIALS);

  private static TopicNames topics() {
    String id = UUID.randomUUID().toString().substring(0, 8);
    TopicNames topics = TopicNames.suffixed("-" + id);
    KAFKA.createTopics(TopicSpec.of(topics.notifications(), 1), TopicSpec.of(topics.deliveries(), 1),
        TopicSpec.of(topics.notificationsDlq(), 1));
    return topics;
  }

  /** The notifier's environment; the credentials are left out when null. */
  private static NotifierConfig config(TopicNames topics, String credentials) {
    Map<String, String> env = new HashMap<>(Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers(),
        "SCHEMA_REGISTRY_URL", KAFKA.registryUrl(),
        "NOTIFICATIONS_TOPIC", topics.notifications(),
        "DELIVERIES_TOPIC", topics.deliveries(),
        "NOTIFICATIONS_DLQ_TOPIC", topics.notificationsDlq(),
        "NOTIFIER_GROUP_ID", "notifier-" + topics.notifications(),
        "WEBHOOK_ALLOWLIST", "127.0.0.1",
        "HTTP_PORT", "0"));
    if (credentials != null) {
      env.put("SCHEMA_REGISTRY_BASIC_AUTH", credentials);
    }
    return NotifierConfig.from(Env.of(env));
  }

  /** The topics as a producer or reader with valid credentials sees them. */
  private static KlaxonTopics authorized(TopicNames topics) {
    return KlaxonTopics.of(topics, new RegistrySettings(KAFKA.registryUrl(), CREDENTIALS, null).connect());
  }

  @Test
  void withTheCredentialsFromTheEnvironmentItDeliversAndWritesReceipts() throws Exception {
    TopicNames names = topics();
    KlaxonTopics topics = authorized(names);
    NotifierConfig config = config(names, CREDENTIALS);
    try (ScriptedHttpServer hooks = new ScriptedHttpServer(Answer.of(204, ""));
        SchemaRegistry registry = config.registry().connect();
        NotifierApp app = NotifierApp.start(config, registry,
            new SecretResolver(Map.of("ACME_HOOK_SECRET", "whsec_c2VjcmV0LWtleS1mb3ItdGVzdHM=")::get))) {
      NotificationRequest request = Requests.request(Requests.webhook(hooks.url("/in"), "env:ACME_HOOK_SECRET"))
          .setNotificationId("n-auth").build();
      try (KafkaProducer<String, NotificationRequest> producer = new KafkaProducer<>(KAFKA.clientConfig(),
          topics.notifications().keySerde().serializer(), topics.notifications().valueSerde().serializer())) {
        producer.send(new ProducerRecord<>(names.notifications(), request.getTenantId(), request)).get();
      }

      await().atMost(Duration.ofSeconds(60)).until(() -> hooks.requests().size() == 1);
      assertThat(hooks.requests().getFirst().header("webhook-id")).isEqualTo("n-auth");
      assertThat(receipts(topics)).singleElement().satisfies(receipt -> {
        assertThat(receipt.getNotificationId()).isEqualTo("n-auth");
        assertThat(receipt.getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED);
      });
    }
  }

  @Test
  void withoutCredentialsItRefusesToStartSayingWhy() {
    TopicNames names = topics();
    NotifierConfig config = config(names, null);

    assertThatThrownBy(() -> NotifierApp.start(config, config.registry().connect(), SecretResolver.system()))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isAccessDenied()).isTrue())
        .hasMessageContaining("HTTP 401").hasMessageContaining("SCHEMA_REGISTRY_BASIC_AUTH")
        .hasMessageContaining(names.notifications() + "-value");
  }

  @Test
  void withAWrongPasswordItRefusesToStartWithoutShowingIt() {
    NotifierConfig config = config(topics(), "klaxon-notifier:hunter2");

    assertThatThrownBy(() -> NotifierApp.start(config, config.registry().connect(), SecretResolver.system()))
        .hasMessageContaining("HTTP 401")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
  }

  private static List<DeliveryReceipt> receipts(KlaxonTopics topics) {
    Map<String, Object> config = KAFKA.clientConfig();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<DeliveryReceipt> receipts = new ArrayList<>();
    try (KafkaConsumer<String, DeliveryReceipt> consumer = new KafkaConsumer<>(config,
        topics.deliveries().keySerde().deserializer(), topics.deliveries().valueSerde().deserializer())) {
      consumer.subscribe(List.of(topics.deliveries().name()));
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> receipts.add(record.value()));
        return !receipts.isEmpty();
      });
    }
    return receipts;
  }
}
