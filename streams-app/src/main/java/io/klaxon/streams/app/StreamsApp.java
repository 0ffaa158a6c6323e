package io.klaxon.streams.app;

import io.klaxon.ops.Env;
import io.klaxon.ops.Health;
import io.klaxon.ops.OpsServer;
import io.klaxon.privacy.Keyring;
import io.klaxon.privacy.Sealers;
import io.klaxon.registry.RegistryAccess;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.registry.SchemaRegistryUnavailableException;
import io.klaxon.serde.WireFormat;
import io.klaxon.streams.KlaxonTopology;
import io.klaxon.streams.TenantTableStatus;
import io.klaxon.topics.KlaxonTopics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running Streams application: the topology in a {@link KafkaStreams} instance, its metrics
 * and health endpoints, and an orderly shutdown. {@link #close()} stops the streams (committing
 * what was processed) and the endpoints.
 *
 * <p>A stream thread that dies (for example because the schema registry is unreachable, which is
 * not bad data and must not be dead-lettered) is replaced, so processing resumes from the last
 * commit once the cause is gone.
 */
public final class StreamsApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);

  private final KafkaStreams streams;
  private final TenantTableStatus tenantTable;
  private final Thread inputContracts;
  private final OpsServer ops;
  private final KafkaStreamsMetrics streamsMetrics;
  private final UncleanStart stateMark;

  private StreamsApp(KafkaStreams streams, TenantTableStatus tenantTable, Thread inputContracts, OpsServer ops,
      KafkaStreamsMetrics streamsMetrics, UncleanStart stateMark) {
    this.streams = streams;
    this.stateMark = stateMark;
    this.tenantTable = tenantTable;
    this.inputContracts = inputContracts;
    this.ops = ops;
    this.streamsMetrics = streamsMetrics;
  }

  /**
   * Starts the application. First the input subjects get their compatibility level and Klaxon's
   * schemas ({@link InputContracts}; in the background while the registry cannot be reached). Then
   * Kafka Streams starts, which loads the tenants table before it processes any alert: while the
   * registry cannot be reached and tenant records need it, this waits for the registry.
   *
   * @param registry the schema registry the topics' serdes use (owned by the caller)
   * @param meters where metrics go; the endpoints serve them
   * @throws IOException when the metrics port cannot be bound
   * @throws io.klaxon.registry.SchemaRegistryException when the registry refuses Klaxon's credentials
   *     (an unreachable registry is waited for instead)
   */
  public static StreamsApp start(StreamsSettings settings, SchemaRegistry registry, PrometheusMeterRegistry meters)
      throws IOException {
    KlaxonTopics topics = KlaxonTopics.of(settings.topics(), registry);
    boolean reachable = RegistryAccess.verify(registry, WireFormat.subject(topics.alerts().name(), false));
    if (!reachable) {
      LOG.warn("Schema registry {} unreachable at start; alerts wait until it answers", settings.registry());
    }
    Thread inputContracts = applyInputContracts(registry, topics, reachable);
    meters.config().meterFilter(KafkaMeterNames.INSTANCE);
    MicrometerPipelineListener listener = new MicrometerPipelineListener(meters, settings.tenantSeriesLimit(),
        System::currentTimeMillis);
    TenantTableStatus tenantTable = new TenantTableStatus();
    Keyring keyring = settings.masterKeys() == null ? Keyring.none() : new Keyring(settings.masterKeys());
    Topology topology = KlaxonTopology.build(settings.topology(), topics, listener, tenantTable, keyring);
    AtomicReference<KafkaStreams> running = new AtomicReference<>();
    OpsServer ops = OpsServer.start(settings.httpHost(), settings.httpPort(), meters, () -> {
      KafkaStreams current = running.get();
      return current == null ? Health.down("STARTING") : readiness(current);
    });
    // Other instances reach this one's explain endpoint through application.server.
    Properties properties = new Properties();
    properties.putAll(settings.kafka());
    String advertised = settings.advertisedHost() + ":" + ops.port();
    properties.putIfAbsent(StreamsConfig.APPLICATION_SERVER_CONFIG, advertised);
    if (keyring.enabled()) {
      properties.put(DeadLetterExceptionHandler.SEALING, new DeadLetterExceptionHandler.Sealing(
          Sealers.deadLetters(topics), keyring, topics.alerts().name()));
    }
    KafkaStreams streams;
    UncleanStart stateMark;
    try {
      stateMark = UncleanStart.prepare(Path.of(properties.getProperty(StreamsConfig.STATE_DIR_CONFIG),
          settings.applicationId()), !StreamsConfig.AT_LEAST_ONCE.equals(settings.processingGuarantee()), LOG::info);
      streams = new KafkaStreams(topology, properties);
    } catch (RuntimeException e) {
      ops.close();
      if (inputContracts != null) {
        inputContracts.interrupt();
      }
      throw e;
    }
    running.set(streams);
    HostInfo self = HostInfo.buildFromEndpoint(properties.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG));
    ops.route(ExplainHandler.PREFIX, new ExplainHandler(streams, self, settings.topology().defaultDedupWindow().toMillis()));
    streams.setUncaughtExceptionHandler(exception -> {
      LOG.error("Stream thread failed; replacing it. Cause: {}", exception.toString());
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    RestorationLog restorations = new RestorationLog(LOG::info, System::nanoTime);
    streams.setGlobalStateRestoreListener(restorations);
    streams.setStandbyUpdateListener(restorations);
    KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(meters);
    Gauge.builder("klaxon.streams.running", streams, s -> s.state() == KafkaStreams.State.RUNNING ? 1 : 0)
        .description("1 while the Kafka Streams instance is RUNNING").register(meters);
    Gauge.builder("klaxon.streams.state.restoring", restorations, RestorationLog::restoring)
        .description("Changelog partitions this instance restores, or follows with a standby copy not caught up yet: "
            + "0 once every local copy is caught up")
        .register(meters);
    Gauge.builder("klaxon.streams.tenant.table.behind", tenantTable, t -> t.isBehind() ? 1 : 0)
        .description("1 while a tenant update waits for the schema registry (alerts of tenants missing from the table wait too)")
        .register(meters);
    streams.start();
    LOG.info("Klaxon Streams app started: application id {}, {}, reading {}, registry {}; metrics at {}/metrics; {}",
        settings.applicationId(), settings.processingGuarantee(), topics.alerts(), settings.registry(), ops.url(),
        settings.masterKeys() == null ? "no master key: notifications are not sealed"
            : "notifications of tenants with a data key sealed (master key " + settings.masterKeys().current().id() + ")");
    return new StreamsApp(streams, tenantTable, inputContracts, ops, streamsMetrics, stateMark);
  }

  /**
   * Applies the {@link InputContracts} now or, while the registry cannot be reached, on a thread
   * that keeps trying; returns that thread, or null when done.
   */
  private static Thread applyInputContracts(SchemaRegistry registry, KlaxonTopics topics, boolean reachable) {
    if (reachable) {
      try {
        InputContracts.apply(registry, topics);
        return null;
      } catch (SchemaRegistryUnavailableException e) {
        LOG.warn("Schema registry unreachable while setting the input contracts; retrying until it answers: {}",
            e.getMessage());
      }
    }
    return Thread.ofVirtual().name("klaxon-input-contracts").start(() -> InputContracts.applyOnceReachable(registry, topics));
  }

  private static Health readiness(KafkaStreams streams) {
    KafkaStreams.State state = streams.state();
    return state == KafkaStreams.State.RUNNING ? Health.up(state.name()) : Health.down(state.name());
  }

  /** The Kafka Streams state (CREATED, REBALANCING, RUNNING, ERROR...). */
  public KafkaStreams.State state() {
    return streams.state();
  }

  /** Where the metrics and health endpoints listen. */
  public String opsUrl() {
    return ops.url();
  }

  /**
   * Stops processing, committing what was processed, and leaves the consumer group so that a
   * restarted instance gets its partitions at once instead of after the session timeout.
   */
  @Override
  public void close() {
    tenantTable.close(); // a tenant update waiting for the registry would hold the global thread
    if (inputContracts != null) {
      inputContracts.interrupt();
    }
    boolean closed = streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
        .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    if (closed) {
      stateMark.closedCleanly();
    }
    streamsMetrics.close();
    ops.close();
  }

  public static void main(String[] args) throws Exception {
    StreamsSettings settings = StreamsSettings.from(Env.system());
    SchemaRegistry registry = settings.registry().connect();
    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    StreamsApp app = start(settings, registry, meters);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("Stopping the Klaxon Streams app");
      app.close();
      stopped.countDown();
    }, "klaxon-streams-shutdown"));
    stopped.await();
  }
}
