package io.klaxon.launcher.parts;

import io.klaxon.ops.ClusterSettings;
import io.klaxon.ops.Env;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.streams.app.StreamsApp;
import io.klaxon.streams.app.StreamsSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The entry point of a Streams part: one instance of the Streams app, configured exactly as the
 * app itself reads its environment ({@code StreamsSettings}: {@code KAFKA_BOOTSTRAP_SERVERS},
 * {@code SCHEMA_REGISTRY_URL}, {@code APPLICATION_ID}, {@code STATE_DIR}, {@code HTTP_PORT}, ...;
 * see the README's configuration reference). Its readiness is the app's own {@code /health/ready}
 * (ready while Kafka Streams is RUNNING).
 */
public final class StreamsPart {
  /** The RocksDB state directory; one per instance. */
  public static final String STATE_DIR = "STATE_DIR";
  /** The port of the app's metrics, health and explain endpoints. */
  public static final String HTTP_PORT = "HTTP_PORT";
  private static final Pattern PROCESS_ID = Pattern.compile("\"processId\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");

  private StreamsPart() {}

  /**
   * The process id Kafka Streams keeps in the instance's state directory across restarts (it names
   * the instance's consumers and its exactly-once transactional ids), or null before the instance's
   * first start.
   */
  public static String processId(Map<String, String> env) {
    StreamsSettings settings = StreamsSettings.from(Env.of(env));
    Path file = Path.of(settings.kafka().getProperty(StreamsConfig.STATE_DIR_CONFIG), settings.applicationId(),
        "kafka-streams-process-metadata");
    try {
      Matcher m = PROCESS_ID.matcher(Files.readString(file, StandardCharsets.UTF_8));
      return m.find() ? m.group(1) : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Starts the Streams app; returns once Kafka Streams is started (not yet RUNNING). */
  public static AutoCloseable start(Env env) throws Exception {
    StreamsSettings settings = StreamsSettings.from(env);
    return Stopper.startAll(stopper -> {
      SchemaRegistry registry = stopper.add(ClusterSettings.from(env).registry().connect());
      stopper.add(StreamsApp.start(settings, registry, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
    });
  }
}
