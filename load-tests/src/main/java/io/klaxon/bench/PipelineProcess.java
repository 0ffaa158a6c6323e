package io.klaxon.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.klaxon.embedded.EmbeddedKafkaBroker;
import io.klaxon.embedded.EmbeddedSchemaRegistry;
import io.klaxon.embedded.TopicSpec;
import io.klaxon.events.TenantConfig;
import io.klaxon.notifier.app.NotifierApp;
import io.klaxon.notifier.app.NotifierConfig;
import io.klaxon.notifier.secret.SecretResolver;
import io.klaxon.ops.Env;
import io.klaxon.registry.HttpSchemaRegistryClient;
import io.klaxon.serde.SpecificAvroSerializer;
import io.klaxon.streams.app.StreamsApp;
import io.klaxon.streams.app.StreamsSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The pipeline under test, run as its own process so that its CPU time and peak memory can be
 * measured apart from the load generator: a KRaft broker (temporary data), the schema registry, the
 * topics, the bench tenants, the Streams app and the notifier. It prints one line starting with
 * {@value #READY} followed by a JSON object of its addresses once the Streams app runs, and stops
 * everything when its standard input closes (so it never outlives the harness).
 *
 * <p>Arguments are {@code name=value}: {@code work} (directory for data), {@code tenants} (regular
 * tenant count), {@code webhookBase} (the harness's webhook sink), {@code webhookSecret},
 * {@code slackApi}, {@code slackToken}, {@code smtpPort}, {@code partitions}; any {@code streams.X=v}
 * or {@code notifier.X=v} sets environment variable X of that component.
 */
public final class PipelineProcess {
  /** The prefix of the line announcing readiness. */
  public static final String READY = "KLAXON-PIPELINE-READY ";

  static final String ALERTS = "klaxon.alerts.v1";
  static final String TENANTS = "klaxon.tenants.v1";
  static final String NOTIFICATIONS = "klaxon.notifications.v1";
  static final String ALERTS_DLQ = "klaxon.alerts.dlq.v1";
  static final List<String> TOPICS = List.of(ALERTS, TENANTS, ALERTS_DLQ, NOTIFICATIONS, "klaxon.deliveries.v1",
      "klaxon.notifications.dlq.v1");

  private PipelineProcess() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> arguments = parse(args);
    List<AutoCloseable> started = new ArrayList<>();
    try {
      Map<String, Object> ready = start(arguments, started);
      System.out.println(READY + new ObjectMapper().writeValueAsString(ready));
      System.out.flush();
      drain(System.in);
    } catch (Exception e) {
      System.err.println("pipeline process failed: " + e);
      e.printStackTrace(System.err);
      close(started);
      System.exit(1);
    }
    close(started);
    System.exit(0);
  }

  private static Map<String, Object> start(Map<String, String> arguments, List<AutoCloseable> started)
      throws Exception {
    Path work = Files.createDirectories(Path.of(required(arguments, "work")));
    int partitions = Integer.parseInt(arguments.getOrDefault("partitions", "6"));
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().temporaryDataDir(work).start();
    started.add(broker);
    EmbeddedSchemaRegistry registryServer = EmbeddedSchemaRegistry.builder(broker.bootstrapServers()).start();
    started.add(registryServer);
    HttpSchemaRegistryClient registry = HttpSchemaRegistryClient.builder(registryServer.url()).build();
    started.add(registry::close);
    broker.createTopics(TOPICS.stream()
        .map(t -> t.equals(TENANTS) ? TopicSpec.compacted(t, 1) : TopicSpec.of(t, partitions)).toList());

    int tenantCount = Integer.parseInt(required(arguments, "tenants"));
    Map<String, Object> producerConfig = new HashMap<>(broker.clientConfig());
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, TenantConfig> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
        new SpecificAvroSerializer<>(registry, false, true))) {
      for (TenantConfig tenant : BenchTenants.configs(tenantCount, required(arguments, "webhookBase"))) {
        producer.send(new ProducerRecord<>(TENANTS, tenant.getTenantId(),
            TenantConfig.newBuilder(tenant).setUpdatedAt(Instant.now()).build())).get(30, TimeUnit.SECONDS);
      }
    }

    Map<String, String> streamsEnv = new HashMap<>();
    streamsEnv.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    streamsEnv.put("SCHEMA_REGISTRY_URL", registryServer.url());
    streamsEnv.put("STATE_DIR", work.resolve("streams-state").toString());
    streamsEnv.put("HTTP_PORT", "0");
    streamsEnv.putAll(prefixed(arguments, "streams."));
    StreamsApp streams = StreamsApp.start(StreamsSettings.from(Env.of(streamsEnv)), registry,
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    started.add(streams);

    Map<String, String> notifierEnv = new HashMap<>();
    notifierEnv.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    notifierEnv.put("SCHEMA_REGISTRY_URL", registryServer.url());
    notifierEnv.put("SLACK_API_URL", arguments.getOrDefault("slackApi", "http://127.0.0.1:9/api/"));
    notifierEnv.put("SLACK_BOT_TOKEN", arguments.getOrDefault("slackToken", "xoxb-unused"));
    notifierEnv.put("SMTP_HOST", "127.0.0.1");
    notifierEnv.put("SMTP_PORT", arguments.getOrDefault("smtpPort", "9"));
    notifierEnv.put("WEBHOOK_ALLOWLIST", "127.0.0.1,localhost");
    notifierEnv.put("HTTP_PORT", "0");
    notifierEnv.putAll(prefixed(arguments, "notifier."));
    String webhookSecret = required(arguments, "webhookSecret");
    SecretResolver secrets = new SecretResolver(name -> name.endsWith("_" + BenchTenants.SECRET_NAME) ? webhookSecret : null);
    NotifierApp notifier = NotifierApp.start(NotifierConfig.from(Env.of(notifierEnv)), registry, secrets);
    started.add(notifier);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (System.nanoTime() > deadline || streams.state() == KafkaStreams.State.ERROR) {
        throw new IllegalStateException("the Streams app did not reach RUNNING (state " + streams.state() + ")");
      }
      Thread.sleep(50);
    }
    Map<String, Object> ready = new LinkedHashMap<>();
    ready.put("bootstrap", broker.bootstrapServers());
    ready.put("registry", registryServer.url());
    ready.put("streamsOps", streams.opsUrl());
    ready.put("notifierOps", "http://127.0.0.1:" + notifier.opsPort());
    return ready;
  }

  private static void drain(InputStream in) throws IOException {
    byte[] buffer = new byte[256];
    while (in.read(buffer) >= 0) {
      // The harness never writes; end of input means it is done (or gone).
    }
  }

  private static void close(List<AutoCloseable> started) {
    for (AutoCloseable component : started.reversed()) {
      try {
        component.close();
      } catch (Exception e) {
        System.err.println("stopping " + component.getClass().getSimpleName() + " failed: " + e);
      }
    }
    started.clear();
  }

  static Map<String, String> parse(String[] args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("argument '" + arg + "' is not name=value");
      }
      out.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    return out;
  }

  private static Map<String, String> prefixed(Map<String, String> arguments, String prefix) {
    Map<String, String> out = new HashMap<>();
    arguments.forEach((name, value) -> {
      if (name.startsWith(prefix)) {
        out.put(name.substring(prefix.length()), value);
      }
    });
    return out;
  }

  private static String required(Map<String, String> arguments, String name) {
    String value = arguments.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing argument " + name + "=...");
    }
    return value;
  }
}
