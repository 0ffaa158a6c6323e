package io.klaxon.notifier.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.klaxon.embedded.TopicSpec;
import io.klaxon.embedded.junit.BrokerAndRegistryExtension;
import io.klaxon.embedded.junit.LogCapture;
import io.klaxon.embedded.junit.SecretScan;
import io.klaxon.events.Channel;
import io.klaxon.events.DeadLetter;
import io.klaxon.events.DeadLetterReason;
import io.klaxon.events.DeliveryOutcome;
import io.klaxon.events.DeliveryReceipt;
import io.klaxon.events.FailedNotification;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.TenantConfig;
import io.klaxon.notifier.testing.Requests;
import io.klaxon.notifier.testing.ScriptedHttpServer.Answer;
import io.klaxon.notifier.testing.ScriptedHttpServer;
import io.klaxon.ops.Env;
import io.klaxon.ops.secret.SecretResolver;
import io.klaxon.privacy.Keyring;
import io.klaxon.privacy.MasterKey;
import io.klaxon.privacy.MasterKeys;
import io.klaxon.privacy.Sealer;
import io.klaxon.privacy.Sealers;
import io.klaxon.registry.InMemorySchemaRegistry;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.registry.SchemaRegistryException;
import io.klaxon.serde.SpecificAvroDeserializer;
import io.klaxon.serde.SpecificAvroSerializer;
import io.klaxon.topics.KlaxonTopics;
import io.klaxon.topics.TopicNames;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The notifier on a real KRaft broker: requests in, deliveries at local Slack, SMTP and webhook
 * servers, receipts and dead letters on their topics, offsets committed only after the outcome,
 * and no secret (webhook signing secret, SMTP password, Slack token) in any log line, receipt, dead
 * letter, metric or health answer of a run with failures ({@link SecretScan}).
 */
class NotifierAppIT {
  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @RegisterExtension
  static final BrokerAndRegistryExtension KAFKA = BrokerAndRegistryExtension.brokerOnly();

  private final InMemorySchemaRegistry registry = InMemorySchemaRegistry.scoped("notifier-it-" + UUID.randomUUID());
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final Map<String, String> secrets = Map.of("ACME_HOOK_SECRET", "whsec_c2VjcmV0LWtleS1mb3ItdGVzdHM=",
      "SMTP_PASSWORD", "smtp-password-" + UUID.randomUUID());
  private String notifications;
  private String deliveries;
  private String dlq;
  private String alertsDlq;
  private String group;
  private String slackMessages;

  @BeforeEach
  void topics() {
    String id = UUID.randomUUID().toString().substring(0, 8);
    notifications = "notifications-" + id;
    deliveries = "deliveries-" + id;
    dlq = "dlq-" + id;
    alertsDlq = "alerts-dlq-" + id;
    group = "notifier-" + id;
    slackMessages = "slack-messages-" + id;
    KAFKA.createTopics(TopicSpec.of(notifications, 1), TopicSpec.of(deliveries, 1), TopicSpec.of(dlq, 1),
        TopicSpec.of(alertsDlq, 1), TopicSpec.compacted(slackMessages, 1));
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable closeable : closeables.reversed()) {
      closeable.close();
    }
  }

  private <T extends AutoCloseable> T closing(T closeable) {
    closeables.add(closeable);
    return closeable;
  }

  private NotifierApp start(Map<String, String> extra) throws Exception {
    return start(extra, registry);
  }

  private NotifierApp start(Map<String, String> extra, SchemaRegistry readRegistry) throws Exception {
    Map<String, String> env = new HashMap<>(Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers(),
        "NOTIFICATIONS_TOPIC", notifications,
        "DELIVERIES_TOPIC", deliveries,
        "NOTIFICATIONS_DLQ_TOPIC", dlq,
        "NOTIFIER_GROUP_ID", group,
        "SMTP_HOST", "127.0.0.1",
        "SMTP_PORT", Integer.toString(SMTP.getSmtp().getPort()),
        "WEBHOOK_ALLOWLIST", "127.0.0.1",
        "HTTP_PORT", "0"));
    env.putAll(Map.of("RETRY_BASE", "10ms", "RETRY_MAX", "50ms", "RETRY_MAX_ATTEMPTS", "2",
        "KAFKA_METADATA_MAX_AGE_MS", "1000", "ALERTS_DLQ_TOPIC", alertsDlq,
        "SLACK_MESSAGES_TOPIC", slackMessages));
    env.putAll(extra);
    return NotifierApp.start(NotifierConfig.from(Env.of(env)), readRegistry, new SecretResolver(secrets::get));
  }

  @SuppressWarnings("FutureReturnValueIgnored") // Flush() sends them all; a lost one fails the assertions on what was delivered.
  private void produce(List<NotificationRequest> requests) {
    SpecificAvroSerializer<NotificationRequest> serializer = new SpecificAvroSerializer<>(registry, false, true);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KAFKA.clientConfig(), new StringSerializer(),
        new ByteArraySerializer())) {
      for (NotificationRequest request : requests) {
        producer.send(new ProducerRecord<>(notifications, request.getTenantId(), serializer.serialize(notifications, request)));
      }
      producer.flush();
    }
  }

  private <T extends SpecificRecord> List<T> readAll(String topic, Class<T> type, int atLeast) {
    Map<String, Object> config = KAFKA.clientConfig();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    SpecificAvroDeserializer<T> deserializer = new SpecificAvroDeserializer<>(registry, type);
    List<T> values = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
        new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(deserializer.deserialize(topic, record.value()));
        }
        return values.size() >= atLeast;
      });
    }
    return values;
  }

  private long committedOffset() throws Exception {
    try (Admin admin = Admin.create(KAFKA.clientConfig())) {
      OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
          .get(new TopicPartition(notifications, 0));
      return offset == null ? -1 : offset.offset();
    }
  }

  @Test
  void deliversToEveryChannelWritesReceiptsAndDeadLettersAndCommits() throws Exception {
    ScriptedHttpServer slack = closing(new ScriptedHttpServer(
        Answer.of(200, "{\"ok\":true,\"channel\":\"C0123456789\",\"ts\":\"1.1\"}")));
    ScriptedHttpServer hooks = closing(new ScriptedHttpServer(Answer.of(204, "")));
    ScriptedHttpServer refusing = closing(new ScriptedHttpServer(Answer.of(410, "")));
    NotifierApp app = closing(start(Map.of("SLACK_API_URL", slack.url("/api/"), "SLACK_BOT_TOKEN", "xoxb-it")));

    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KAFKA.clientConfig(), new StringSerializer(),
        new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(notifications, "acme", "not a notification".getBytes(StandardCharsets.UTF_8))).get();
    }
    produce(List.of(
        Requests.request(Requests.slackChannel("C0123456789")).setNotificationId("n-slack").build(),
        Requests.request(Requests.email("oncall@acme.example")).setNotificationId("n-email").build(),
        Requests.request(Requests.webhook(hooks.url("/in"), "env:ACME_HOOK_SECRET")).setNotificationId("n-hook").build(),
        Requests.request(Requests.webhook(refusing.url("/gone"), "env:ACME_HOOK_SECRET")).setNotificationId("n-gone").build()));

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      assertThat(slack.requests()).hasSize(1);
      assertThat(SMTP.getReceivedMessages()).hasSize(1);
      assertThat(hooks.requests()).hasSize(1);
      assertThat(refusing.requests()).hasSize(1);
    });
    assertThat(hooks.requests().getFirst().header("webhook-id")).isEqualTo("n-hook");

    List<DeliveryReceipt> receipts = readAll(deliveries, DeliveryReceipt.class, 4);
    assertThat(receipts).extracting(r -> r.getNotificationId() + ":" + r.getOutcome()).containsExactlyInAnyOrder(
        "n-slack:DELIVERED", "n-email:DELIVERED", "n-hook:DELIVERED", "n-gone:FAILED_PERMANENT");
    List<FailedNotification> dead = readAll(dlq, FailedNotification.class, 1);
    assertThat(dead).singleElement().satisfies(f -> {
      assertThat(f.getRequest().getNotificationId()).isEqualTo("n-gone");
      assertThat(f.getPermanent()).isTrue();
      assertThat(f.getLastStatusCode()).isEqualTo(410);
    });
    // The undecodable record is dead-lettered with its bytes (and counted), so five offsets are committed.
    assertThat(readAll(alertsDlq, DeadLetter.class, 1)).singleElement().satisfies(letter -> {
      assertThat(letter.getReason()).isEqualTo(DeadLetterReason.UNDECODABLE);
      assertThat(letter.getSourceTopic()).isEqualTo(notifications);
      assertThat(letter.getSourceOffset()).isZero();
      assertThat(letter.getOriginalValue()).isEqualTo(ByteBuffer.wrap("not a notification".getBytes(StandardCharsets.UTF_8)));
    });
    await().atMost(Duration.ofSeconds(30)).until(() -> committedOffset() == 5);

    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + app.opsPort() + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(ready.statusCode()).isEqualTo(200);
    String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.opsPort() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(metrics).contains("klaxon_notifier_deliveries_total{channel=\"slack\",outcome=\"delivered\",severity=\"critical\",tier=\"enterprise\"}")
        .contains("klaxon_notifier_dead_letters_total{cause=\"permanent\",channel=\"webhook\"}")
        .contains("klaxon_notifier_undecodable_total 1.0");
  }

  @Test
  void aNotifierThatTakesOverDoesNotSendAgainWhatItsDeadPredecessorDelivered() throws Exception {
    ScriptedHttpServer hooks = closing(new ScriptedHttpServer(Answer.of(204, "")));
    produce(List.of("n-1", "n-2", "n-3").stream().map(id -> Requests.request(
        Requests.webhook(hooks.url("/in"), "env:ACME_HOOK_SECRET")).setNotificationId(id).build()).toList());
    // The predecessor read from offset 0 on, delivered n-1 and n-2 (their receipts are written),
    // scheduled a retry of n-3, and died before it could commit past offset 0.
    try (Admin admin = Admin.create(KAFKA.clientConfig())) {
      admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(notifications, 0),
          new OffsetAndMetadata(0, RereadGuard.metadata(Instant.now().minusSeconds(5).toEpochMilli())))).all().get();
    }
    SpecificAvroSerializer<DeliveryReceipt> receipts = new SpecificAvroSerializer<>(registry, false, true);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KAFKA.clientConfig(), new StringSerializer(),
        new ByteArraySerializer())) {
      Map<String, DeliveryOutcome> outcomes = Map.of("n-1", DeliveryOutcome.DELIVERED, "n-2", DeliveryOutcome.DELIVERED,
          "n-3", DeliveryOutcome.RETRY_SCHEDULED);
      for (Map.Entry<String, DeliveryOutcome> outcome : outcomes.entrySet()) {
        producer.send(new ProducerRecord<>(deliveries, "acme", receipts.serialize(deliveries, DeliveryReceipt.newBuilder()
            .setNotificationId(outcome.getKey()).setTenantId("acme").setTargetId("hook").setChannel(Channel.WEBHOOK)
            .setAttempt(1).setOutcome(outcome.getValue()).setLatencyMs(3).setAttemptedAt(Instant.now()).build()))).get();
      }
    }

    NotifierApp app = closing(start(Map.of()));

    await().atMost(Duration.ofSeconds(60)).until(() -> committedOffset() == 3);
    assertThat(hooks.requests()).extracting(request -> request.header("webhook-id")).containsExactly("n-3");
    String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + app.opsPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    assertThat(metrics).contains("klaxon_notifier_redeliveries_skipped_total 2.0");
  }

  @Test
  void aRunWithFailingDeliveriesLeaksNoSecret() throws Exception {
    String slackToken = "xoxb-" + UUID.randomUUID();
    ScriptedHttpServer slack = closing(new ScriptedHttpServer(Answer.of(200, "{\"ok\":false,\"error\":\"invalid_auth\"}")));
    ScriptedHttpServer failing = closing(new ScriptedHttpServer(Answer.of(500, "upstream broken")));
    ScriptedHttpServer unauthorized = closing(new ScriptedHttpServer(Answer.of(401, "bad signature")));
    LogCapture logs = closing(new LogCapture());
    NotifierApp app = closing(start(Map.of("SLACK_API_URL", slack.url("/api/"), "SLACK_BOT_TOKEN", slackToken,
        "SMTP_USER", "klaxon-mailer", "SMTP_PASSWORD_REF", "env:SMTP_PASSWORD")));
    produce(List.of(
        Requests.request(Requests.slackChannel("C0123456789")).setNotificationId("n-slack").build(),
        Requests.request(Requests.email("oncall@acme.example")).setNotificationId("n-email").build(),
        Requests.request(Requests.webhook(failing.url("/in"), "env:ACME_HOOK_SECRET")).setNotificationId("n-500").build(),
        Requests.request(Requests.webhook(unauthorized.url("/in"), "env:ACME_HOOK_SECRET")).setNotificationId("n-401").build()));

    // Slack refuses the token, SMTP the login, one webhook fails until the budget is spent, the other refuses.
    assertThat(readAll(dlq, FailedNotification.class, 4)).extracting(f -> f.getRequest().getNotificationId())
        .containsExactlyInAnyOrder("n-slack", "n-email", "n-500", "n-401");
    await().atMost(Duration.ofSeconds(30)).until(() -> committedOffset() == 4);
    assertThat(unauthorized.requests().getFirst().header("webhook-signature")).startsWith("v1,");

    Map<String, String> known = new HashMap<>(secrets);
    known.put("SLACK_BOT_TOKEN", slackToken);
    SecretScan scan = SecretScan.of(known)
        .topic(KAFKA.clientConfig(), deliveries)
        .topic(KAFKA.clientConfig(), dlq)
        .http("http://127.0.0.1:" + app.opsPort() + "/metrics")
        .http("http://127.0.0.1:" + app.opsPort() + "/health/live")
        .http("http://127.0.0.1:" + app.opsPort() + "/health/ready")
        .lines("log", logs.lines());
    assertThat(scan.scanned()).contains(dlq + " (4 records)")
        .anySatisfy(what -> assertThat(what).startsWith(deliveries + " (").doesNotStartWith(deliveries + " (0 "));
    assertThat(logs.lines()).isNotEmpty();
    scan.assertClean();
  }

  private static double metric(NotifierApp app, String series) throws Exception {
    String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + app.opsPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    return body.lines().filter(line -> line.startsWith(series + " ")).mapToDouble(
        line -> Double.parseDouble(line.substring(series.length() + 1).strip())).findFirst().orElse(Double.NaN);
  }

  @Test
  void aDeadLetterForAMissingTopicIsWrittenAgainUntilTheTopicExistsAndTheMessageIsSentOnce() throws Exception {
    String missingDlq = "dlq-missing-" + UUID.randomUUID().toString().substring(0, 8);
    ScriptedHttpServer refusing = closing(new ScriptedHttpServer(Answer.of(410, "")));
    // The producer gives up waiting for the missing topic's metadata after half a second.
    NotifierApp app = closing(start(Map.of("NOTIFICATIONS_DLQ_TOPIC", missingDlq, "KAFKA_MAX_BLOCK_MS", "500")));
    produce(List.of(Requests.request(Requests.webhook(refusing.url("/gone"), "env:ACME_HOOK_SECRET"))
        .setNotificationId("n-gone").build()));

    await().atMost(Duration.ofSeconds(60)).until(
        () -> metric(app, "klaxon_notifier_outcome_write_failures_total{record=\"dead_letter\"}") >= 3);
    assertThat(metric(app, "klaxon_notifier_outcome_writes_failing")).isEqualTo(1.0);
    assertThat(refusing.requests()).hasSize(1);
    assertThat(committedOffset()).isEqualTo(-1);

    KAFKA.createTopics(TopicSpec.of(missingDlq, 1));

    await().atMost(Duration.ofSeconds(60)).until(() -> committedOffset() == 1);
    assertThat(readAll(missingDlq, FailedNotification.class, 1)).singleElement()
        .satisfies(f -> assertThat(f.getRequest().getNotificationId()).isEqualTo("n-gone"));
    assertThat(metric(app, "klaxon_notifier_outcome_writes_failing")).isZero();
    assertThat(refusing.requests()).hasSize(1);
  }

  @Test
  void aRegistryThatRefusesMakesTheNotifierNotReadyWithTheReasonUntilItAnswers() throws Exception {
    ScriptedHttpServer hooks = closing(new ScriptedHttpServer(Answer.of(204, "")));
    AtomicBoolean refusing = new AtomicBoolean(true);
    SchemaRegistry flaky = (SchemaRegistry) Proxy.newProxyInstance(SchemaRegistry.class.getClassLoader(),
        new Class<?>[] {SchemaRegistry.class}, (proxy, method, args) -> {
          if (refusing.get() && method.getName().equals("schemaById")) {
            throw new SchemaRegistryException(403, 40301, "Schema registry answered HTTP 403");
          }
          try {
            return method.invoke(registry, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    NotifierApp app = closing(start(Map.of(), flaky));
    produce(List.of(Requests.request(Requests.webhook(hooks.url("/in"), "env:ACME_HOOK_SECRET"))
        .setNotificationId("n-later").build()));

    HttpClient http = HttpClient.newHttpClient();
    HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.opsPort() + "/health/ready")).build();
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      HttpResponse<String> ready = http.send(readiness, HttpResponse.BodyHandlers.ofString());
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.body()).contains("schema registry answered HTTP 403");
    });
    assertThat(metric(app, "klaxon_notifier_registry_unavailable")).isEqualTo(1.0);

    refusing.set(false);

    await().atMost(Duration.ofSeconds(90)).until(() -> hooks.requests().size() == 1 && committedOffset() == 1);
    assertThat(http.send(readiness, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    assertThat(metric(app, "klaxon_notifier_undecodable_total")).isZero();
  }

  @Test
  void aSealedNotificationOfATenantAppliedAfterTheStartIsOpenedDeliveredWholeAndItsReceiptSealed() throws Exception {
    String tenants = "tenants-" + UUID.randomUUID();
    KAFKA.createTopics(TopicSpec.compacted(tenants, 1));
    String masterKey = MasterKey.generate();
    MasterKeys masters = MasterKeys.of(MasterKey.parse("test", masterKey));
    ScriptedHttpServer hooks = closing(new ScriptedHttpServer(Answer.of(204, "")));
    NotificationRequest request = Requests.request(Requests.webhook(hooks.url("/in"), "env:ACME_HOOK_SECRET"))
        .setNotificationId("sealed-1").build();
    TenantConfig acme = TenantConfig.newBuilder().setTenantId("acme").setTier(request.getTier())
        .setDataKeys(new ArrayList<>(List.of(masters.newDataKey("acme", Instant.now())))).build();
    closing(start(Map.of("TENANTS_TOPIC", tenants, "KLAXON_MASTER_KEY_REF", "env:IT_MASTER_KEY", "IT_MASTER_KEY", masterKey)));

    // The tenant is applied after the notifier started: it reads the tenants topic to its end when the notification comes.
    try (KafkaProducer<String, TenantConfig> producer = new KafkaProducer<>(KAFKA.clientConfig(), new StringSerializer(),
        new SpecificAvroSerializer<>(registry, false, true))) {
      producer.send(new ProducerRecord<>(tenants, "acme", acme)).get();
    }
    Keyring writer = new Keyring(masters);
    writer.update("acme", acme);
    KlaxonTopics topics = KlaxonTopics.of(TopicNames.DEFAULTS, registry);
    NotificationRequest sealed = Sealers.notifications(topics).seal(request, writer);
    assertThat(sealed.getSealed()).isNotNull();
    assertThat(sealed.getTarget().getWebhook()).isNull();
    produce(List.of(sealed));

    await().atMost(Duration.ofSeconds(60)).until(() -> hooks.requests().size() == 1);
    assertThat(hooks.requests().getFirst().body()).contains("Disk almost full");
    DeliveryReceipt receipt = readAll(deliveries, DeliveryReceipt.class, 1).getFirst();
    assertThat(receipt.getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED);
    assertThat(receipt.getSealed()).as("the receipt is sealed with the tenant's key").isNotNull();
    assertThat(((Sealer.Opened.Whole<DeliveryReceipt>) Sealers.receipts(topics).open(receipt, writer)).record()
        .getNotificationId()).isEqualTo("sealed-1");
  }

  @Test
  void notifierStoppedMidBatchAndRestartedLosesNothing() throws Exception {
    ScriptedHttpServer hooks = closing(new ScriptedHttpServer(Answer.hanging()));
    List<NotificationRequest> requests = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      requests.add(Requests.request(Requests.webhook(hooks.url("/in"), "env:ACME_HOOK_SECRET"))
          .setNotificationId("n-" + i).build());
    }
    // Every request of the batch is in flight at once (the target allows 10 concurrent attempts).
    NotifierApp first = closing(start(Map.of("WEBHOOK_TIMEOUT", "60s", "TARGET_CONCURRENCY", "10")));
    produce(requests);
    await().atMost(Duration.ofSeconds(60)).until(() -> hooks.requests().size() == 5);

    first.close();

    assertThat(committedOffset()).isEqualTo(-1);
    hooks.setDefault(Answer.of(204, ""));
    closing(start(Map.of()));
    await().atMost(Duration.ofSeconds(60)).until(() -> committedOffset() == 5);
    Set<String> delivered = readAll(deliveries, DeliveryReceipt.class, 5).stream()
        .filter(r -> r.getOutcome() == DeliveryOutcome.DELIVERED).map(DeliveryReceipt::getNotificationId)
        .collect(Collectors.toSet());
    assertThat(delivered).containsExactlyInAnyOrder("n-0", "n-1", "n-2", "n-3", "n-4");
  }

  @Test
  void notificationsFromAnAbortedTransactionAreNeverDelivered() throws Exception {
    ScriptedHttpServer hooks = closing(new ScriptedHttpServer(Answer.of(204, "")));
    closing(start(Map.of()));
    SpecificAvroSerializer<NotificationRequest> serializer = new SpecificAvroSerializer<>(registry, false, true);
    Map<String, Object> config = KAFKA.clientConfig();
    config.put(org.apache.kafka.clients.producer.ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-" + UUID.randomUUID());
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
        new ByteArraySerializer())) {
      producer.initTransactions();
      for (String id : List.of("n-aborted", "n-committed")) {
        NotificationRequest request = Requests.request(Requests.webhook(hooks.url("/in"), "env:ACME_HOOK_SECRET"))
            .setNotificationId(id).build();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(notifications, "acme", serializer.serialize(notifications, request))).get();
        if (id.equals("n-aborted")) {
          producer.abortTransaction();
        } else {
          producer.commitTransaction();
        }
      }
    }

    await().atMost(Duration.ofSeconds(60)).until(() -> hooks.requests().size() >= 1);
    // Both transactions' markers are written; what follows the aborted record is read, so it was skipped.
    await().atMost(Duration.ofSeconds(30)).until(() -> committedOffset() >= 3);
    assertThat(hooks.requests()).extracting(r -> r.header("webhook-id")).containsExactly("n-committed");
  }
}
