package io.klaxon.bench.ceiling;

import io.klaxon.launcher.Part;
import io.klaxon.launcher.PortPlan;
import io.klaxon.launcher.RunMode;
import io.klaxon.launcher.parts.CustomPart;
import io.klaxon.launcher.parts.StreamsPart;
import io.klaxon.ops.Env;
import io.klaxon.streams.app.StreamsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * It reads the alerts topic Klaxon reads ({@code ALERTS_TOPIC}, as {@code ClusterSettings} says). The
 * {@code ceiling} scenario drains a backlog with it; {@code steady} and {@code eos-vs-alos} run it at
 * their rate for a reference latency.
 */
public final class SkeletonApp {
  /** The topic the skeleton writes to. */
  public static final String OUTPUT = "SKELETON_OUTPUT";
  public static final String DEFAULT_APPLICATION_ID = "klaxon-bench-skeleton";
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

  private SkeletonApp() {}

  /**
   * The skeleton as a custom part named {@code skeleton}: the variables of Klaxon's Streams part
   * {@code klaxon} (so the same guarantee, commit interval, threads and linger), its own application
   * id, state under {@code stateDir}, writing to {@code output}.
   */
  public static Part part(Part klaxon, Path stateDir, String output, List<String> jvmFlags) {
    Map<String, String> env = new LinkedHashMap<>(klaxon.env());
    env.remove("HTTP_PORT");
    env.put("APPLICATION_ID", DEFAULT_APPLICATION_ID);
    env.put(StreamsPart.STATE_DIR, stateDir.toString());
    env.put(OUTPUT, output);
    return CustomPart.part("skeleton", SkeletonApp.class, RunMode.SEPARATE_PROCESS, env, jvmFlags,
        PortPlan.free().port("skeleton-health"));
  }

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
