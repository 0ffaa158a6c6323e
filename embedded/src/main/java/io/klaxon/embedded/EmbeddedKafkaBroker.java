package io.klaxon.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka cluster running inside this JVM: one KRaft process that is both broker
 * and controller, listening on 127.0.0.1 only.
 *
 * <p>Settings suit one node: replication factor 1 for every internal topic (offsets, transaction
 * state with {@code min.isr} 1 so exactly-once works, share-group state), no initial group
 * rebalance delay, and automatic topic creation off, so components must create their topics (see
 * {@link #createTopics}).
 *
 * <p>The data directory is either persistent ({@link Builder#dataDir}: formatted on first use, its
 * cluster id kept in a {@code cluster.id} file and reused, records survive a restart) or temporary
 * ({@link Builder#temporaryDataDir}: deleted on {@link #close}).
 *
 * <p>{@link Builder#start()} returns once the broker accepts clients. {@link #close()} stops it
 * and waits until it has stopped; it is idempotent. Thread-safe.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private final KafkaRaftServer server;
  private final Path dataDir;
  private final boolean deleteDataDirOnClose;
  private final String clusterId;
  private final int port;
  private final int controllerPort;
  private boolean closed;

  private EmbeddedKafkaBroker(KafkaRaftServer server, Path dataDir, boolean deleteDataDirOnClose,
      String clusterId, int port, int controllerPort) {
    this.server = server;
    this.dataDir = dataDir;
    this.deleteDataDirOnClose = deleteDataDirOnClose;
    this.clusterId = clusterId;
    this.port = port;
    this.controllerPort = controllerPort;
  }

  /** Settings for a broker; by default random ports and a temporary data directory. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return Loopback.HOST + ":" + port;
  }

  /** The port clients connect to. */
  public int port() {
    return port;
  }

  /** The port of the KRaft controller listener (also on 127.0.0.1). */
  public int controllerPort() {
    return controllerPort;
  }

  /** The cluster id, stable across restarts on the same persistent data directory. */
  public String clusterId() {
    return clusterId;
  }

  /** The data directory (holding {@code cluster.id} and the log directory). */
  public Path dataDir() {
    return dataDir;
  }

  /** A new client configuration map holding only {@code bootstrap.servers}; callers add the rest. */
  public Map<String, Object> clientConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    return config;
  }

  /**
   * Creates topics with the broker's default replication factor (1 here). Topics that already
   * exist are left as they are, whatever their settings, so this is safe to call on every start.
   *
   * @throws IllegalStateException when the broker refuses a topic or does not answer in 30 s
   */
  public void createTopics(TopicSpec... topics) {
    createTopics(List.of(topics));
  }

  /** As {@link #createTopics(TopicSpec...)}; see {@link TopicCreator}. */
  public void createTopics(Collection<TopicSpec> topics) {
    TopicCreator.create(bootstrapServers(), topics);
  }

  /** Stops the broker and waits until it has stopped; deletes a temporary data directory. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      if (deleteDataDirOnClose) {
        DirectoryTree.delete(dataDir);
      }
    }
  }

  /** Settings of an {@link EmbeddedKafkaBroker}. Not thread-safe. */
  public static final class Builder {
    private int port;
    private int controllerPort;
    private Path dataDir;
    private Path temporaryParent;
    private final Map<String, String> extraConfig = new HashMap<>();

    private Builder() {}

    /** The client port on 127.0.0.1; 0 (the default) picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The controller port on 127.0.0.1; 0 (the default) picks a free one. */
    public Builder controllerPort(int port) {
      this.controllerPort = port;
      return this;
    }

    /**
     * A persistent data directory, created if missing and kept on close; a directory formatted by
     * an earlier run is reused with its cluster id.
     */
    public Builder dataDir(Path dir) {
      this.dataDir = Objects.requireNonNull(dir, "dir");
      this.temporaryParent = null;
      return this;
    }

    /**
     * A fresh data directory created under {@code parent} and deleted on close (the default is a
     * fresh directory under the system temporary directory).
     */
    public Builder temporaryDataDir(Path parent) {
      this.temporaryParent = Objects.requireNonNull(parent, "parent");
      this.dataDir = null;
      return this;
    }

    /**
     * A broker setting added to, or replacing, the defaults. Listener, controller and directory
     * settings are owned by this class and cannot be replaced.
     */
    public Builder config(String name, String value) {
      extraConfig.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Starts the broker and returns once it accepts clients.
     *
     * @throws IllegalStateException when it cannot be formatted or does not start within 60 s
     */
    public EmbeddedKafkaBroker start() {
      boolean temporary = dataDir == null;
      Path dir = temporary ? createTemporaryDir() : dataDir.toAbsolutePath();
      try {
        return start(dir, temporary);
      } catch (RuntimeException e) {
        if (temporary) {
          DirectoryTree.delete(dir);
        }
        throw e;
      }
    }

    private EmbeddedKafkaBroker start(Path dir, boolean temporary) {
      KraftStorage storage = new KraftStorage(dir);
      int clientPort = FreePort.orPick(port);
      int kraftPort = controllerPort != 0 ? FreePort.orPick(controllerPort) : FreePort.pickOtherThan(Set.of(clientPort));
      if (clientPort == kraftPort) {
        throw new IllegalArgumentException("Client and controller ports must differ, both are " + clientPort);
      }
      Properties config = BrokerConfig.oneNode(clientPort, kraftPort, storage.logDir(), extraConfig);
      String clusterId = storage.clusterId();
      storage.formatIfNeeded(clusterId, config);
      KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
      try {
        server.startup();
        awaitReady(clientPort);
      } catch (RuntimeException e) {
        server.shutdown();
        server.awaitShutdown();
        throw e;
      }
      return new EmbeddedKafkaBroker(server, dir, temporary, clusterId, clientPort, kraftPort);
    }

    private Path createTemporaryDir() {
      try {
        if (temporaryParent == null) {
          return Files.createTempDirectory("klaxon-kafka-");
        }
        Files.createDirectories(temporaryParent);
        return Files.createTempDirectory(temporaryParent.toAbsolutePath(), "klaxon-kafka-");
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot create a temporary data directory", e);
      }
    }

    private static void awaitReady(int clientPort) {
      Map<String, Object> config = Map.of(
          AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Loopback.HOST + ":" + clientPort,
          AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) STARTUP_TIMEOUT.toMillis());
      try (Admin admin = Admin.create(config)) {
        admin.describeCluster().nodes().get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("Broker on " + Loopback.HOST + ":" + clientPort + " did not become ready", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for the broker to start", e);
      }
    }
  }
}
