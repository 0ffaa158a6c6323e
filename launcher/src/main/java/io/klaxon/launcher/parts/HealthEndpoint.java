package io.klaxon.launcher.parts;

import io.klaxon.ops.Env;
import io.klaxon.ops.Health;
import io.klaxon.ops.OpsServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * {@code /health/live} and {@code /health/ready} on 127.0.0.1:{@code HEALTH_PORT}, for the parts
 * that have no operations endpoints of their own (the broker, the registry, the stand-ins), so the
 * launcher asks every part the same way whether it is ready.
 */
public final class HealthEndpoint {
  /** The port of the health endpoints (0: any free port). */
  public static final String PORT = "HEALTH_PORT";

  private HealthEndpoint() {}

  /** Starts the endpoints; {@code readiness} is asked on every {@code /health/ready} request. */
  static OpsServer start(Env env, Supplier<Health> readiness) throws IOException {
    return OpsServer.start("127.0.0.1", env.integer(PORT, 0), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        readiness);
  }
}
