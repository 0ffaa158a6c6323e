package io.klaxon.cli;

import io.klaxon.ops.Env;
import io.klaxon.registry.HttpSchemaRegistryClient;
import io.klaxon.registry.SchemaRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/**
 * Connection options shared by the commands that talk to Kafka: bootstrap servers and schema
 * registry URL, each defaulting to its environment variable, plus every {@code KAFKA_*} variable
 * passed through as a client property (TLS, SASL). A picocli mixin; not thread-safe.
 */
public final class KafkaOptions {
  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT,...",
      description = "Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP_SERVERS or localhost:9092).")
  String bootstrapServers;

  @Option(names = "--schema-registry-url", paramLabel = "URL",
      description = "Schema registry base URL (default: $SCHEMA_REGISTRY_URL or http://localhost:8085).")
  String schemaRegistryUrl;

  private final Env env = Env.system();

  public String bootstrapServers() {
    return bootstrapServers != null ? bootstrapServers : env.string("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
  }

  public String schemaRegistryUrl() {
    return schemaRegistryUrl != null ? schemaRegistryUrl : env.string("SCHEMA_REGISTRY_URL", "http://localhost:8085");
  }

  /** Client properties: KAFKA_* pass-through, then the bootstrap servers, then {@code extra}. */
  public Map<String, Object> clientProperties(Map<String, Object> extra) {
    Map<String, Object> props = new HashMap<>(env.kafkaClientProperties());
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.putAll(extra);
    return props;
  }

  public SchemaRegistry registry() {
    return HttpSchemaRegistryClient.builder(schemaRegistryUrl()).requestTimeout(Duration.ofSeconds(10)).build();
  }
}
