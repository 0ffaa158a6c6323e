package io.klaxon.launcher.parts;

import io.klaxon.ingest.IngestService;
import io.klaxon.launcher.StandInSecrets;
import io.klaxon.ops.secret.SecretResolver;
import io.klaxon.ingest.IngestSettings;
import io.klaxon.ops.Env;
import io.klaxon.registry.SchemaRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The entry point of an ingest part: one copy of the HTTP ingest service, configured exactly as
 * the service itself reads its environment ({@code IngestSettings}: {@code
 * KAFKA_BOOTSTRAP_SERVERS}, {@code SCHEMA_REGISTRY_URL}, {@code HTTP_PORT}, {@code INGEST_*}; see
 * ingest/README.md). Its readiness is the service's own {@code /health/ready} (tenants read,
 * Kafka reached).
 */
public final class IngestPart {
  /** The port of the ingest endpoints, metrics and health. */
  public static final String HTTP_PORT = "HTTP_PORT";

  private IngestPart() {}

  /** Starts the service; returns once it listens (not yet ready). */
  public static AutoCloseable start(Env env) throws Exception {
    IngestSettings settings = IngestSettings.from(env);
    return Stopper.startAll(stopper -> {
      SchemaRegistry registry = stopper.add(settings.cluster().registry().connect());
      // The local stack's tenants name Slack signing secrets as env: references; the stack key derives them.
      stopper.add(IngestService.start(settings, registry, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
          new SecretResolver(StandInSecrets.environment(env))));
    });
  }
}
