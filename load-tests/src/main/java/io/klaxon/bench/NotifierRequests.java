package io.klaxon.bench;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.Channel;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.EmailTarget;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.NotificationType;
import io.klaxon.events.SlackTarget;
import io.klaxon.events.Tier;
import io.klaxon.events.WebhookTarget;
import io.klaxon.registry.InMemorySchemaRegistry;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.serde.SpecificAvroSerde;
import io.klaxon.serde.SpecificAvroSerializer;
import io.klaxon.topics.TopicNames;
import io.klaxon.traffic.TenantProfile;
import io.klaxon.traffic.TrafficGenerator;
import io.klaxon.traffic.TrafficMix;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Notification requests for the notifier scenario, each for a new generated alert, written straight
 * to the notifier's input topic: signed webhooks spread over {@value #WEBHOOK_TARGETS} targets
 * (tenants {@code notify-00}...), emails over {@value #EMAIL_TARGETS} recipients (tenants {@code
 * mail-0}...), Slack messages over {@value #SLACK_CHANNELS} channels (tenants {@code chat-0}...).
 * Notification ids are {@code <batch>-<channel>-<n>}, unique per batch name. Not thread-safe.
 */
final class NotifierRequests {
  static final int WEBHOOK_TARGETS = 50;
  static final int EMAIL_TARGETS = 10;
  static final int SLACK_CHANNELS = 3;

  private final String webhookBaseUrl;
  private final TrafficGenerator generator;
  private final SpecificAvroSerde<AlertEvent> serde =
      SpecificAvroSerde.of(new InMemorySchemaRegistry(), AlertEvent.class);

  /**
   * @param seed the seed of the generated alerts
   * @param webhookBaseUrl where webhook targets point ({@code <base>/hooks/<tenant>})
   */
  NotifierRequests(long seed, String webhookBaseUrl) {
    this.webhookBaseUrl = webhookBaseUrl;
    TrafficMix mix = new TrafficMix(List.of(new TenantProfile("notify", Tier.ENTERPRISE, List.of(), 1)), 0, 0, 0,
        TrafficMix.typicalSeverities(), null, 0, 1_000);
    this.generator = new TrafficGenerator(seed, mix, e -> serde.serializer().serialize("t", e));
  }

  List<NotificationRequest> webhooks(String batch, int count) {
    return batch(batch + "-webhook-", count, NotifierRequests::webhookTenant,
        tenant -> ChannelTarget.newBuilder().setId("hook").setChannel(Channel.WEBHOOK)
            .setWebhook(WebhookTarget.newBuilder().setUrl(webhookBaseUrl + "/hooks/" + tenant)
                .setSecretRef(BenchTenants.secretRef(tenant)).build()).build());
  }

  /** The tenants the webhook requests come from, one per target: each signs with its own secret reference. */
  static List<String> webhookTenants() {
    return java.util.stream.IntStream.range(0, WEBHOOK_TARGETS).mapToObj(NotifierRequests::webhookTenant).toList();
  }

  private static String webhookTenant(int i) {
    return String.format(java.util.Locale.ROOT, "notify-%02d", i % WEBHOOK_TARGETS);
  }

  List<NotificationRequest> emails(String batch, int count) {
    return batch(batch + "-email-", count, i -> "mail-" + i % EMAIL_TARGETS,
        tenant -> ChannelTarget.newBuilder().setId("mail").setChannel(Channel.EMAIL)
            .setEmail(EmailTarget.newBuilder().setTo(List.of("oncall-" + tenant.substring("mail-".length())
                + "@example.test")).setCc(List.of()).build()).build());
  }

  List<NotificationRequest> slackMessages(String batch, int count) {
    return batch(batch + "-slack-", count, i -> "chat-" + i % SLACK_CHANNELS,
        tenant -> ChannelTarget.newBuilder().setId("chat").setChannel(Channel.SLACK)
            .setSlack(SlackTarget.newBuilder().setChannel("#alerts-" + tenant.substring("chat-".length()))
                .setWebhookUrlRef(null).build()).build());
  }

  /** {@code count} requests with ids {@code <prefix><n>}, the n-th for tenant {@code tenant(n)} and its target. */
  private List<NotificationRequest> batch(String idPrefix, int count, IntFunction<String> tenant,
      Function<String, ChannelTarget> target) {
    List<NotificationRequest> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String tenantId = tenant.apply(i);
      out.add(request(idPrefix + i, tenantId, target.apply(tenantId)));
    }
    return out;
  }

  private NotificationRequest request(String id, String tenant, ChannelTarget target) {
    AlertEvent alert = serde.deserializer().deserialize("t", generator.next(System.currentTimeMillis()).value());
    return NotificationRequest.newBuilder()
        .setNotificationId(id)
        .setTenantId(tenant)
        .setTier(Tier.ENTERPRISE)
        .setType(NotificationType.ALERT)
        .setAlert(AlertEvent.newBuilder(alert).setTenantId(tenant).build())
        .setFingerprint(alert.getFingerprint())
        .setTarget(target)
        .setRouteName("bench")
        .setRoutedAt(Instant.now())
        .build();
  }

  /** Writes the requests to the notifications topic and waits until the broker has them all. */
  @SuppressWarnings("FutureReturnValueIgnored") // Closing the producer sends them all; the run accounts for every request.
  static void produce(String bootstrapServers, SchemaRegistry registry, List<NotificationRequest> requests) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    try (KafkaProducer<String, NotificationRequest> producer = new KafkaProducer<>(config, new StringSerializer(),
        new SpecificAvroSerializer<>(registry, false, true))) {
      for (NotificationRequest request : requests) {
        producer.send(new ProducerRecord<>(TopicNames.DEFAULTS.notifications(), request.getTenantId(), request));
      }
      producer.flush();
    }
  }
}
