package io.klaxon.notifier.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.klaxon.embedded.TopicSpec;
import io.klaxon.embedded.junit.BrokerAndRegistryExtension;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.testing.Requests;
import io.klaxon.ops.Env;
import io.klaxon.ops.secret.SecretResolver;
import io.klaxon.registry.InMemorySchemaRegistry;
import io.klaxon.serde.SpecificAvroSerializer;
import io.klaxon.sinks.inbox.Inbox;
import io.klaxon.sinks.inbox.SlackCapture;
import io.klaxon.sinks.slack.SlackApiSettings;
import io.klaxon.sinks.slack.SlackApiStandIn;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Slack thread map survives a restart: a notifier posts an alert's first message to the Slack
 * stand-in and stops; a new notifier, with nothing in memory, replies to that message with the
 * resolution and updates it in place, having read the map back from the compacted topic.
 */
class SlackThreadsIT {
  @RegisterExtension
  static final BrokerAndRegistryExtension KAFKA = BrokerAndRegistryExtension.brokerOnly();

  private final InMemorySchemaRegistry registry = InMemorySchemaRegistry.scoped("slack-threads-it-" + UUID.randomUUID());
  private SlackApiStandIn slack;
  private String notifications;
  private Map<String, String> env;

  @BeforeEach
  void start() throws Exception {
    String id = UUID.randomUUID().toString().substring(0, 8);
    notifications = "notifications-" + id;
    String threads = "slack-messages-" + id;
    KAFKA.createTopics(TopicSpec.of(notifications, 1), TopicSpec.of("deliveries-" + id, 1),
        TopicSpec.of("dlq-" + id, 1), TopicSpec.of("alerts-dlq-" + id, 1), TopicSpec.compacted(threads, 1));
    slack = SlackApiStandIn.start(SlackApiSettings.defaults().withoutRateLimit(), new Inbox());
    env = new HashMap<>(Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers(),
        "NOTIFICATIONS_TOPIC", notifications,
        "DELIVERIES_TOPIC", "deliveries-" + id,
        "NOTIFICATIONS_DLQ_TOPIC", "dlq-" + id,
        "ALERTS_DLQ_TOPIC", "alerts-dlq-" + id,
        "SLACK_MESSAGES_TOPIC", threads,
        "NOTIFIER_GROUP_ID", "notifier-" + id,
        "SLACK_API_URL", slack.methodsUrlPrefix(),
        "SLACK_BOT_TOKEN", slack.token(),
        "HTTP_PORT", "0"));
  }

  @AfterEach
  void stop() {
    slack.close();
  }

  private NotifierApp notifier() throws Exception {
    return NotifierApp.start(NotifierConfig.from(Env.of(env)), registry, new SecretResolver(name -> null));
  }

  private void produce(NotificationRequest request) throws Exception {
    SpecificAvroSerializer<NotificationRequest> serializer = new SpecificAvroSerializer<>(registry, false, true);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KAFKA.clientConfig(), new StringSerializer(),
        new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(notifications, request.getTenantId(),
          serializer.serialize(notifications, request))).get();
    }
  }

  private long committed() throws Exception {
    try (Admin admin = Admin.create(KAFKA.clientConfig())) {
      OffsetAndMetadata offset = admin.listConsumerGroupOffsets(env.get("NOTIFIER_GROUP_ID"))
          .partitionsToOffsetAndMetadata().get().get(new TopicPartition(notifications, 0));
      return offset == null ? -1 : offset.offset();
    }
  }

  @Test
  void aResolutionAfterARestartRepliesUnderTheFirstMessageAndUpdatesIt() throws Exception {
    NotificationRequest firing = Requests.request(Requests.slackChannel("#ops")).setNotificationId("n-firing").build();
    NotificationRequest resolved = Requests.request(Requests.slackChannel("#ops")).setNotificationId("n-resolved").build();
    resolved.getAlert().setStatus(AlertStatus.RESOLVED);

    try (NotifierApp first = notifier()) {
      produce(firing);
      await().atMost(Duration.ofSeconds(60)).until(() -> slack.messages().size() == 1);
      // Its offset committed, so the second notifier starts after it rather than delivering it again.
      await().atMost(Duration.ofSeconds(60)).until(() -> committed() == 1);
    }
    SlackCapture posted = slack.messages().getFirst();
    assertThat(posted.isReply()).isFalse();

    try (NotifierApp second = notifier()) {
      produce(resolved);
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        List<SlackCapture> messages = slack.messages();
        assertThat(messages).hasSize(2);
        assertThat(messages).filteredOn(SlackCapture::isReply).singleElement().satisfies(reply -> {
          assertThat(reply.threadTs()).isEqualTo(posted.ts());
          assertThat(reply.channelId()).isEqualTo(posted.channelId());
          assertThat(reply.text()).startsWith("Resolved");
        });
        assertThat(messages).filteredOn(m -> m.ts().equals(posted.ts())).singleElement().satisfies(original -> {
          assertThat(original.edits()).isEqualTo(1);
          assertThat(original.text()).startsWith("Resolved");
        });
      });
    }
  }
}
