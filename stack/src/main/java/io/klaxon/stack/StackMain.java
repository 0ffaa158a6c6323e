package io.klaxon.stack;

import io.klaxon.ops.Durations;
import io.klaxon.launcher.PortPlan;
import io.klaxon.launcher.RunMode;
import io.klaxon.stack.render.RenderCommand;
import io.klaxon.streams.KlaxonTopology;
import io.klaxon.streams.PipelineListener;
import io.klaxon.streams.TopologyConfig;
import io.klaxon.registry.InMemorySchemaRegistry;
import io.klaxon.topics.KlaxonTopics;
import io.klaxon.topics.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code klaxon up}, {@code klaxon streams}, {@code klaxon notifier}, {@code klaxon topology}, {@code klaxon render}. */
@Command(name = "klaxon", mixinStandardHelpOptions = true, version = "klaxon 0.1.0",
    subcommands = {StackMain.Up.class, StackMain.Streams.class, StackMain.Notifier.class, StackMain.Topology.class,
        RenderCommand.class},
    description = "Run Klaxon's components.")
public final class StackMain {

  public static void main(String[] args) {
    // Klaxon stops its components in its own shutdown hook; a second hook from Log4j would race it
    // (and warn on the terminal). The file appender flushes every line.
    System.setProperty("log4j2.shutdownHookEnabled", "false");
    System.exit(new CommandLine(new StackMain()).execute(args));
  }

  @Command(name = "up", mixinStandardHelpOptions = true,
      description = {"Run the whole pipeline on this machine: a Kafka broker, the schema registry, the Streams app, the notifier,",
          "local Slack/SMTP/webhook/PagerDuty stand-ins with an inbox page, and the tenants in --tenants.",
          "Ctrl-C stops everything; data is kept in --data-dir and reused by the next run.",
          "Exit codes: 0 ok, 1 a component failed, 2 usage error."})
  static final class Up implements Callable<Integer> {
    @Option(names = "--demo", description = "Send realistic demo traffic (a noisy tenant over its limit, duplicates, resolves, poison records).")
    boolean demo;

    @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Run for this long (e.g. 60s, 5m), then print a final summary and exit.")
    Duration duration;

    @Option(names = "--rate", defaultValue = "25", description = "Demo events per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--data-dir", defaultValue = ".klaxon", description = "Where the broker and state stores keep their data (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--tenants", defaultValue = "examples/tenants", description = "Tenant files to apply at start (default: ${DEFAULT-VALUE}).")
    Path tenants;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the demo traffic (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--processes", description = "Run the broker, the registry, each Streams instance, each notifier and the"
        + " stand-ins as separate processes (logs in DATA-DIR/logs), with each one's CPU and memory in the final table.")
    boolean processes;

    @Option(names = "--ports-from", paramLabel = "PORT", description = "Use consecutive ports from PORT (Kafka, registry, inbox,"
        + " Slack, webhooks, SMTP, PagerDuty, Streams app, notifier, ...) instead of the defaults, e.g. to run beside another"
        + " stack.")
    Integer portsFrom;

    @Option(names = "--streams-instances", defaultValue = "1", description = "Streams app instances (default: ${DEFAULT-VALUE}).")
    int streamsInstances;

    @Option(names = "--notifiers", defaultValue = "1", description = "Notifiers (default: ${DEFAULT-VALUE}).")
    int notifiers;

    @Override
    public Integer call() throws Exception {
      StackOptions defaults = StackOptions.defaults();
      if (streamsInstances < 1 || notifiers < 1) {
        System.err.println("klaxon up: --streams-instances and --notifiers must be at least 1");
        return 2;
      }
      if (portsFrom != null && (portsFrom < 1024 || portsFrom > 65_000)) {
        System.err.println("klaxon up: --ports-from must be within 1024-65000, not " + portsFrom);
        return 2;
      }
      StackOptions options = new StackOptions(dataDir, tenants, portsFrom == null ? defaults.ports() : PortPlan.from(portsFrom),
          demo ? defaults.webhookFailureFraction() : 0, processes ? RunMode.SEPARATE_PROCESS : defaults.mode(),
          streamsInstances, notifiers);
      return new UpRun(options, demo, rate, seed, duration, System.out).run();
    }
  }

  @Command(name = "streams", mixinStandardHelpOptions = true,
      description = "Run the Streams app against a cluster (configured by environment variables; see the README).")
  static final class Streams implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      io.klaxon.streams.app.StreamsApp.main(new String[0]);
      return 0;
    }
  }

  @Command(name = "notifier", mixinStandardHelpOptions = true,
      description = "Run the notifier against a cluster (configured by environment variables; see the README).")
  static final class Notifier implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      io.klaxon.notifier.app.NotifierApp.main(new String[0]);
      return 0;
    }
  }

  @Command(name = "topology", mixinStandardHelpOptions = true, description = "Print the Streams topology's description.")
  static final class Topology implements Callable<Integer> {
    @Override
    public Integer call() {
      System.out.println(KlaxonTopology.build(TopologyConfig.defaults(),
          KlaxonTopics.of(TopicNames.DEFAULTS, new InMemorySchemaRegistry()), PipelineListener.NONE).describe());
      return 0;
    }
  }

  /** Reads a duration in Klaxon's one grammar ({@link Durations}): 500ms, 60s, 5m, 1h30m, PT5M. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return Durations.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

}
