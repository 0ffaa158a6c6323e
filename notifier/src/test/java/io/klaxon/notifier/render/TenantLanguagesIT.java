package io.klaxon.notifier.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.klaxon.embedded.TopicSpec;
import io.klaxon.embedded.junit.BrokerAndRegistryExtension;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.DeliveryProfile;
import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.app.NotifierApp;
import io.klaxon.notifier.app.NotifierConfig;
import io.klaxon.ops.secret.SecretResolver;
import io.klaxon.notifier.testing.ExampleTenants;
import io.klaxon.notifier.testing.Requests;
import io.klaxon.notifier.testing.ScriptedHttpServer;
import io.klaxon.notifier.testing.ScriptedHttpServer.Answer;
import io.klaxon.ops.Env;
import io.klaxon.registry.InMemorySchemaRegistry;
import io.klaxon.serde.SpecificAvroSerializer;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The example Dutch tenant's alert through the real notifier on a real broker: its own bundle and
 * its targets' locales travel in the notification request, and each channel receives its language.
 */
class TenantLanguagesIT {
  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @RegisterExtension
  static final BrokerAndRegistryExtension KAFKA = BrokerAndRegistryExtension.brokerOnly();

  @Test
  void aDutchTenantsAlertReachesSlackAndItsWebhookInDutchAndItsEnglishBoardInEnglish() throws Exception {
    String id = UUID.randomUUID().toString().substring(0, 8);
    String notifications = "notifications-" + id;
    InMemorySchemaRegistry registry = InMemorySchemaRegistry.scoped("tenant-languages-it-" + id);
    DeliveryProfile hoogland = DeliveryProfile.newBuilder().setDisplayName("Hoogland Logistiek").setDefaultLocale("nl")
        .setTimeZone("Europe/Amsterdam").setMessageBundles(ExampleTenants.messageBundles("hoogland")).build();
    try (ScriptedHttpServer slack = new ScriptedHttpServer(Answer.of(200, "{\"ok\":true,\"channel\":\"C0123456789\",\"ts\":\"1.1\"}"));
        ScriptedHttpServer hooks = new ScriptedHttpServer(Answer.of(204, ""))) {
      KAFKA.createTopics(TopicSpec.of(notifications, 1), TopicSpec.of("deliveries-" + id, 1), TopicSpec.of("dlq-" + id, 1));
      Map<String, String> env = Map.ofEntries(
          Map.entry("KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers()),
          Map.entry("NOTIFICATIONS_TOPIC", notifications),
          Map.entry("DELIVERIES_TOPIC", "deliveries-" + id),
          Map.entry("NOTIFICATIONS_DLQ_TOPIC", "dlq-" + id),
          Map.entry("NOTIFIER_GROUP_ID", "notifier-" + id),
          Map.entry("SMTP_HOST", "127.0.0.1"),
          Map.entry("SMTP_PORT", Integer.toString(SMTP.getSmtp().getPort())),
          Map.entry("WEBHOOK_ALLOWLIST", "127.0.0.1"),
          Map.entry("SLACK_API_URL", slack.url("/api/")),
          Map.entry("SLACK_BOT_TOKEN", "xoxb-it"),
          Map.entry("HTTP_PORT", "0"));
      Map<String, String> secrets = Map.of("HOOGLAND_WEBHOOK_SECRET", "whsec_c2VjcmV0LWtleS1mb3ItdGVzdHM=");
      try (NotifierApp app = NotifierApp.start(NotifierConfig.from(Env.of(env)), registry, new SecretResolver(secrets::get))) {
        ChannelTarget board = ChannelTarget.newBuilder(Requests.email("board@hoogland.example")).setLocale("en").build();
        produce(registry, notifications, List.of(
            Requests.request(Requests.slackChannel("C0123456789")).setTenantId("hoogland").setNotificationId("n-slack").setDelivery(hoogland).build(),
            Requests.request(board).setTenantId("hoogland").setNotificationId("n-board").setDelivery(hoogland).build(),
            Requests.request(Requests.webhook(hooks.url("/hooks/hoogland"), "env:HOOGLAND_WEBHOOK_SECRET"))
                .setTenantId("hoogland").setNotificationId("n-hook").setDelivery(hoogland).build()));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
          assertThat(slack.requests()).hasSize(1);
          assertThat(SMTP.getReceivedMessages()).hasSize(1);
          assertThat(hooks.requests()).hasSize(1);
        });
      }
      // chat.postMessage is a form post: its blocks are URL-encoded.
      String posted = java.net.URLDecoder.decode(slack.requests().getFirst().body(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(posted).contains("text=Actief: Disk almost full").contains("*Ernst*\\nKritiek");
      MimeMessage email = SMTP.getReceivedMessages()[0];
      assertThat(email.getSubject()).isEqualTo("[Critical] Firing: Disk almost full — Hoogland Logistiek");
      JsonNode webhook = new ObjectMapper().readTree(hooks.requests().getFirst().body());
      assertThat(webhook.at("/rendered/locale").asText()).isEqualTo("nl");
      assertThat(webhook.at("/rendered/title").asText()).isEqualTo("Actief: Disk almost full");
    }
  }

  @SuppressWarnings("FutureReturnValueIgnored") // Flush() sends them all; a lost one fails the assertions on what was delivered.
  private static void produce(InMemorySchemaRegistry registry, String topic,
      List<NotificationRequest> requests) {
    SpecificAvroSerializer<NotificationRequest> serializer = new SpecificAvroSerializer<>(registry, false, true);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KAFKA.clientConfig(), new StringSerializer(),
        new ByteArraySerializer())) {
      for (NotificationRequest request : requests) {
        producer.send(new ProducerRecord<>(topic, request.getTenantId(), serializer.serialize(topic, request)));
      }
      producer.flush();
    }
  }
}
