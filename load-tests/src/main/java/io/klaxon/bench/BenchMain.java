package io.klaxon.bench;

import io.klaxon.bench.alertmanager.AlertmanagerNotFoundException;
import io.klaxon.bench.ceiling.CeilingScenario;
import io.klaxon.bench.report.Report;
import io.klaxon.ops.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./klaxon bench <scenario>}: runs one end-to-end scenario and writes its report. Exit code
 * 0 when the scenario ran and its accounting check passed, 1 when the accounting found lost or
 * double-counted alerts, 2 on bad usage, 3 when something needed is missing or failed.
 */
@Command(name = "klaxon bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Runs a benchmark scenario against a real pipeline (broker, registry, Streams app and notifier, each its own"
            + " process) and writes report.json, report.md and SVG charts under the reports directory.",
        "Scenarios: steady, soak, max, storm, eos-vs-alos, ceiling, notifier, alertmanager, ingest.",
        "JMH microbenchmarks: ./klaxon bench jmh."})
public final class BenchMain implements Callable<Integer> {
  /** The most Streams instances or notifiers: one per partition of the alerts and notifications topics. */
  static final int MAX_INSTANCES = 6;
  /** The scenarios that run more than one Streams instance or notifier when asked. */
  static final List<String> SCALABLE = List.of("steady", "soak", "max", "storm", "eos-vs-alos");
  static final List<String> SCENARIOS = List.of("steady", "soak", "max", "storm", "eos-vs-alos", "ceiling", "notifier",
      "alertmanager", "ingest");
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
  /** The JDK HTTP server's limit of idle connections it keeps open (200 by default). */
  static final String SERVER_IDLE_CONNECTIONS = "sun.net.httpserver.maxIdleConnections";

  static {
    // The harness's receivers keep every sender's idle connections, as a real receiver does: past the
    // JDK server's default of 200, a load generator that follows the notifier (whose 200 connections
    // stay open) would have almost every connection closed after one request and reconnect each time.
    // Set before any server starts in this JVM, which reads it once.
    if (System.getProperty(SERVER_IDLE_CONNECTIONS) == null) {
      System.setProperty(SERVER_IDLE_CONNECTIONS, "10000");
    }
  }

  @Parameters(index = "0", paramLabel = "SCENARIO", description = "One of: ${COMPLETION-CANDIDATES}",
      completionCandidates = ScenarioNames.class)
  String scenario;

  @Option(names = "--quick", description = "A short variant for smoke checks (under two minutes).")
  boolean quick;

  @Option(names = "--rate", paramLabel = "ALERTS_PER_SECOND", description = "Override the scenario's rate.")
  Double rate;

  @Option(names = "--duration", paramLabel = "DURATION", description = "Override the measured duration, e.g. 90s or 2m.")
  String duration;

  @Option(names = "--events", paramLabel = "COUNT",
      description = "Override the number of events the scenario preloads (ceiling).")
  Long events;

  @Option(names = "--tenants", defaultValue = "20", description = "Regular tenants (default ${DEFAULT-VALUE}).")
  int tenants;

  @Option(names = "--guarantee", defaultValue = "exactly_once_v2",
      description = "Processing guarantee of the Streams app: exactly_once_v2 or at_least_once (default ${DEFAULT-VALUE}).")
  String guarantee;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated traffic (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--set", paramLabel = "COMPONENT.VARIABLE=VALUE",
      description = "An environment variable of the Streams app or the notifier, e.g."
          + " --set streams.NUM_STREAM_THREADS=2 (repeatable).")
  java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();

  @Option(names = "--grouped", description = "The tenants' routes group their alerts by service (groupWait 30s,"
      + " groupInterval 5m), so the run includes what grouping costs (ceiling).")
  boolean grouped;

  @Option(names = "--instances", defaultValue = "1", paramLabel = "N",
      description = "Streams instances, each its own process, for steady, max, storm and eos-vs-alos (1 to "
          + MAX_INSTANCES + "; default ${DEFAULT-VALUE}).")
  int instances;

  @Option(names = "--notifiers", defaultValue = "1", paramLabel = "N",
      description = "Notifiers, each its own process, for steady, max, storm and eos-vs-alos (1 to " + MAX_INSTANCES
          + "; default ${DEFAULT-VALUE}).")
  int notifiers;

  @Option(names = "--skeleton", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "steady and eos-vs-alos also run the skeleton (two stores per record, nothing else) at the same"
          + " rate and settings, for a reference latency in the same run (default on; --no-skeleton skips it).")
  boolean skeleton;

  @Option(names = "--profile", description = "Record a JFR profile of the broker, the Streams app and the notifier"
      + " (broker.jfr, streams.jfr, notifier.jfr in the run directory).")
  boolean profile;

  @Option(names = "--reports", defaultValue = "load-tests/reports",
      description = "Where run directories are created (default ${DEFAULT-VALUE}).")
  Path reports;

  static final class ScenarioNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return SCENARIOS.iterator();
    }
  }

  @Override
  public Integer call() throws Exception {
    if (!SCENARIOS.contains(scenario)) {
      System.err.println("klaxon bench: unknown scenario '" + scenario + "' (available: " + String.join(", ", SCENARIOS)
          + ", jmh)");
      return 2;
    }
    if (!guarantee.equals("exactly_once_v2") && !guarantee.equals("at_least_once")) {
      System.err.println("klaxon bench: --guarantee must be exactly_once_v2 or at_least_once, not '" + guarantee + "'");
      return 2;
    }
    if (instances < 1 || instances > MAX_INSTANCES || notifiers < 1 || notifiers > MAX_INSTANCES) {
      System.err.println("klaxon bench: --instances and --notifiers must be from 1 to " + MAX_INSTANCES + " (one per"
          + " partition), not " + (instances < 1 || instances > MAX_INSTANCES ? instances : notifiers));
      return 2;
    }
    if ((instances > 1 || notifiers > 1) && !SCALABLE.contains(scenario)) {
      System.err.println("klaxon bench: --instances and --notifiers apply to " + String.join(", ", SCALABLE) + ", not "
          + scenario);
      return 2;
    }
    if (profile) {
      System.setProperty(PartFlags.PROFILE_PROPERTY, "true");
    }
    BenchOptions options = new BenchOptions(quick, seed, tenants, guarantee, rate,
        duration == null ? null : parseDuration(duration), events, settings, grouped, instances, notifiers,
        skeleton);
    for (String name : settings.keySet()) {
      if (!name.startsWith("streams.") && !name.startsWith("notifier.")) {
        System.err.println("klaxon bench: --set " + name + ": the name must start with streams. or notifier.");
        return 2;
      }
    }
    Report report = new Report(reports, scenario, quick);
    if (SCALABLE.contains(scenario)) {
      report.setting("Streams instances", instances).setting("notifiers", notifiers);
    }
    settings.forEach((name, value) -> report.setting("--set " + name, value));
    if (grouped) {
      report.setting("--grouped", "routes group by " + BenchTenants.GROUPING.getGroupBy() + ", groupWait "
          + BenchTenants.GROUPING.getGroupWaitMs() + " ms, groupInterval " + BenchTenants.GROUPING.getGroupIntervalMs() + " ms");
    }
    System.setProperty("klaxon.logDir", report.dir().toAbsolutePath().toString());
    Consumer<String> progress = line -> System.out.println(LocalTime.now(ZoneId.systemDefault()).format(CLOCK) + " " + line);
    progress.accept("bench " + scenario + (quick ? " (quick)" : "") + ": writing to " + report.dir());
    long start = System.nanoTime();
    try {
      run(scenario, options, report, progress);
    } catch (AlertmanagerNotFoundException e) {
      System.err.println("klaxon bench: " + e.getMessage());
      return 3;
    }
    report.setting("wall time (s)", Math.round((System.nanoTime() - start) / 1e8) / 10.0);
    Path markdown = report.write();
    progress.accept("report: " + markdown + " (and report.json, charts)");
    if (!report.accountingPassed()) {
      System.err.println("klaxon bench: the accounting check FAILED; see " + markdown);
      return 1;
    }
    return 0;
  }

  private static void run(String scenario, BenchOptions options, Report report, Consumer<String> progress)
      throws Exception {
    LoadScenarios load = new LoadScenarios(options, report, progress);
    switch (scenario) {
      case "steady" -> load.steady();
      case "soak" -> load.soak();
      case "max" -> load.max();
      case "storm" -> load.storm();
      case "eos-vs-alos" -> load.eosVersusAlos();
      case "ceiling" -> new CeilingScenario(options, report, progress).run();
      case "notifier" -> new NotifierScenario(options, report, progress).run();
      case "alertmanager" -> new SideBySideScenario(options, report, progress).run();
      case "ingest" -> new IngestScenario(options, report, progress).run();
      default -> throw new IllegalStateException("unknown scenario");
    }
  }

  /** {@code --duration} in Klaxon's one duration grammar ({@link Durations}). */
  static Duration parseDuration(String text) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(new CommandLine(new BenchMain()), "--duration: " + e.getMessage());
    }
  }

  public static void main(String[] args) {
    // ./klaxon passes the project's reports directory first; a --reports of the user's comes later and wins.
    int exit = new CommandLine(new BenchMain()).setOverwrittenOptionsAllowed(true).execute(args);
    System.exit(exit);
  }
}
