package io.klaxon.notifier.app;

import com.slack.api.SlackConfig;
import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.delivery.ChannelPipeline;
import io.klaxon.notifier.delivery.DeliveryEngine;
import io.klaxon.notifier.delivery.Sleeper;
import io.klaxon.notifier.email.EmailSender;
import io.klaxon.notifier.email.SmtpSettings;
import io.klaxon.notifier.metrics.NotifierMetrics;
import io.klaxon.notifier.pagerduty.PagerDutySender;
import io.klaxon.notifier.render.MessageBundles;
import io.klaxon.notifier.render.Renderer;
import io.klaxon.ops.secret.Secret;
import io.klaxon.ops.secret.SecretResolver;
import io.klaxon.ops.secret.TenantSecrets;
import io.klaxon.notifier.slack.SlackSender;
import io.klaxon.notifier.slack.SlackThreads;
import io.klaxon.notifier.webhook.AddressAllowlist;
import io.klaxon.notifier.webhook.DestinationGuard;
import io.klaxon.notifier.webhook.GuardedHttpClient;
import io.klaxon.notifier.webhook.WebhookSender;
import io.klaxon.ops.Env;
import io.klaxon.ops.GroupRecovery;
import io.klaxon.ops.Health;
import io.klaxon.ops.OpsServer;
import io.klaxon.ops.TenantsFollower;
import io.klaxon.privacy.Keyring;
import io.klaxon.privacy.Sealers;
import io.klaxon.registry.RegistryAccess;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.serde.SpecificAvroDeserializer;
import io.klaxon.serde.SpecificAvroSerde;
import io.klaxon.serde.WireFormat;
import io.klaxon.topics.KlaxonTopics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier service: consumes the notifications topic, delivers through Slack, email and
 * webhooks, writes receipts and dead letters to their topics, and serves {@code /metrics}, {@code
 * /health/live} and {@code /health/ready} (ready while the consumer loop polls). Configured by
 * environment variables ({@link NotifierConfig}). {@link #close()} stops consuming, interrupts
 * deliveries in flight (their offsets stay uncommitted) and releases every client.
 */
public final class NotifierApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NotifierApp.class);
  private static final Duration READY_POLL_AGE = Duration.ofSeconds(30);

  private final PrometheusMeterRegistry meters;
  private final KafkaProducer<byte[], byte[]> producer;
  private final KafkaSlackThreadLog threadLog;
  private final TenantsFollower tenantKeys;
  private final DeliveryEngine engine;
  private final EmailSender email;
  private final NotificationLoop loop;
  private final Thread loopThread;
  private final OpsServer ops;
  private final Clock clock = Clock.systemUTC();
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  private NotifierApp(NotifierConfig config, KlaxonTopics topics, SecretResolver secrets) throws IOException {
    this.meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    NotifierMetrics metrics = new NotifierMetrics(meters);

    Map<String, Object> producerProps = config.cluster().clientProperties(Map.of(
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        // Every delivery writes a receipt: one producer for all of them, in large compressed
        // batches. The wait adds little to a commit, which waits for the receipts anyway.
        ProducerConfig.LINGER_MS_CONFIG, 20,
        ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
        ProducerConfig.CLIENT_ID_CONFIG, config.groupId() + "-producer"));
    this.producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer());

    Map<String, Object> consumerSettings = new HashMap<>(Map.of(
        ConsumerConfig.GROUP_ID_CONFIG, config.groupId(),
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        // The Streams app writes notifications in transactions: never deliver one from an aborted transaction.
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxInFlight()));
    // A killed notifier's partitions move to the others once its session times out (6 s, not 45 s),
    // or at once when a supervisor removes its static identity.
    GroupRecovery.putUnlessSet(consumerSettings, config.cluster().kafkaProperties());
    GroupRecovery.putInstanceId(consumerSettings, config.groupInstanceId());
    Map<String, Object> consumerProps = config.cluster().clientProperties(consumerSettings);
    // Values stay bytes until the loop decodes them, so an undecodable one is skipped, not fatal.
    KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps,
        topics.notifications().keySerde().deserializer(), new ByteArrayDeserializer());
    // KlaxonTopics builds every value serde as a SpecificAvroSerde; the loop takes the concrete deserializer.
    SpecificAvroDeserializer<NotificationRequest> requests =
        ((SpecificAvroSerde<NotificationRequest>) topics.notifications().valueSerde()).deserializer();

    SlackConfig slackConfig = SlackSender.config(config.slackApiUrl(), config.slackTimeout());
    Secret smtpPassword = config.smtpPasswordRef() == null ? null : secrets.resolve(config.smtpPasswordRef());
    this.email = new EmailSender(new SmtpSettings(config.smtpHost(), config.smtpPort(), config.smtpStartTls(),
        config.smtpStartTlsRequired(), config.smtpTls(), config.smtpUser(), smtpPassword, config.smtpFrom(),
        Duration.ofSeconds(10), config.smtpTimeout(), config.smtpConnections()), clock);
    Renderer renderer = new Renderer(MessageBundles.builtIn(), config.defaultLocale(), metrics);
    DestinationGuard guard = DestinationGuard.withSystemResolver(AddressAllowlist.of(config.webhookAllowlist()));
    GuardedHttpClient http = new GuardedHttpClient(guard, config.webhookConnectTimeout(), config.webhookTimeout());
    TenantSecrets tenantSecrets = new TenantSecrets(secrets, config.secretsDir());
    // Every alert's Slack thread, read to the end before the first notification is delivered.
    this.threadLog = new KafkaSlackThreadLog(config.cluster(), topics.slackMessages(), config.groupId() + "-slack-threads",
        Duration.ofSeconds(10));
    SlackThreads threads = new SlackThreads(threadLog, SlackThreads.DEFAULT_CAPACITY);
    // The tenants' data keys, followed from the tenants topic: sealed notifications open, receipts are sealed.
    Keyring keyring = config.masterKeys() == null ? Keyring.none() : new Keyring(config.masterKeys());
    this.tenantKeys = TenantsFollower.start(config.cluster(), topics.tenants(), "klaxon-tenant-keys", keyring::update);
    this.engine = new DeliveryEngine(
        List.of(
            ChannelPipeline.slack(renderer, new SlackSender(slackConfig, guard, tenantSecrets, config.slackBotToken(), clock,
                SlackSender.DEFAULT_REMEMBERED, threads)),
            ChannelPipeline.email(renderer, email),
            ChannelPipeline.webhook(renderer, new WebhookSender(http, tenantSecrets, clock)),
            ChannelPipeline.pagerDuty(renderer, new PagerDutySender(http, tenantSecrets, config.pagerDutyEventsUrl(),
                config.pagerDutyPace(), clock))),
        new KafkaOutcomeRecorder(producer, topics, keyring),
        config.delivery(), clock, Sleeper.system(), () -> ThreadLocalRandom.current().nextDouble(), metrics);
    this.loop = new NotificationLoop(consumer, topics.notifications().name(), requests,
        new SealedRequests(Sealers.notifications(topics), keyring, tenantKeys::catchUp),
        new KafkaDeliveredLookup(config.cluster(), topics.deliveries(), Duration.ofSeconds(10)), engine, metrics, clock,
        config.admission(), config.waiting());
    this.loopThread = Thread.ofPlatform().name("klaxon-notifier-loop").unstarted(loop);
    this.ops = OpsServer.start(config.httpHost(), config.httpPort(), meters, this::readiness);
    loopThread.start();
  }

  /**
   * Starts a notifier.
   *
   * @param registry the schema registry (owned by the caller)
   * @throws IOException when the operations port cannot be bound
   * @throws io.klaxon.registry.SchemaRegistryException when the registry refuses the notifier's
   *     credentials (an unreachable registry is waited for instead)
   */
  public static NotifierApp start(NotifierConfig config, SchemaRegistry registry, SecretResolver secrets)
      throws IOException {
    KlaxonTopics topics = KlaxonTopics.of(config.topics(), registry);
    if (!RegistryAccess.verify(registry, WireFormat.subject(topics.notifications().name(), false))) {
      LOG.warn("Schema registry {} unreachable at start; notifications wait until it answers", config.registry());
    }
    return new NotifierApp(config, topics, secrets);
  }

  /** The bound operations port. */
  public int opsPort() {
    return ops.port();
  }

  /**
   * Ready while the consumer loop runs and polled recently, the schema registry answers its reads,
   * and no receipt or dead letter keeps failing to write.
   */
  public Health readiness() {
    Instant last = loop.lastPoll();
    if (!loopThread.isAlive()) {
      return Health.down("consumer stopped");
    }
    Optional<String> registryProblem = loop.registryProblem();
    if (registryProblem.isPresent()) {
      return Health.down(registryProblem.get());
    }
    int stuckWrites = engine.stuckOutcomeWrites();
    if (stuckWrites > 0) {
      return Health.down(stuckWrites + " receipt or dead-letter write(s) keep failing");
    }
    if (last == null) {
      return Health.down("consumer starting");
    }
    return Duration.between(last, clock.instant()).compareTo(READY_POLL_AGE) <= 0
        ? Health.up("consuming")
        : Health.down("consumer has not polled for " + Duration.between(last, clock.instant()).toSeconds() + "s");
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    loop.stop();
    engine.close();
    try {
      loopThread.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(5));
    threadLog.close();
    tenantKeys.close();
    email.close();
    ops.close();
    meters.close();
  }

  public static void main(String[] args) throws Exception {
    NotifierConfig config = NotifierConfig.from(Env.system());
    LOG.info("Starting notifier with {}", config);
    SchemaRegistry registry = config.registry().connect();
    NotifierApp app = start(config, registry, SecretResolver.system());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      app.close();
      stopped.countDown();
    }, "klaxon-notifier-shutdown"));
    LOG.info("Notifier running; operations endpoints on port {}", app.opsPort());
    stopped.await();
  }
}
