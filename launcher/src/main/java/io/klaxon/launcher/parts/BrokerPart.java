package io.klaxon.launcher.parts;

import io.klaxon.embedded.EmbeddedKafkaBroker;
import io.klaxon.ops.Env;
import io.klaxon.ops.Health;
import java.nio.file.Path;

/**
 * The entry point of a broker part: a single-node KRaft broker ({@link EmbeddedKafkaBroker}) on
 * 127.0.0.1 whose data directory is kept, so a broker killed and started again on the same
 * directory comes back with its records and cluster id.
 *
 * <pre>
 * BROKER_PORT             (required)  client port
 * BROKER_CONTROLLER_PORT  0           KRaft controller port (0: any free port)
 * BROKER_DATA_DIR         (required)  data directory, formatted on first use
 * HEALTH_PORT             0           /health/ready: up once the broker accepts clients
 * </pre>
 */
public final class BrokerPart {
  /** The client port. */
  public static final String PORT = "BROKER_PORT";
  /** The KRaft controller port. */
  public static final String CONTROLLER_PORT = "BROKER_CONTROLLER_PORT";
  /** The data directory. */
  public static final String DATA_DIR = "BROKER_DATA_DIR";

  private BrokerPart() {}

  /** Starts the broker and its health endpoint; returns once the broker accepts clients. */
  public static AutoCloseable start(Env env) throws Exception {
    int port = Integer.parseInt(env.required(PORT));
    Path dataDir = Path.of(env.required(DATA_DIR));
    return Stopper.startAll(stopper -> {
      EmbeddedKafkaBroker broker = stopper.add(EmbeddedKafkaBroker.builder().port(port)
          .controllerPort(env.integer(CONTROLLER_PORT, 0)).dataDir(dataDir).start());
      // start() returned, so the broker answers; a broker that dies takes its process (or this JVM) with it.
      stopper.add(HealthEndpoint.start(env, () -> Health.up("accepting clients on " + broker.bootstrapServers())));
    });
  }
}
