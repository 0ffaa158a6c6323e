package io.klaxon.streams.app;

import io.klaxon.ops.ClusterSettings;
import io.klaxon.ops.Env;
import io.klaxon.ops.GroupRecovery;
import io.klaxon.ops.secret.MasterKeySettings;
import io.klaxon.ops.secret.SecretResolver;
import io.klaxon.privacy.MasterKeys;
import io.klaxon.registry.RegistrySettings;
import io.klaxon.streams.TopologyConfig;
import io.klaxon.topics.TopicNames;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Streams app's settings, read from environment variables (the one place that does so; where
 * the cluster, the registry and the topics are comes from {@link ClusterSettings}). Every variable,
 * its default and meaning is listed in the README's configuration reference. Immutable, apart from
 * the {@link Properties} it hands to Kafka Streams.
 *
 * @param cluster the Kafka cluster, the schema registry and the topic names
 * @param topology what the topology does
 * @param kafka Kafka Streams properties: the cluster's client properties, application id,
 *     guarantee, state dir, the exception handlers and the registry settings they read ({@link
 *     RegistrySettings#toClientConfig()})
 * @param httpHost address of the metrics and health endpoints
 * @param httpPort port of the metrics and health endpoints
 * @param advertisedHost the host other instances reach this one's endpoints at ({@code
 *     application.server} is this host and the bound port)
 * @param tenantSeriesLimit how many tenants get their own metric series before the rest are folded
 *     into {@code _other}
 * @param masterKeys the master key that opens the tenants' data keys ({@code KLAXON_MASTER_KEY_REF});
 *     null when none is configured: notifications are then written unsealed
 */
public record StreamsSettings(
    ClusterSettings cluster,
    TopologyConfig topology,
    Properties kafka,
    String httpHost,
    int httpPort,
    String advertisedHost,
    int tenantSeriesLimit,
    MasterKeys masterKeys) {

  public static final String DEFAULT_APPLICATION_ID = "klaxon-streams";

  public StreamsSettings {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(topology, "topology");
    Objects.requireNonNull(kafka, "kafka");
  }

  /**
   * Reads the settings.
   *
   * @throws IllegalArgumentException naming the variable whose value is invalid
   */
  @SuppressWarnings("deprecation") // PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG: deprecated, and still what puts the global tenants store under the handler in Kafka 4.3.
  public static StreamsSettings from(Env env) {
    ClusterSettings cluster = ClusterSettings.from(env);
    TopologyConfig defaults = TopologyConfig.defaults();
    TopologyConfig topology = new TopologyConfig(
        env.duration("MAX_FUTURE_SKEW", defaults.maxFutureSkew()),
        env.integer("MAX_EVENT_BYTES", defaults.maxEventBytes()),
        env.duration("DEDUP_WINDOW", defaults.defaultDedupWindow()),
        env.duration("REPEAT_INTERVAL", defaults.defaultRepeatInterval()),
        env.duration("SUMMARY_INTERVAL", defaults.summaryInterval()),
        env.duration("DEDUP_EXPIRY_INTERVAL", defaults.expiryInterval()),
        env.duration("MAX_STREAM_TIME_AHEAD", defaults.maxStreamTimeAhead()),
        env.bool("OUTCOME_AUDIT", defaults.auditOutcomes()),
        env.bool("ALERT_STATES", defaults.publishAlertStates()));

    Map<String, Object> streams = new HashMap<>();
    streams.put(StreamsConfig.APPLICATION_ID_CONFIG, env.string("APPLICATION_ID", DEFAULT_APPLICATION_ID));
    streams.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, env.string("PROCESSING_GUARANTEE", StreamsConfig.EXACTLY_ONCE_V2));
    streams.put(StreamsConfig.STATE_DIR_CONFIG, env.string("STATE_DIR", ".klaxon/streams-state"));
    streams.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, env.integer("NUM_STREAM_THREADS", 1));
    // With a second instance, a warm copy of each task's stores on the other one: after a kill -9
    // the survivor takes the dead instance's tasks over without restoring their stores from the
    // changelogs first (under exactly-once a crashed instance's own stores are wiped and restored).
    // A single instance has no other to keep copies on, and pays nothing.
    streams.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, env.integer("NUM_STANDBY_REPLICAS", 1));
    if (env.raw("COMMIT_INTERVAL_MS") != null) {
      streams.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, env.longValue("COMMIT_INTERVAL_MS", 0));
    }
    // Kafka Streams lingers 100 ms by default: under at_least_once every notification would wait that long.
    streams.put(StreamsConfig.producerPrefix("linger.ms"), env.integer("PRODUCER_LINGER_MS", 5));
    if (env.raw("REPLICATION_FACTOR") != null) {
      streams.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, env.integer("REPLICATION_FACTOR", -1));
    }
    // A killed instance's partitions wait for the group to notice it is gone: Kafka's 45 s session
    // timeout made the flow stop for about a minute after a kill -9. 6 s (heartbeats every 1.5 s),
    // unless KAFKA_SESSION_TIMEOUT_MS or KAFKA_HEARTBEAT_INTERVAL_MS say otherwise; with a static
    // identity (GROUP_INSTANCE_ID) a supervisor can remove a dead instance at once.
    GroupRecovery.putUnlessSet(streams, cluster.kafkaProperties());
    GroupRecovery.putInstanceId(streams, GroupRecovery.instanceId(env));
    streams.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    streams.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    streams.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterExceptionHandler.class.getName());
    streams.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterExceptionHandler.class.getName());
    streams.put(DeadLetterExceptionHandler.DLQ_TOPIC, cluster.topics().alertsDlq());
    if (topology.auditOutcomes()) {
      streams.put(DeadLetterExceptionHandler.OUTCOMES_TOPIC, cluster.topics().outcomes());
    }
    // The handler builds its registry client from these, so it gets the same credentials and timeout.
    streams.putAll(cluster.registry().toClientConfig());
    // No deserialization exception handler: both sources read bytes and their processors decode them,
    // telling bad data (dead-lettered, or refused and counted) from a registry outage (retried). A
    // handler that logs and continues would drop records silently.
    Properties properties = new Properties();
    properties.putAll(cluster.clientProperties(streams));

    String httpHost = env.string("HTTP_HOST", "127.0.0.1");
    return new StreamsSettings(cluster, topology, properties,
        httpHost,
        env.integer("HTTP_PORT", 8081),
        env.string("ADVERTISED_HOST", httpHost.equals("0.0.0.0") ? "localhost" : httpHost),
        env.integer("TENANT_METRICS_LIMIT", 100),
        MasterKeySettings.from(env, new SecretResolver(env::raw)).orElse(null));
  }

  /** How to reach the schema registry. */
  public RegistrySettings registry() {
    return cluster.registry();
  }

  /** The names of the topics read and written. */
  public TopicNames topics() {
    return cluster.topics();
  }

  /** The Kafka Streams application id (consumer group, internal topic and transactional id prefix). */
  public String applicationId() {
    return kafka.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
  }

  /** How many stream threads the instance runs (each with its own consumer and, under exactly-once, producer). */
  public int streamThreads() {
    return (Integer) kafka.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG);
  }

  /** The processing guarantee in force. */
  public String processingGuarantee() {
    return kafka.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
  }
}
