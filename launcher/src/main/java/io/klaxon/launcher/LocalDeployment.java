package io.klaxon.launcher;

import io.klaxon.embedded.TopicSpec;
import io.klaxon.ingest.IngestMain;
import io.klaxon.ingest.IngestService;
import io.klaxon.launcher.parts.BrokerPart;
import io.klaxon.launcher.parts.HealthEndpoint;
import io.klaxon.launcher.parts.IngestPart;
import io.klaxon.launcher.parts.NotifierPart;
import io.klaxon.launcher.parts.RegistryPart;
import io.klaxon.launcher.parts.StreamsPart;
import io.klaxon.ops.GroupRecovery;
import io.klaxon.sinks.pagerduty.PagerDutyStandIn;
import io.klaxon.sinks.slack.SlackApiSettings;
import io.klaxon.topics.TopicNames;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the usual {@link Deployment} of Klaxon on one machine: a broker (data under {@code
 * <dir>/kafka}), the registry, Klaxon's six topics ({@link TopicNames#DEFAULTS}), optionally the
 * stand-ins, N Streams instances ({@code streams-1} ... with state under {@code
 * <dir>/streams-state/<name>}), M notifiers ({@code notifier-1} ...) and K copies of the HTTP
 * ingest service ({@code ingest-1} ..., none unless asked), every part wired to the others through
 * environment variables. The caller adds or overrides variables per kind of part
 * and chooses how each part runs.
 *
 * <p>Ports come from a {@link PortPlan}, asked in this order: broker, registry, the stand-ins'
 * inbox, Slack, webhook, SMTP and PagerDuty ports (with stand-ins), {@code streams-1}, {@code notifier-1},
 * further instances, then the broker's controller port, the health ports of the broker, the
 * registry and the stand-ins, then the ingest copies ({@code ingest-1} ...). So {@code PortPlan.from(19000)} gives Kafka 19000, the registry
 * 19001, the inbox 19002 and so on.
 *
 * <p>With stand-ins, every notifier is pointed at them (Slack API, SMTP, the PagerDuty Events API
 * as {@code PAGERDUTY_EVENTS_URL}, loopback webhooks and events allowed) and both get a new stack key ({@link StandInSecrets}), so webhook signatures check out
 * for every tenant, including those applied later. With stand-ins and ingest copies, clicks on the
 * inbox page's Slack buttons go to {@code ingest-1}'s Slack interactions endpoint, signed with the
 * tenant's signing secret derived from the same key, which every ingest copy gets too, together
 * with the stand-in's response URLs as {@code SLACK_RESPONSE_URL_PREFIX}. Not thread-safe.
 */
public final class LocalDeployment {
  private LocalDeployment() {}

  /** A builder of a deployment kept in {@code dir}. */
  public static Builder builder(Path dir) {
    return new Builder(dir);
  }

  /** Settings of a {@link LocalDeployment}; the defaults are noted on each method. */
  public static final class Builder {
    private final Path dir;
    private final Map<PartKind, RunMode> modes = new EnumMap<>(PartKind.class);
    private final Map<PartKind, Map<String, String>> env = new EnumMap<>(PartKind.class);
    private final Map<PartKind, List<String>> jvmFlags = new EnumMap<>(PartKind.class);
    private RunMode mode = RunMode.IN_PROCESS;
    private boolean keepData;
    private PortPlan ports = PortPlan.free();
    private int partitions = 3;
    private int tenantPartitions = 3;
    private int streamsInstances = 1;
    private int notifiers = 1;
    private int ingestCopies;
    private boolean standIns;

    private Builder(Path dir) {
      this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath();
      jvmFlags.put(PartKind.BROKER, List.of("-Xmx1g"));
      jvmFlags.put(PartKind.REGISTRY, List.of("-Xmx256m"));
      jvmFlags.put(PartKind.STAND_INS, List.of("-Xmx256m"));
      jvmFlags.put(PartKind.STREAMS, List.of("-Xmx1g"));
      jvmFlags.put(PartKind.NOTIFIER, List.of("-Xmx1g"));
      // As IngestMain does: a client that stalls while sending its request is cut off after 30 s.
      jvmFlags.put(PartKind.INGEST, List.of("-Xmx512m", "-D" + IngestMain.MAX_REQUEST_SECONDS_PROPERTY + "=30"));
    }

    /** How every part runs (default in-process), unless {@link #mode(PartKind, RunMode)} says otherwise. */
    public Builder mode(RunMode runMode) {
      this.mode = Objects.requireNonNull(runMode, "runMode");
      return this;
    }

    /** How the parts of one kind run. */
    public Builder mode(PartKind kind, RunMode runMode) {
      modes.put(kind, Objects.requireNonNull(runMode, "runMode"));
      return this;
    }

    /** Whether data survives the launcher's close (default false: deleted). */
    public Builder keepData(boolean keep) {
      this.keepData = keep;
      return this;
    }

    /** Where ports come from (default: free ports). */
    public Builder ports(PortPlan plan) {
      this.ports = Objects.requireNonNull(plan, "plan");
      return this;
    }

    /** Partitions of every topic but the tenants topic (default 3). */
    public Builder partitions(int count) {
      this.partitions = positive(count, "partitions");
      return this;
    }

    /** Partitions of the compacted tenants topic (default 3). */
    public Builder tenantPartitions(int count) {
      this.tenantPartitions = positive(count, "tenant partitions");
      return this;
    }

    /** Streams instances, one application id (default 1; 0 for none, e.g. to measure the ingest service alone). */
    public Builder streamsInstances(int count) {
      this.streamsInstances = notNegative(count, "Streams instances");
      return this;
    }

    /** Notifiers, one consumer group (default 1; 0 for none). */
    public Builder notifiers(int count) {
      this.notifiers = notNegative(count, "notifiers");
      return this;
    }

    /** Copies of the HTTP ingest service (default 0). */
    public Builder ingestCopies(int count) {
      this.ingestCopies = notNegative(count, "ingest copies");
      return this;
    }

    /** Adds the local Slack, SMTP, webhook and PagerDuty stand-ins and points the notifiers at them (default: none). */
    public Builder withStandIns() {
      this.standIns = true;
      return this;
    }

    /**
     * Environment variables for every part of {@code kind}, added to (or replacing) the wiring;
     * a Streams instance's {@code HTTP_PORT} and {@code STATE_DIR} and a notifier's {@code
     * HTTP_PORT} stay its own.
     */
    public Builder env(PartKind kind, Map<String, String> variables) {
      env.computeIfAbsent(kind, k -> new LinkedHashMap<>()).putAll(variables);
      return this;
    }

    /**
     * The JVM flags of every part of {@code kind} run as its own process, replacing the defaults
     * (broker, Streams, notifier {@code -Xmx1g}; ingest {@code -Xmx512m} and a 30 s limit on
     * receiving a request; registry and stand-ins {@code -Xmx256m}).
     */
    public Builder jvmFlags(PartKind kind, List<String> flags) {
      jvmFlags.put(kind, List.copyOf(flags));
      return this;
    }

    /** The deployment; every port is assigned now. */
    public Deployment build() {
      int brokerPort = ports.port("broker");
      int registryPort = ports.port("registry");
      String bootstrap = "127.0.0.1:" + brokerPort;
      String registryUrl = "http://127.0.0.1:" + registryPort;
      Map<String, Integer> standInPorts = new LinkedHashMap<>();
      if (standIns) {
        for (String role : List.of("inbox", "slack", "webhook", "smtp", "pagerduty")) {
          standInPorts.put(role, ports.port(role));
        }
      }
      List<Integer> streamsPorts = new ArrayList<>();
      List<Integer> notifierPorts = new ArrayList<>();
      if (streamsInstances > 0) {
        streamsPorts.add(ports.port("streams-1"));
      }
      if (notifiers > 0) {
        notifierPorts.add(ports.port("notifier-1"));
      }
      for (int i = 2; i <= streamsInstances; i++) {
        streamsPorts.add(ports.port("streams-" + i));
      }
      for (int i = 2; i <= notifiers; i++) {
        notifierPorts.add(ports.port("notifier-" + i));
      }
      int controllerPort = ports.port("broker-controller");
      int brokerHealth = ports.port("broker-health");
      int registryHealth = ports.port("registry-health");
      int standInsHealth = standIns ? ports.port("stand-ins-health") : 0;
      List<Integer> ingestPorts = new ArrayList<>();
      for (int i = 1; i <= ingestCopies; i++) {
        ingestPorts.add(ports.port("ingest-" + i));
      }
      String key = StandInSecrets.newKey();
      Map<String, String> cluster = Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "SCHEMA_REGISTRY_URL", registryUrl);

      List<Part> parts = new ArrayList<>();
      parts.add(part("broker", PartKind.BROKER, ordered(
          BrokerPart.PORT, Integer.toString(brokerPort),
          BrokerPart.CONTROLLER_PORT, Integer.toString(controllerPort),
          BrokerPart.DATA_DIR, dir.resolve("kafka").toString(),
          HealthEndpoint.PORT, Integer.toString(brokerHealth)),
          Map.of(), ports("kafka", brokerPort, "controller", controllerPort, "health", brokerHealth), brokerHealth));
      parts.add(part("registry", PartKind.REGISTRY, ordered(
          "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
          RegistryPart.PORT, Integer.toString(registryPort),
          HealthEndpoint.PORT, Integer.toString(registryHealth)),
          Map.of(), ports("http", registryPort, "health", registryHealth), registryHealth));
      if (standIns) {
        int health = standInsHealth;
        Map<String, String> wiring = new LinkedHashMap<>(cluster);
        wiring.put("SINKS_INBOX_PORT", Integer.toString(standInPorts.get("inbox")));
        wiring.put("SINKS_SLACK_PORT", Integer.toString(standInPorts.get("slack")));
        wiring.put("SINKS_SLACK_TOKEN", SlackApiSettings.DEFAULT_TOKEN);
        wiring.put("SINKS_WEBHOOK_PORT", Integer.toString(standInPorts.get("webhook")));
        wiring.put("SINKS_SMTP_PORT", Integer.toString(standInPorts.get("smtp")));
        wiring.put("SINKS_PAGERDUTY_PORT", Integer.toString(standInPorts.get("pagerduty")));
        if (!ingestPorts.isEmpty()) {
          // Button clicks on the inbox page go to the first ingest copy, signed with each tenant's secret.
          wiring.put("SINKS_SLACK_INTERACTIONS_URL",
              "http://127.0.0.1:" + ingestPorts.getFirst() + IngestService.SLACK_INTERACTIONS_PATH);
        }
        wiring.put(StandInSecrets.KEY_VARIABLE, key);
        wiring.put(HealthEndpoint.PORT, Integer.toString(health));
        Map<String, Integer> roles = new LinkedHashMap<>(standInPorts);
        roles.put("health", health);
        parts.add(part("stand-ins", PartKind.STAND_INS, wiring, Map.of(), roles, health));
      }
      for (int i = 0; i < streamsPorts.size(); i++) {
        String name = "streams-" + (i + 1);
        int port = streamsPorts.get(i);
        parts.add(part(name, PartKind.STREAMS, cluster, ordered(
            StreamsPart.HTTP_PORT, Integer.toString(port),
            StreamsPart.STATE_DIR, dir.resolve("streams-state").resolve(name).toString(),
            GroupRecovery.INSTANCE_ID_VARIABLE, name),
            ports("http", port), port));
      }
      for (int i = 0; i < notifierPorts.size(); i++) {
        int port = notifierPorts.get(i);
        Map<String, String> wiring = new LinkedHashMap<>(cluster);
        wiring.put("WEBHOOK_ALLOWLIST", "127.0.0.1,localhost");
        if (standIns) {
          wiring.put("SLACK_API_URL", "http://127.0.0.1:" + standInPorts.get("slack") + "/api/");
          wiring.put("SLACK_BOT_TOKEN", SlackApiSettings.DEFAULT_TOKEN);
          wiring.put("SMTP_HOST", "127.0.0.1");
          wiring.put("SMTP_PORT", Integer.toString(standInPorts.get("smtp")));
          wiring.put("SMTP_FROM", "klaxon@localhost");
          // PagerDuty destinations pass the webhook guard: 127.0.0.1 is allowed by WEBHOOK_ALLOWLIST above.
          wiring.put("PAGERDUTY_EVENTS_URL",
              "http://127.0.0.1:" + standInPorts.get("pagerduty") + PagerDutyStandIn.ENQUEUE_PATH);
          wiring.put(StandInSecrets.KEY_VARIABLE, key);
        }
        String name = "notifier-" + (i + 1);
        parts.add(part(name, PartKind.NOTIFIER, wiring,
            Map.of(NotifierPart.HTTP_PORT, Integer.toString(port), GroupRecovery.INSTANCE_ID_VARIABLE, name),
            ports("http", port), port));
      }
      for (int i = 1; i <= ingestPorts.size(); i++) {
        int port = ingestPorts.get(i - 1);
        Map<String, String> wiring = new LinkedHashMap<>(cluster);
        if (standIns) {
          // Slack signing secrets are derived from the stack key, as the stand-in derives them;
          // the stand-in's response URLs are where clicked messages are replaced.
          wiring.put(StandInSecrets.KEY_VARIABLE, key);
          wiring.put("SLACK_RESPONSE_URL_PREFIX", "http://127.0.0.1:" + standInPorts.get("slack") + "/actions/");
        }
        parts.add(part("ingest-" + i, PartKind.INGEST, wiring, Map.of(IngestPart.HTTP_PORT, Integer.toString(port)),
            ports("http", port), port));
      }
      List<TopicSpec> topics = TopicNames.DEFAULTS.all().stream()
          .map(t -> TopicNames.DEFAULTS.compacted(t) ? TopicSpec.compacted(t, tenantPartitions) : TopicSpec.of(t, partitions))
          .toList();
      return new Deployment(dir, keepData, bootstrap, registryUrl, topics, parts);
    }

    /** A part: its wiring, then the caller's variables for its kind, then what is its own. */
    private Part part(String name, PartKind kind, Map<String, String> wiring, Map<String, String> own,
        Map<String, Integer> portRoles, int healthPort) {
      Map<String, String> variables = new LinkedHashMap<>(wiring);
      variables.putAll(env.getOrDefault(kind, Map.of()));
      variables.putAll(own);
      return new Part(name, kind, modes.getOrDefault(kind, mode), variables, jvmFlags.get(kind), portRoles,
          URI.create("http://127.0.0.1:" + healthPort + "/health/ready"));
    }

    private static Map<String, String> ordered(String... namesAndValues) {
      Map<String, String> out = new LinkedHashMap<>();
      for (int i = 0; i < namesAndValues.length; i += 2) {
        out.put(namesAndValues[i], namesAndValues[i + 1]);
      }
      return out;
    }

    private static Map<String, Integer> ports(Object... rolesAndPorts) {
      Map<String, Integer> out = new LinkedHashMap<>();
      for (int i = 0; i < rolesAndPorts.length; i += 2) {
        out.put((String) rolesAndPorts[i], (Integer) rolesAndPorts[i + 1]);
      }
      return out;
    }

    private static int notNegative(int count, String what) {
      if (count < 0) {
        throw new IllegalArgumentException(what + " must not be negative: " + count);
      }
      return count;
    }

    private static int positive(int count, String what) {
      if (count < 1) {
        throw new IllegalArgumentException(what + " must be at least 1: " + count);
      }
      return count;
    }
  }
}
