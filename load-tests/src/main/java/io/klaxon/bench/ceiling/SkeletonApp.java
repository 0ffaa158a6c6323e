package io.klaxon.bench.ceiling;

import io.klaxon.ops.Env;
import io.klaxon.streams.app.StreamsSettings;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The {@link SkeletonTopology} as an application, the entry point of a custom part ({@code
 * io.klaxon.launcher.parts.CustomPart}) that the {@code ceiling} scenario runs as its own process.
 * It is configured with the very variables and defaults of Klaxon's Streams app ({@link
 * StreamsSettings}: processing guarantee, commit interval, stream threads, producer linger, state
 * directory...), so the two differ only in their topology. Variables of its own:
 *
 * <pre>
 * APPLICATION_ID     klaxon-bench-skeleton   its consumer group and transactional id prefix
 * SKELETON_OUTPUT    (required)              the topic it writes every record to
 * </pre>
 *
 * It reads the alerts topic Klaxon reads ({@code ALERTS_TOPIC}, as {@code ClusterSettings} says).
 */
public final class SkeletonApp {
  /** The topic the skeleton writes to. */
  public static final String OUTPUT = "SKELETON_OUTPUT";
  public static final String DEFAULT_APPLICATION_ID = "klaxon-bench-skeleton";
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

  private SkeletonApp() {}

  /**
   * Starts the skeleton and returns once Kafka Streams is RUNNING.
   *
   * @return what stops it (closing commits what was processed)
   * @throws IllegalStateException when it is not RUNNING within two minutes
   */
  public static AutoCloseable start(Env env) throws InterruptedException {
    StreamsSettings settings = StreamsSettings.from(env);
    Properties properties = new Properties();
    properties.putAll(settings.kafka());
    properties.put(StreamsConfig.APPLICATION_ID_CONFIG, env.string("APPLICATION_ID", DEFAULT_APPLICATION_ID));
    KafkaStreams streams = new KafkaStreams(SkeletonTopology.build(settings.topics().alerts(), env.required(OUTPUT)),
        properties);
    CountDownLatch running = new CountDownLatch(1);
    streams.setStateListener((now, before) -> {
      if (now == KafkaStreams.State.RUNNING) {
        running.countDown();
      }
    });
    streams.start();
    if (!running.await(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      streams.close(Duration.ofSeconds(30));
      throw new IllegalStateException("the skeleton was not RUNNING within " + READY_TIMEOUT.toSeconds() + " s (state "
          + streams.state() + ")");
    }
    return () -> streams.close(Duration.ofSeconds(30));
  }
}
