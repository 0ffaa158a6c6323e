package io.klaxon.ingest;

import io.klaxon.events.AlertEvent;
import io.klaxon.ingest.auth.TenantDirectory;
import io.klaxon.ingest.http.IngestEndpoint;
import io.klaxon.ingest.http.Intake;
import io.klaxon.ingest.kafka.AlertWriter;
import io.klaxon.ingest.mapping.AlertEventFormat;
import io.klaxon.ingest.mapping.AlertmanagerApiFormat;
import io.klaxon.ingest.mapping.AlertmanagerWebhookFormat;
import io.klaxon.ingest.mapping.PayloadFormat;
import io.klaxon.ingest.metrics.IngestMetrics;
import io.klaxon.ingest.quota.IngestQuota;
import io.klaxon.ingest.slack.ControlSlackActions;
import io.klaxon.ingest.slack.SlackInteractionsEndpoint;
import io.klaxon.ops.TenantsFollower;
import io.klaxon.control.ControlEvents;
import io.klaxon.control.SilenceLimits;
import io.klaxon.control.SilencesView;
import io.klaxon.control.TenantKeyedView;
import io.klaxon.events.AlertState;
import io.klaxon.ingest.alerts.AlertsApi;
import io.klaxon.ingest.alerts.AlertsEndpoint;
import io.klaxon.ingest.silences.SilencesApi;
import io.klaxon.ingest.silences.SilencesEndpoint;
import io.klaxon.ops.secret.SecretResolver;
import io.klaxon.ops.secret.TenantSecrets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import io.klaxon.ops.Health;
import io.klaxon.ops.OpsServer;
import io.klaxon.registry.RegistryAccess;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.serde.WireFormat;
import io.klaxon.topics.KlaxonTopics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running ingest service: the tenants topic followed into a {@link TenantDirectory}, an
 * idempotent acks=all producer on the alerts topic, and one HTTP server for the ingest endpoints,
 * {@code /metrics} and {@code /health/*}:
 *
 * <pre>
 * POST {@value #ALERTMANAGER_API_PATH}               Alertmanager's API: a JSON array of postable alerts
 * GET  {@value #ALERTMANAGER_API_PATH}               the tenant's active alerts, from the alert states topic
 * POST {@value #ALERTMANAGER_WEBHOOK_PATH}   an Alertmanager webhook receiver's payload
 * POST {@value #EVENTS_PATH}                 AlertEvent JSON: one object or an array
 * POST {@value #SLACK_INTERACTIONS_PATH}     Slack's signed button clicks (Ack, Silence 1h)
 * GET, POST /api/v2/silences; GET, DELETE /api/v2/silence/{id}; GET /api/v2/status   Alertmanager's API for silences
 * </pre>
 *
 * Ready once the tenants topic has been read up to where it was at start and the alerts topic's
 * partitions are known; the endpoints answer 503 until then. Stateless apart from the tenants it
 * reads (tenants, and silences and alert states from their topics) and each tenant's quota bucket: run as many copies
 * as needed. {@link #close()} stops the
 * server, the reader and the producer.
 */
public final class IngestService implements AutoCloseable {
  public static final String ALERTMANAGER_API_PATH = "/api/v2/alerts";
  public static final String ALERTMANAGER_WEBHOOK_PATH = "/api/v1/alertmanager/webhook";
  public static final String EVENTS_PATH = "/api/v1/events";
  public static final String SLACK_INTERACTIONS_PATH = "/api/v1/slack/interactions";

  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

  private final OpsServer server;
  private final TenantsFollower follower;
  private final KafkaProducer<String, AlertEvent> producer;
  private final Thread connecting;
  private final Supplier<Health> readiness;
  private final ControlEvents control;
  private final ExecutorService slackWork;
  private final SilencesView silences;
  private final TenantKeyedView<AlertState> alertStates;

  private IngestService(OpsServer server, TenantsFollower follower, KafkaProducer<String, AlertEvent> producer,
      Thread connecting, Supplier<Health> readiness, ControlEvents control, ExecutorService slackWork,
      SilencesView silences, TenantKeyedView<AlertState> alertStates) {
    this.silences = silences;
    this.alertStates = alertStates;
    this.control = control;
    this.slackWork = slackWork;
    this.server = server;
    this.follower = follower;
    this.producer = producer;
    this.connecting = connecting;
    this.readiness = readiness;
  }

  /**
   * Starts the service.
   *
   * @param registry the schema registry the topics' serdes use (owned by the caller)
   * @param meters where metrics go; {@code /metrics} serves them
   * @throws IOException when the HTTP port cannot be bound
   * @throws io.klaxon.registry.SchemaRegistryException when the registry refuses Klaxon's credentials
   *     (an unreachable registry is waited for instead)
   */
  public static IngestService start(IngestSettings settings, SchemaRegistry registry, PrometheusMeterRegistry meters)
      throws IOException {
    return start(settings, registry, meters, SecretResolver.system());
  }

  /**
   * Starts the service with the given resolver of the tenants' secret references (Slack signing
   * secrets), which it scopes per tenant.
   *
   * @throws IOException when the HTTP port cannot be bound
   */
  public static IngestService start(IngestSettings settings, SchemaRegistry registry, PrometheusMeterRegistry meters,
      SecretResolver secrets) throws IOException {
    KlaxonTopics topics = KlaxonTopics.of(settings.cluster().topics(), registry);
    if (!RegistryAccess.verify(registry, WireFormat.subject(topics.alerts().name(), false))) {
      LOG.warn("Schema registry {} unreachable at start; requests wait until it answers", settings.cluster().registry());
    }
    IngestQuota quota = new IngestQuota(settings.quotas(), System::nanoTime);
    TenantDirectory directory = new TenantDirectory(quota::forget);
    TenantsFollower follower = TenantsFollower.start(settings.cluster(), topics.tenants(), "ingest-tenants", directory::apply);
    KafkaProducer<String, AlertEvent> producer;
    try {
      producer = new KafkaProducer<>(producerProperties(settings), topics.alerts().keySerde().serializer(),
          topics.alerts().valueSerde().serializer());
    } catch (RuntimeException e) {
      follower.close();
      throw e;
    }
    AlertWriter writer = new AlertWriter(producer, topics.alerts().name(), settings.produceTimeout());
    Thread connecting = Thread.ofVirtual().name("ingest-kafka-connect").start(writer::connect);
    Supplier<Health> readiness = () -> !follower.caughtUp() ? Health.down("reading the tenants topic")
        : !writer.connected() ? Health.down("connecting to Kafka")
        : Health.up("READY: " + directory.tenantCount() + " tenants");
    IngestMetrics metrics = new IngestMetrics(meters, settings.tenantSeriesLimit(), directory);
    Intake intake = new Intake(directory, quota, writer, metrics, Clock.systemUTC());
    OpsServer server;
    try {
      server = OpsServer.start(settings.httpHost(), settings.httpPort(), meters, readiness);
    } catch (IOException | RuntimeException e) {
      connecting.interrupt();
      follower.close();
      producer.close(Duration.ZERO);
      throw e;
    }
    for (Map.Entry<String, PayloadFormat> endpoint : Map.of(
        ALERTMANAGER_WEBHOOK_PATH, new AlertmanagerWebhookFormat(settings.defaultSeverity()),
        EVENTS_PATH, new AlertEventFormat()).entrySet()) {
      server.route(endpoint.getKey(), new IngestEndpoint(endpoint.getValue(), intake, readiness, metrics,
          settings.maxBodyBytes()));
    }
    TenantKeyedView<AlertState> alertStates = TenantKeyedView.start(settings.cluster().clientProperties(Map.of()),
        topics.alertStates(), AlertState::getTenantId, "ingest-alert-states");
    IngestEndpoint postAlerts = new IngestEndpoint(new AlertmanagerApiFormat(settings.defaultSeverity()), intake,
        readiness, metrics, settings.maxBodyBytes());
    AlertsEndpoint queryAlerts = new AlertsEndpoint(
        new AlertsApi(tenant -> alertStates.values(tenant, settings.produceTimeout())), intake::authenticate, readiness,
        metrics);
    server.route(ALERTMANAGER_API_PATH,
        exchange -> (exchange.getRequestMethod().equals("POST") ? postAlerts : queryAlerts).handle(exchange));
    ControlEvents control = ControlEvents.open(settings.cluster().clientProperties(Map.of()), topics,
        SilenceLimits.DEFAULTS, settings.produceTimeout());
    // Slack wants an answer within 3 s: clicks are verified on the request thread and acted on here.
    ExecutorService slackWork = new ThreadPoolExecutor(1, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1000),
        Thread.ofVirtual().name("slack-interaction-", 0).factory());
    server.route(SLACK_INTERACTIONS_PATH, new SlackInteractionsEndpoint(directory,
        new TenantSecrets(secrets, settings.secretsDir()), new ControlSlackActions(control, Clock.systemUTC()),
        slackWork, settings.slackResponseUrlPrefix(), readiness, Clock.systemUTC(), settings.maxBodyBytes()));
    SilencesView silences = SilencesView.start(settings.cluster().clientProperties(Map.of()), topics.silences(),
        "ingest-silences");
    SilencesEndpoint silencesEndpoint = new SilencesEndpoint(
        new SilencesApi(tenant -> silences.silences(tenant, settings.produceTimeout()), control, SilenceLimits.DEFAULTS,
            Clock.systemUTC()),
        intake::authenticate, readiness, metrics, settings.maxBodyBytes(), Instant.now());
    server.route(SilencesEndpoint.SILENCES_PATH, silencesEndpoint);
    server.route(SilencesEndpoint.SILENCE_PATH, silencesEndpoint);
    server.route(SilencesEndpoint.STATUS_PATH, silencesEndpoint);
    LOG.info("Klaxon ingest service listening at {} ({}, {}, {}, {}, {}), writing to {}, tenants from {}, silences {}, "
        + "alert states {}", server.url(), ALERTMANAGER_API_PATH, ALERTMANAGER_WEBHOOK_PATH, EVENTS_PATH,
        SLACK_INTERACTIONS_PATH, SilencesEndpoint.SILENCES_PATH, topics.alerts(), topics.tenants(), topics.silences(),
        topics.alertStates());
    return new IngestService(server, follower, producer, connecting, readiness, control, slackWork, silences,
        alertStates);
  }

  private static Map<String, Object> producerProperties(IngestSettings settings) {
    long timeoutMs = settings.produceTimeout().toMillis();
    return settings.cluster().clientProperties(Map.of(
        ProducerConfig.CLIENT_ID_CONFIG, "klaxon-ingest",
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, settings.lingerMs(),
        // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMs,
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (timeoutMs - settings.lingerMs()),
        ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs));
  }

  /** Where the endpoints listen ({@code http://127.0.0.1:8083}). */
  public String url() {
    return server.url();
  }

  /** Whether the service takes alerts (what {@code /health/ready} says). */
  public Health readiness() {
    return readiness.get();
  }

  @Override
  public void close() {
    server.close();
    slackWork.shutdown();
    try {
      slackWork.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    control.close();
    silences.close();
    alertStates.close();
    connecting.interrupt();
    follower.close();
    producer.close(Duration.ofSeconds(5));
  }
}
