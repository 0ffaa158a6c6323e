package io.klaxon.cli;

import io.klaxon.ops.ClusterSettings;
import io.klaxon.ops.Env;
import io.klaxon.ops.secret.MasterKeySettings;
import io.klaxon.ops.secret.SecretResolver;
import io.klaxon.privacy.MasterKeys;
import io.klaxon.registry.RegistrySettings;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.topics.TopicNames;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine.Option;

/**
 * Connection options shared by the commands that talk to Kafka. Where the cluster, the schema
 * registry and the topics are is read from the environment exactly as every service reads it
 * ({@link ClusterSettings}: {@code KAFKA_BOOTSTRAP_SERVERS} and every other {@code KAFKA_*}
 * variable as a client property (TLS, SASL), {@code SCHEMA_REGISTRY_URL}, {@code
 * SCHEMA_REGISTRY_BASIC_AUTH}, {@code SCHEMA_REGISTRY_TIMEOUT}, the {@code *_TOPIC} variables);
 * {@code --bootstrap-servers} and {@code --schema-registry-url} override the first two. A picocli
 * mixin; not thread-safe.
 */
public final class KafkaOptions {
  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
      description = "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP_SERVERS or " + ClusterSettings.DEFAULT_BOOTSTRAP_SERVERS + ").")
  String bootstrapServers;

  @Option(names = "--schema-registry-url", paramLabel = "URL",
      description = "Schema registry base URL (default: $SCHEMA_REGISTRY_URL or " + RegistrySettings.DEFAULT_URL + ");"
          + " credentials from $SCHEMA_REGISTRY_BASIC_AUTH (user:password).")
  String schemaRegistryUrl;

  private final Env env;

  /** Options read against the process environment. */
  public KafkaOptions() {
    this(Env.system());
  }

  /** Options read against {@code env} (tests, or an embedding launcher). */
  public KafkaOptions(Env env) {
    this.env = Objects.requireNonNull(env, "env");
  }

  /**
   * The cluster, registry and topics from the environment, with the command-line overrides.
   *
   * @throws IllegalArgumentException naming the variable whose value is invalid
   */
  public ClusterSettings cluster() {
    ClusterSettings cluster = ClusterSettings.from(env);
    if (bootstrapServers != null) {
      cluster = cluster.withBootstrapServers(bootstrapServers);
    }
    if (schemaRegistryUrl != null) {
      cluster = cluster.withRegistryUrl(schemaRegistryUrl);
    }
    return cluster;
  }

  /** The environment the options are read against. */
  public Env env() {
    return env;
  }

  /**
   * The master key ({@code KLAXON_MASTER_KEY_REF}, and {@code KLAXON_PREVIOUS_MASTER_KEY_REF}
   * during a rotation); null when none is configured.
   *
   * @throws IllegalArgumentException naming the variable when a reference does not resolve to a master key
   */
  public MasterKeys masterKeys() {
    return MasterKeySettings.from(env, new SecretResolver(env::raw)).orElse(null);
  }

  /** The topic names (from the {@code *_TOPIC} variables, else the defaults). */
  public TopicNames topics() {
    return cluster().topics();
  }

  /** Client properties: {@code KAFKA_*} pass-through, then the bootstrap servers, then {@code extra}. */
  public Map<String, Object> clientProperties(Map<String, ?> extra) {
    return cluster().clientProperties(extra);
  }

  /**
   * Client properties for a producer whose every write must land once: acknowledged by all
   * replicas, idempotent, and failing within about 30 s rather than waiting on a broker for good.
   */
  public Map<String, Object> producerProperties() {
    return clientProperties(Map.of(
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000));
  }

  /** A registry client with the configured URL, credentials and timeout; the caller closes it. */
  public SchemaRegistry registry() {
    return cluster().registry().connect();
  }
}
