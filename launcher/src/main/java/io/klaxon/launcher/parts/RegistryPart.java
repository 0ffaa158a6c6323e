package io.klaxon.launcher.parts;

import io.klaxon.embedded.EmbeddedSchemaRegistry;
import io.klaxon.ops.ClusterSettings;
import io.klaxon.ops.Env;
import io.klaxon.ops.Health;

/**
 * The entry point of a registry part: Klaxon's schema registry server ({@link
 * EmbeddedSchemaRegistry}) on 127.0.0.1, keeping its schemas in a compacted topic of the broker.
 *
 * <pre>
 * KAFKA_BOOTSTRAP_SERVERS  localhost:9092     the broker holding the schemas
 * REGISTRY_PORT            (required)         HTTP port
 * REGISTRY_TOPIC           _klaxon_schemas    the schemas topic
 * REGISTRY_BASIC_AUTH      (none)             user:password that every request must carry
 * HEALTH_PORT              0                  /health/ready: up once the schemas are replayed and the server answers
 * </pre>
 */
public final class RegistryPart {
  /** The HTTP port. */
  public static final String PORT = "REGISTRY_PORT";
  /** The schemas topic. */
  public static final String TOPIC = "REGISTRY_TOPIC";
  /** Credentials the server requires. */
  public static final String BASIC_AUTH = "REGISTRY_BASIC_AUTH";

  private RegistryPart() {}

  /** Starts the registry and its health endpoint; returns once it answers. */
  public static AutoCloseable start(Env env) throws Exception {
    EmbeddedSchemaRegistry.Builder builder = EmbeddedSchemaRegistry.builder(ClusterSettings.from(env).bootstrapServers())
        .port(Integer.parseInt(env.required(PORT))).basicAuth(env.raw(BASIC_AUTH));
    if (env.raw(TOPIC) != null) {
      builder.topic(env.raw(TOPIC));
    }
    return Stopper.startAll(stopper -> {
      EmbeddedSchemaRegistry registry = stopper.add(builder.start());
      stopper.add(HealthEndpoint.start(env, () -> Health.up("answering at " + registry.url())));
    });
  }
}
