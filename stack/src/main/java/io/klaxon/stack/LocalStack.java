package io.klaxon.stack;

import io.klaxon.cli.read.TopicReader;
import io.klaxon.cli.tenants.DataKeys;
import io.klaxon.cli.tenants.TenantRetention;
import io.klaxon.cli.tenants.TenantSetValidator;
import io.klaxon.cli.tenants.audit.CurrentTenants;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.WebhookTarget;
import io.klaxon.launcher.Deployment;
import io.klaxon.launcher.Launcher;
import io.klaxon.launcher.LocalDeployment;
import io.klaxon.launcher.Part;
import io.klaxon.launcher.PartKind;
import io.klaxon.launcher.PipelineMetrics;
import io.klaxon.launcher.ProcessFigures;
import io.klaxon.launcher.RunMode;
import io.klaxon.launcher.StandInSecrets;
import io.klaxon.launcher.TenantPublisher;
import io.klaxon.ops.Env;
import io.klaxon.ops.secret.MasterKeySettings;
import io.klaxon.privacy.MasterKey;
import io.klaxon.privacy.MasterKeys;
import io.klaxon.registry.RegistrySettings;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.serde.PinnedSchemaSerializer;
import io.klaxon.serde.ReleasedSchemas;
import io.klaxon.sinks.StandInsConfig;
import io.klaxon.sinks.pagerduty.PagerDutyStandIn;
import io.klaxon.topics.TopicNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The whole pipeline on one machine for {@code klaxon up}: the {@link LocalDeployment} (a real
 * KRaft broker whose data is kept under the data directory and reused, the schema registry, the
 * topics, the local stand-ins for Slack, SMTP, webhooks and PagerDuty with their inbox page, the Streams app
 * instances, the notifiers and the HTTP ingest service), started by the {@link Launcher}
 * in-process or each part as its own process, and the tenants from a directory of tenant files,
 * applied before the applications start. Either everything starts or what had started is stopped
 * again. {@link #close()} stops everything.
 */
public final class LocalStack implements AutoCloseable {
  /** How often the stack enforces the tenants' retention. */
  static final Duration RETENTION_PERIOD = Duration.ofHours(1);
  /** Where the example tenants' webhook targets point: the receiver's default address. */
  private static final String DEFAULT_RECEIVER = "http://127.0.0.1:" + StandInsConfig.DEFAULT_WEBHOOK_PORT + "/";

  private final Launcher launcher;
  private final List<TenantConfig> tenants;
  private final SchemaRegistry registry;
  private final PipelineMetrics metrics;
  private final ScheduledExecutorService retention;

  private LocalStack(Launcher launcher, List<TenantConfig> tenants, Path dataDir, Consumer<String> progress) {
    this.launcher = launcher;
    this.tenants = tenants;
    this.registry = RegistrySettings.of(launcher.deployment().registryUrl()).connect();
    this.metrics = new PipelineMetrics(launcher);
    this.retention = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("tenant-retention").daemon()
        .factory());
    scheduleRetention(dataDir, progress);
  }

  /**
   * Enforces the tenants' retention every hour, as {@code klaxon tenants retain --every 1h} would
   * (the tenants were given their due keys when they were applied at start). Quiet unless a tenant's
   * keys change or a pass fails.
   */
  private void scheduleRetention(Path dataDir, Consumer<String> progress) {
    MasterKeys masters = masterKeys(dataDir);
    Map<String, Object> client = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, launcher.deployment().bootstrapServers());
    Map<String, Object> producer = new HashMap<>(producerConfig());
    producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    TenantRetention pass = new TenantRetention(client, producer, registry, TopicNames.DEFAULTS, masters, "klaxon up");
    // The pass catches what it throws: the future never completes exceptionally.
    var unused = retention.scheduleWithFixedDelay(() -> {
      try {
        TenantRetention.Result result = pass.runOnce(Instant.now(), change -> progress.accept("retention: " + change),
            problem -> progress.accept("retention: " + problem));
        if (result.changed() > 0) {
          progress.accept("retention: " + result);
        }
      } catch (ExecutionException | RuntimeException e) {
        progress.accept("retention: the pass failed, next one in an hour: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, RETENTION_PERIOD.toMillis(), RETENTION_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Starts everything; {@code progress} gets one line per step. */
  public static LocalStack start(StackOptions options, Consumer<String> progress) throws Exception {
    TenantSetValidator.Report report = new TenantSetValidator().validate(List.of(options.tenantsDir()));
    if (!report.allValid()) {
      throw new IllegalStateException("tenant files in " + options.tenantsDir() + " are invalid:\n"
          + String.join("\n", report.problems().stream().map(Object::toString).toList()));
    }
    Deployment deployment = deployment(options, report.tenants());
    String receiver = deployment.part("stand-ins").url("webhook") + "/";
    List<TenantConfig> tenants = report.tenants().stream().map(t -> pointedAt(t, receiver)).toList();
    progress.accept("data in " + options.dataDir() + (options.mode() == RunMode.SEPARATE_PROCESS
        ? ", each part as its own process (logs in " + options.dataDir().resolve("logs") + ")" : ""));
    Launcher launcher = Launcher.start(deployment, progress, started -> {
      if (!receiver.equals(DEFAULT_RECEIVER)) {
        progress.accept("tenant webhooks addressed to " + DEFAULT_RECEIVER + " go to this stack's receiver, " + receiver);
      }
      progress.accept("applying " + tenants.size() + " tenants from " + options.tenantsDir());
      try (SchemaRegistry registry = RegistrySettings.of(deployment.registryUrl()).connect()) {
        TenantPublisher.publish(deployment.bootstrapServers(), TopicNames.DEFAULTS.tenants(), tenantSerializer(registry),
            withDataKeys(tenants, deployment.bootstrapServers(), registry, options.dataDir(), progress));
      }
    });
    return new LocalStack(launcher, tenants, options.dataDir(), progress);
  }

  private static Deployment deployment(StackOptions options, List<TenantConfig> tenants) {
    Deployment deployment = LocalDeployment.builder(options.dataDir()).keepData(true).mode(options.mode())
        .ports(options.ports()).withStandIns().streamsInstances(options.streamsInstances()).notifiers(options.notifiers())
        .ingestCopies(1)
        .env(PartKind.STAND_INS, Map.of("SINKS_WEBHOOK_FAILURE_FRACTION", Double.toString(options.webhookFailureFraction()),
            "SINKS_WEBHOOK_FAILURE_SEED", "7"))
        .build();
    Part standIns = deployment.part("stand-ins");
    // Every tenant gets a data key under the stack's own master key: the pipeline seals what it writes about it.
    Map<String, String> masterKey = Map.of(MasterKeySettings.MASTER_KEY_REF, StackMasterKey.reference(options.dataDir()));
    Map<String, String> notifier = new LinkedHashMap<>(
        notifierEnv(tenants, standIns.port("slack"), standIns.env().get(StandInSecrets.KEY_VARIABLE)));
    notifier.putAll(masterKey);
    return deployment.withEnv(PartKind.NOTIFIER, notifier).withEnv(PartKind.STREAMS, masterKey);
  }

  /**
   * The notifiers' settings for a local demo: short retries, the Slack incoming-webhook URL of
   * every Slack target of the tenant files (the Slack stand-in's), the routing key of every
   * PagerDuty target with an {@code env:} reference (a 32-character key derived from the stack key,
   * {@link StandInSecrets#routingKeyFor}, which the PagerDuty stand-in accepts), and settings a
   * user may want to try locally, passed through from the environment.
   */
  static Map<String, String> notifierEnv(List<TenantConfig> tenants, int slackPort, String stackKey) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("RETRY_BASE", "500ms");
    env.put("RETRY_MAX", "5s");
    env.put("RETRY_MAX_ATTEMPTS", "4");
    env.put("RETRY_MAX_ELAPSED", "30s");
    for (TenantConfig tenant : tenants) {
      for (ChannelTarget target : tenant.getTargets()) {
        String reference = target.getSlack() == null ? null : target.getSlack().getWebhookUrlRef();
        if (reference != null && reference.startsWith("env:")) {
          env.put(reference.substring(4), "http://127.0.0.1:" + slackPort + "/services/" + tenant.getTenantId() + "/"
              + target.getId());
        }
        String routingKeyRef = target.getPagerduty() == null ? null : target.getPagerduty().getRoutingKeyRef().strip();
        if (routingKeyRef != null && routingKeyRef.startsWith("env:")) {
          env.put(routingKeyRef.substring(4), StandInSecrets.routingKeyFor(stackKey, routingKeyRef));
        }
      }
    }
    for (String name : List.of("DEFAULT_LOCALE", "TENANT_ISOLATION_LEVEL", "TENANT_MAX_IN_FLIGHT", "STRICT_TENANT_IN_FLIGHT",
        "NOTIFIER_MAX_IN_FLIGHT", "TARGET_CONCURRENCY", "TARGET_CONCURRENCY_MIN", "TARGET_CONCURRENCY_MAX")) {
      String value = System.getenv(name);
      if (value != null) {
        env.put(name, value);
      }
    }
    return env;
  }

  /**
   * The tenants with the data keys their records on the tenants topic hold (from an earlier run),
   * and a new one under the stack's master key for each tenant that has none.
   */
  private static List<TenantConfig> withDataKeys(List<TenantConfig> tenants, String bootstrapServers, SchemaRegistry registry,
      Path dataDir, Consumer<String> progress) {
    String version = Env.system().string("TENANCY_SCHEMA_VERSION", "latest");
    if (ReleasedSchemas.writerSchema(TenantConfig.class, version).getField("dataKeys") == null) {
      progress.accept("TENANCY_SCHEMA_VERSION=" + version + " has no data keys: the tenants' records are not sealed");
      return tenants;
    }
    MasterKeys masters = masterKeys(dataDir);
    Set<String> ids = new HashSet<>();
    tenants.forEach(t -> ids.add(t.getTenantId()));
    Map<String, TenantConfig> current = CurrentTenants.read(new TopicReader<>(
        Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), registry, TopicNames.DEFAULTS.tenants(),
        TenantConfig.class), ids, problem -> progress.accept("skipped an unreadable tenant record: " + problem));
    Instant now = Instant.now();
    return tenants.stream().map(t -> DataKeys.plan(t, current.get(t.getTenantId()), masters, false, now).tenant()).toList();
  }

  /** The stack's own master key, made on the first run. */
  private static MasterKeys masterKeys(Path dataDir) {
    return MasterKeys.of(MasterKey.parse(MasterKeySettings.MASTER_KEY_REF, readKey(StackMasterKey.ensure(dataDir))));
  }

  private static String readKey(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the stack's master key " + file, e);
    }
  }

  /** The tenant with its webhook targets at the receiver's default address moved to {@code receiver}. */
  static TenantConfig pointedAt(TenantConfig tenant, String receiver) {
    List<ChannelTarget> targets = new ArrayList<>();
    for (ChannelTarget target : tenant.getTargets()) {
      WebhookTarget webhook = target.getWebhook();
      if (webhook != null && webhook.getUrl().startsWith(DEFAULT_RECEIVER)) {
        target = ChannelTarget.newBuilder(target).setWebhook(WebhookTarget.newBuilder(webhook)
            .setUrl(receiver + webhook.getUrl().substring(DEFAULT_RECEIVER.length())).build()).build();
      }
      targets.add(target);
    }
    return TenantConfig.newBuilder(tenant).setTargets(targets).build();
  }

  /** Where everything listens. */
  public String describe() {
    Deployment deployment = launcher.deployment();
    Part standIns = deployment.part("stand-ins");
    List<String> lines = new ArrayList<>();
    lines.add("  Kafka bootstrap        " + deployment.bootstrapServers());
    lines.add("  schema registry        " + deployment.registryUrl());
    lines.add("  inbox page             " + standIns.url("inbox") + "/");
    for (Part streams : deployment.parts(PartKind.STREAMS)) {
      lines.add(String.format(Locale.ROOT, "  %-22s %s/metrics   health %s", streams.name() + " metrics",
          streams.url("http"), streams.health()));
    }
    lines.add("  explain                " + deployment.parts(PartKind.STREAMS).getFirst().url("http")
        + "/tenants/<tenant>/fingerprints/<fingerprint>");
    for (Part notifier : deployment.parts(PartKind.NOTIFIER)) {
      lines.add(String.format(Locale.ROOT, "  %-22s %s/metrics   health %s", notifier.name() + " metrics",
          notifier.url("http"), notifier.health()));
    }
    for (Part ingest : deployment.parts(PartKind.INGEST)) {
      lines.add(String.format(Locale.ROOT, "  %-22s %s/api/v2/alerts (Alertmanager API), /api/v1/alertmanager/webhook,"
          + " /api/v1/events; metrics, health", ingest.name(), ingest.url("http")));
    }
    lines.add("  Slack API stand-in     " + standIns.url("slack") + "/api/");
    String interactions = standIns.env().get("SINKS_SLACK_INTERACTIONS_URL");
    if (interactions != null) {
      lines.add("  Slack buttons          click them on the inbox page; they go to " + interactions);
    }
    lines.add("  SMTP stand-in          127.0.0.1:" + standIns.port("smtp"));
    lines.add("  webhook receiver       " + standIns.url("webhook") + "/hooks/<tenant>");
    lines.add("  PagerDuty stand-in     " + standIns.url("pagerduty") + PagerDutyStandIn.ENQUEUE_PATH + " (Events API v2)");
    lines.add("  tenants                " + String.join(", ", tenants.stream().map(t -> t.getTenantId() + " ("
        + t.getTier().name().toLowerCase(Locale.ROOT) + ", " + t.getDefaultLocale() + ")").toList()));
    for (Part part : deployment.parts()) {
      if (part.mode() == RunMode.SEPARATE_PROCESS) {
        lines.add(String.format(Locale.ROOT, "  %-22s pid %d, log %s", part.name(), launcher.pid(part.name()),
            deployment.logFile(part.name())));
      }
    }
    return String.join("\n", lines);
  }

  /** The schema registry, for clients of the stack (e.g. the demo traffic). */
  public SchemaRegistry registry() {
    return registry;
  }

  public List<TenantConfig> tenants() {
    return tenants;
  }

  /** The launcher running the parts. */
  public Launcher launcher() {
    return launcher;
  }

  /** The pipeline's counters, over every Streams instance and notifier. */
  public PipelineMetrics metrics() {
    return metrics;
  }

  /** CPU and memory of every running part's process. */
  public List<ProcessFigures> figures() {
    return launcher.figures();
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
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, launcher.deployment().bootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return config;
  }

  /** Null when every part is healthy, else what is wrong. */
  public String failure() {
    return launcher.failure();
  }

  @Override
  public void close() {
    retention.shutdownNow();
    metrics.close();
    registry.close();
    launcher.close();
  }
}
