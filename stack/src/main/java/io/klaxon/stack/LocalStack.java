package io.klaxon.stack;

import io.klaxon.cli.tenants.TenantSetValidator;
import io.klaxon.embedded.EmbeddedKafkaBroker;
import io.klaxon.embedded.EmbeddedSchemaRegistry;
import io.klaxon.embedded.TopicSpec;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.TenantConfig;
import io.klaxon.notifier.app.NotifierApp;
import io.klaxon.notifier.app.NotifierConfig;
import io.klaxon.notifier.secret.SecretResolver;
import io.klaxon.ops.Env;
import io.klaxon.registry.HttpSchemaRegistryClient;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.serde.PinnedSchemaSerializer;
import io.klaxon.serde.ReleasedSchemas;
import io.klaxon.sinks.StandIns;
import io.klaxon.sinks.inbox.Inbox;
import io.klaxon.sinks.slack.SlackApiSettings;
import io.klaxon.sinks.webhook.WebhookReceiverSettings;
import io.klaxon.streams.app.StreamsApp;
import io.klaxon.streams.app.StreamsSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The whole pipeline on one machine: a real KRaft broker (data kept under the data directory and
 * reused), the schema registry, the topics, the local stand-ins for Slack, SMTP and webhooks with
 * their inbox page, the tenants from a directory of tenant files, the Streams app and the notifier.
 * Either everything starts or what had started is stopped again. {@link #close()} stops
 * everything in reverse order.
 */
public final class LocalStack implements AutoCloseable {
  static final List<String> TOPICS = List.of("klaxon.alerts.v1", "klaxon.tenants.v1", "klaxon.alerts.dlq.v1",
      "klaxon.notifications.v1", "klaxon.deliveries.v1", "klaxon.notifications.dlq.v1");

  private final StackOptions options;
  private final List<AutoCloseable> started = new ArrayList<>();
  private EmbeddedKafkaBroker broker;
  private EmbeddedSchemaRegistry registryServer;
  private HttpSchemaRegistryClient registry;
  private StandIns sinks;
  private StreamsApp streams;
  private NotifierApp notifier;
  private List<TenantConfig> tenants;
  private final PrometheusMeterRegistry streamsMeters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  private LocalStack(StackOptions options) {
    this.options = options;
  }

  /** Starts everything; {@code progress} gets one line per step. */
  public static LocalStack start(StackOptions options, java.util.function.Consumer<String> progress) throws Exception {
    LocalStack stack = new LocalStack(options);
    try {
      stack.startAll(progress);
      return stack;
    } catch (Exception e) {
      stack.close();
      throw e;
    }
  }

  private void startAll(java.util.function.Consumer<String> progress) throws Exception {
    TenantSetValidator.Report report = new TenantSetValidator().validate(List.of(options.tenantsDir()));
    if (!report.allValid()) {
      throw new IllegalStateException("tenant files in " + options.tenantsDir() + " are invalid:\n"
          + String.join("\n", report.problems().stream().map(Object::toString).toList()));
    }
    tenants = report.tenants();

    Files.createDirectories(options.dataDir());
    progress.accept("starting Kafka (KRaft, data in " + options.dataDir().resolve("kafka") + ")");
    broker = track(EmbeddedKafkaBroker.builder().dataDir(options.dataDir().resolve("kafka")).port(options.kafkaPort()).start());
    progress.accept("starting the schema registry");
    registryServer = track(EmbeddedSchemaRegistry.builder(broker.bootstrapServers()).port(options.registryPort()).start());
    registry = HttpSchemaRegistryClient.builder(registryServer.url()).build();
    broker.createTopics(TOPICS.stream().map(t -> t.equals("klaxon.tenants.v1") ? TopicSpec.compacted(t, 3) : TopicSpec.of(t, 3)).toList());

    Map<String, String> secrets = new HashMap<>();
    WebhookReceiverSettings webhooks = WebhookReceiverSettings.defaults().withPort(options.webhookPort())
        .withFailures(options.webhookFailureFraction(), 7);
    SlackApiSettings slack = SlackApiSettings.defaults().withPort(options.slackPort());
    for (TenantConfig tenant : tenants) {
      for (ChannelTarget target : tenant.getTargets()) {
        if (target.getSlack() != null && target.getSlack().getWebhookUrlRef() != null) {
          secrets.put(envName(target.getSlack().getWebhookUrlRef()),
              "http://127.0.0.1:" + options.slackPort() + "/services/" + tenant.getTenantId() + "/" + target.getId());
        }
        if (target.getWebhook() != null) {
          String secret = "whsec_" + Base64.getEncoder().encodeToString(randomBytes());
          secrets.put(envName(target.getWebhook().getSecretRef()), secret);
          webhooks = webhooks.withSecret(URI.create(target.getWebhook().getUrl()).getPath(), secret);
        }
      }
    }
    progress.accept("starting the local Slack, SMTP and webhook stand-ins and the inbox page");
    sinks = track(StandIns.start(slack, webhooks, options.smtpPort(), options.inboxPort(), new Inbox()));

    progress.accept("applying " + tenants.size() + " tenants from " + options.tenantsDir());
    try (KafkaProducer<String, TenantConfig> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(),
        tenantSerializer(registry))) {
      for (TenantConfig tenant : tenants) {
        producer.send(new ProducerRecord<>("klaxon.tenants.v1", tenant.getTenantId(),
            TenantConfig.newBuilder(tenant).setUpdatedAt(Instant.now()).build())).get(30, TimeUnit.SECONDS);
      }
    }

    progress.accept("starting the Streams app");
    Map<String, String> streamsEnv = new HashMap<>();
    streamsEnv.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    streamsEnv.put("SCHEMA_REGISTRY_URL", registryServer.url());
    streamsEnv.put("STATE_DIR", options.dataDir().resolve("streams-state").toString());
    streamsEnv.put("HTTP_PORT", String.valueOf(options.streamsPort()));
    streams = track(StreamsApp.start(StreamsSettings.from(Env.of(streamsEnv)), registry, streamsMeters));

    progress.accept("starting the notifier");
    Map<String, String> notifierEnv = new HashMap<>();
    notifierEnv.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    notifierEnv.put("SCHEMA_REGISTRY_URL", registryServer.url());
    notifierEnv.put("SLACK_API_URL", "http://127.0.0.1:" + options.slackPort() + "/api/");
    notifierEnv.put("SLACK_BOT_TOKEN", slack.token());
    notifierEnv.put("SMTP_HOST", "127.0.0.1");
    notifierEnv.put("SMTP_PORT", String.valueOf(options.smtpPort()));
    notifierEnv.put("SMTP_FROM", "klaxon@localhost");
    notifierEnv.put("WEBHOOK_ALLOWLIST", "127.0.0.1,localhost");
    notifierEnv.put("HTTP_PORT", String.valueOf(options.notifierPort()));
    notifierEnv.put("RETRY_BASE", "500ms");
    notifierEnv.put("RETRY_MAX", "5s");
    notifierEnv.put("RETRY_MAX_ATTEMPTS", "4");
    notifierEnv.put("RETRY_MAX_ELAPSED", "30s");
    // Settings a user may want to try locally pass through from the environment.
    for (String name : List.of("DEFAULT_LOCALE", "TENANT_ISOLATION_LEVEL", "TENANT_MAX_IN_FLIGHT", "STRICT_TENANT_IN_FLIGHT",
        "NOTIFIER_MAX_IN_FLIGHT", "TARGET_CONCURRENCY")) {
      String value = System.getenv(name);
      if (value != null) {
        notifierEnv.put(name, value);
      }
    }
    SecretResolver secretResolver = new SecretResolver(name -> secrets.containsKey(name) ? secrets.get(name) : System.getenv(name));
    notifier = track(NotifierApp.start(NotifierConfig.from(Env.of(notifierEnv)), registry, secretResolver));

    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (System.nanoTime() > deadline || streams.state() == KafkaStreams.State.ERROR) {
        throw new IllegalStateException("the Streams app did not reach RUNNING (state " + streams.state() + ")");
      }
      Thread.sleep(100);
    }
  }

  /** Where everything listens. */
  public String describe() {
    return String.join("\n",
        "  Kafka bootstrap        " + broker.bootstrapServers(),
        "  schema registry        " + registryServer.url(),
        "  inbox page             http://127.0.0.1:" + options.inboxPort() + "/",
        "  Streams app metrics    " + streams.opsUrl() + "/metrics   health " + streams.opsUrl() + "/health/ready",
        "  explain                " + streams.opsUrl() + "/tenants/<tenant>/fingerprints/<fingerprint>",
        "  notifier metrics       http://127.0.0.1:" + notifier.opsPort() + "/metrics   health http://127.0.0.1:"
            + notifier.opsPort() + "/health/ready",
        "  Slack API stand-in     http://127.0.0.1:" + options.slackPort() + "/api/",
        "  SMTP stand-in          127.0.0.1:" + options.smtpPort(),
        "  webhook receiver       http://127.0.0.1:" + options.webhookPort() + "/hooks/<tenant>",
        "  tenants                " + String.join(", ", tenants.stream().map(t -> t.getTenantId() + " ("
            + t.getTier().name().toLowerCase(Locale.ROOT) + ", " + t.getDefaultLocale() + ")").toList()));
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  public HttpSchemaRegistryClient registry() {
    return registry;
  }

  public List<TenantConfig> tenants() {
    return tenants;
  }

  public Inbox inbox() {
    return sinks.inbox();
  }

  public PrometheusMeterRegistry streamsMeters() {
    return streamsMeters;
  }

  /** Tenants are written with the TenantConfig schema version TENANCY_SCHEMA_VERSION names (latest by default). */
  private static PinnedSchemaSerializer<TenantConfig> tenantSerializer(SchemaRegistry registry) {
    String version = Env.system().string("TENANCY_SCHEMA_VERSION", "latest");
    try {
      return new PinnedSchemaSerializer<>(registry, ReleasedSchemas.writerSchema(TenantConfig.class, version),
          "TENANCY_SCHEMA_VERSION=" + version, true);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Environment variable TENANCY_SCHEMA_VERSION: " + e.getMessage(), e);
    }
  }

  /** Producer settings for this stack's broker. */
  public Map<String, Object> producerConfig() {
    Map<String, Object> config = new HashMap<>(broker.clientConfig());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return config;
  }

  /** Null when every component is healthy, else what is wrong. */
  public String failure() {
    if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING
        || streams.state() == KafkaStreams.State.PENDING_ERROR) {
      return "the Streams app is " + streams.state();
    }
    if (!notifier.readiness().up()) {
      return "the notifier is not ready: " + notifier.readiness().detail();
    }
    return null;
  }

  private <T extends AutoCloseable> T track(T component) {
    started.add(component);
    return component;
  }

  @Override
  public void close() {
    for (AutoCloseable component : started.reversed()) {
      try {
        component.close();
      } catch (Exception e) {
        System.err.println("klaxon: stopping " + component.getClass().getSimpleName() + " failed: " + e);
      }
    }
    started.clear();
    if (registry != null) {
      registry.close();
    }
  }

  private static String envName(String reference) {
    if (reference == null || !reference.startsWith("env:")) {
      throw new IllegalStateException("the local stack fills env: secret references only, not " + reference);
    }
    return reference.substring(4);
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
