package io.klaxon.streams.app;

import io.klaxon.ops.Env;
import io.klaxon.streams.TopologyConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * The Streams app's settings, read from environment variables (the one place that does so). Every
 * variable, its default and meaning is listed in the README's configuration reference.
 *
 * @param topology what the topology does
 * @param kafka Kafka Streams properties (bootstrap servers, application id, guarantee, state dir,
 *     and every {@code KAFKA_*} pass-through property)
 * @param registryUrl schema registry URL(s)
 * @param registryUserInfo {@code user:password} for the registry, or null
 * @param httpHost address of the metrics and health endpoints
 * @param httpPort port of the metrics and health endpoints
 * @param advertisedHost the host other instances reach this one's endpoints at ({@code
 *     application.server} is this host and the bound port)
 * @param tenantSeriesLimit how many tenants get their own metric series before the rest are folded
 *     into {@code _other}
 */
public record StreamsSettings(
    TopologyConfig topology,
    Properties kafka,
    String registryUrl,
    String registryUserInfo,
    String httpHost,
    int httpPort,
    String advertisedHost,
    int tenantSeriesLimit) {

  public static StreamsSettings from(Env env) {
    TopologyConfig defaults = TopologyConfig.defaults();
    TopologyConfig topology = new TopologyConfig(
        env.string("ALERTS_TOPIC", defaults.alertsTopic()),
        env.string("TENANTS_TOPIC", defaults.tenantsTopic()),
        env.string("ALERTS_DLQ_TOPIC", defaults.deadLetterTopic()),
        env.string("NOTIFICATIONS_TOPIC", defaults.notificationsTopic()),
        env.duration("MAX_FUTURE_SKEW", defaults.maxFutureSkew()),
        env.integer("MAX_EVENT_BYTES", defaults.maxEventBytes()),
        env.duration("DEDUP_WINDOW", defaults.defaultDedupWindow()),
        env.duration("REPEAT_INTERVAL", defaults.defaultRepeatInterval()),
        env.duration("SUMMARY_INTERVAL", defaults.summaryInterval()),
        env.duration("DEDUP_EXPIRY_INTERVAL", defaults.expiryInterval()));

    Map<String, Object> kafka = new HashMap<>(env.kafkaClientProperties());
    kafka.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, env.string("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"));
    kafka.put(StreamsConfig.APPLICATION_ID_CONFIG, env.string("APPLICATION_ID", "klaxon-streams"));
    kafka.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, env.string("PROCESSING_GUARANTEE", StreamsConfig.EXACTLY_ONCE_V2));
    kafka.put(StreamsConfig.STATE_DIR_CONFIG, env.string("STATE_DIR", ".klaxon/streams-state"));
    kafka.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, env.integer("NUM_STREAM_THREADS", 1));
    String commitInterval = env.raw("COMMIT_INTERVAL_MS");
    if (commitInterval != null) {
      kafka.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, env.longValue("COMMIT_INTERVAL_MS", 0));
    }
    // Kafka Streams lingers 100 ms by default: under at_least_once every notification would wait that long.
    kafka.put(StreamsConfig.producerPrefix("linger.ms"), env.integer("PRODUCER_LINGER_MS", 5));
    String replication = env.raw("REPLICATION_FACTOR");
    if (replication != null) {
      kafka.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, env.integer("REPLICATION_FACTOR", -1));
    }
    kafka.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    kafka.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    kafka.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterExceptionHandler.class.getName());
    kafka.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterExceptionHandler.class.getName());
    kafka.put(DeadLetterExceptionHandler.DLQ_TOPIC, topology.deadLetterTopic());
    kafka.put(DeadLetterExceptionHandler.REGISTRY_URL, env.string("SCHEMA_REGISTRY_URL", "http://localhost:8085"));
    if (env.raw("SCHEMA_REGISTRY_BASIC_AUTH") != null) {
      kafka.put(DeadLetterExceptionHandler.REGISTRY_USER_INFO, env.raw("SCHEMA_REGISTRY_BASIC_AUTH"));
    }
    // Tenant records that do not decode are logged and skipped: the table keeps its last good value.
    kafka.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class.getName());
    Properties properties = new Properties();
    properties.putAll(kafka);

    return new StreamsSettings(topology, properties,
        env.string("SCHEMA_REGISTRY_URL", "http://localhost:8085"),
        env.raw("SCHEMA_REGISTRY_BASIC_AUTH"),
        env.string("HTTP_HOST", "127.0.0.1"),
        env.integer("HTTP_PORT", 8081),
        env.string("ADVERTISED_HOST", env.string("HTTP_HOST", "127.0.0.1").equals("0.0.0.0")
            ? "localhost" : env.string("HTTP_HOST", "127.0.0.1")),
        env.integer("TENANT_METRICS_LIMIT", 100));
  }

  /** The processing guarantee in force. */
  public String processingGuarantee() {
    return kafka.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
  }

}
