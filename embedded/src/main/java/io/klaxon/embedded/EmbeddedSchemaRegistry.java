package io.klaxon.embedded;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import io.klaxon.registry.InMemorySchemaRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A schema registry server speaking the Confluent Schema Registry REST API over HTTP on 127.0.0.1,
 * for tests and the local stack.
 *
 * <p>State lives in an {@link InMemorySchemaRegistry} (same ids, versions, compatibility rules and
 * error codes as Confluent's server: BACKWARD unless configured, per-subject levels honoured).
 * Every change is written to a compacted Kafka topic ({@value KafkaSchemaJournal#DEFAULT_TOPIC}
 * unless configured; created when missing) and acknowledged by the broker before the request is
 * answered; a new instance replays the topic at start, so ids and versions survive a restart and
 * new registrations continue after the old ids. Run one instance per topic at a time.
 *
 * <p>Optional HTTP basic auth: with credentials configured, requests without them get 401.
 *
 * <p>{@link Builder#start()} returns once the server answers; {@link #close()} stops it and
 * releases its Kafka clients (idempotent). Thread-safe.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final KafkaSchemaJournal journal;
  private boolean closed;

  private EmbeddedSchemaRegistry(HttpServer server, ExecutorService executor, KafkaSchemaJournal journal) {
    this.server = server;
    this.executor = executor;
    this.journal = journal;
  }

  /** Settings for a registry keeping its schemas in the cluster at {@code bootstrapServers}. */
  public static Builder builder(String bootstrapServers) {
    return new Builder(bootstrapServers);
  }

  /** The port the server listens on (on 127.0.0.1). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:<port>}, for {@code schema.registry.url}. */
  public String url() {
    return "http://" + Loopback.HOST + ":" + port();
  }

  /** The Kafka topic holding the schemas. */
  public String topic() {
    return journal.topic();
  }

  /** Stops answering, then releases the journal's Kafka clients. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      server.stop(0);
      executor.shutdownNow();
    } finally {
      journal.close();
    }
  }

  /** Settings of an {@link EmbeddedSchemaRegistry}. Not thread-safe. */
  public static final class Builder {
    private final String bootstrapServers;
    private int port;
    private String topic = KafkaSchemaJournal.DEFAULT_TOPIC;
    private String basicAuth;

    private Builder(String bootstrapServers) {
      this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    }

    /** The HTTP port on 127.0.0.1; 0 (the default) lets the system pick one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("Port must be 0 (pick one) or 1-65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /** The compacted topic holding the schemas; default {@value KafkaSchemaJournal#DEFAULT_TOPIC}. */
    public Builder topic(String topic) {
      this.topic = Objects.requireNonNull(topic, "topic");
      return this;
    }

    /** Requires HTTP basic auth with these {@code user:password} credentials; null for none. */
    public Builder basicAuth(String userInfo) {
      this.basicAuth = userInfo;
      return this;
    }

    /**
     * Creates the topic if needed, replays it, and starts answering.
     *
     * @throws IllegalStateException when the topic cannot be created or read
     * @throws UncheckedIOException when the port cannot be bound
     */
    public EmbeddedSchemaRegistry start() {
      BasicAuthFilter auth = basicAuth == null ? null : new BasicAuthFilter(basicAuth);
      KafkaSchemaJournal journal = new KafkaSchemaJournal(bootstrapServers, topic);
      ExecutorService executor = null;
      try {
        journal.ensureTopic();
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry(journal);
        journal.replayInto(registry);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(Loopback.HOST), port), 64);
        HttpContext context = server.createContext("/", new RegistryHttpHandler(registry));
        if (auth != null) {
          context.getFilters().add(auth);
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.start();
        return new EmbeddedSchemaRegistry(server, executor, journal);
      } catch (IOException e) {
        cleanUp(journal, executor);
        throw new UncheckedIOException("Cannot listen on " + Loopback.HOST + ":" + port, e);
      } catch (RuntimeException e) {
        cleanUp(journal, executor);
        throw e;
      }
    }

    private static void cleanUp(KafkaSchemaJournal journal, ExecutorService executor) {
      if (executor != null) {
        executor.shutdownNow();
      }
      journal.close();
    }
  }
}
