package io.klaxon.bench.chaos;

import io.klaxon.bench.BenchOptions;
import io.klaxon.bench.report.Report;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./klaxon chaos <scenario>}: runs one chaos scenario ({@link ChaosScenario}) and writes its
 * report. Exit code 0 when the verifier found nothing lost or doubled, 1 otherwise, 2 on bad usage.
 */
@Command(name = "klaxon chaos", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Runs the pipeline under load, each part its own process, while parts are killed (SIGKILL) or receivers"
            + " misbehave; then a verifier reads every topic and what the receivers got, and proves that every input"
            + " has exactly one outcome and every notification was delivered. Writes report.json and report.md.",
        "Scenarios: streams-kill, notifier-kill, sink-faults, broker-restart, poison, registry-outage."})
public final class ChaosMain implements Callable<Integer> {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  @Parameters(index = "0", paramLabel = "SCENARIO", description = "streams-kill, notifier-kill, sink-faults, broker-restart, poison or registry-outage")
  String scenario;

  @Option(names = "--quick", description = "A short variant: fewer kills, shorter phases (a few minutes).")
  boolean quick;

  @Option(names = "--rate", paramLabel = "ALERTS_PER_SECOND", description = "Override the scenario's rate.")
  Double rate;

  @Option(names = "--kills", paramLabel = "COUNT", description = "Override the number of kills (streams-kill, notifier-kill, broker-restart).")
  Integer kills;

  @Option(names = "--tenants", defaultValue = "20", description = "Regular tenants (default ${DEFAULT-VALUE}).")
  int tenants;

  @Option(names = "--guarantee", defaultValue = "exactly_once_v2",
      description = "Processing guarantee of the Streams app (default ${DEFAULT-VALUE}).")
  String guarantee;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the traffic and of the kills (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--set", paramLabel = "COMPONENT.VARIABLE=VALUE",
      description = "An environment variable of the Streams app or the notifier, e.g."
          + " --set streams.KAFKA_SESSION_TIMEOUT_MS=45000 (repeatable).")
  java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();

  @Option(names = "--reports", defaultValue = "load-tests/reports",
      description = "Where run directories are created (default ${DEFAULT-VALUE}).")
  Path reports;

  @Override
  public Integer call() throws Exception {
    if (!ChaosScenario.SCENARIOS.contains(scenario)) {
      System.err.println("klaxon chaos: unknown scenario '" + scenario + "' (available: "
          + String.join(", ", ChaosScenario.SCENARIOS) + ")");
      return 2;
    }
    for (String name : settings.keySet()) {
      if (!name.startsWith("streams.") && !name.startsWith("notifier.")) {
        System.err.println("klaxon chaos: --set " + name + ": the name must start with streams. or notifier.");
        return 2;
      }
    }
    Report report = new Report(reports, "chaos-" + scenario, quick);
    settings.forEach((name, value) -> report.setting("--set " + name, value));
    System.setProperty("klaxon.logDir", report.dir().toAbsolutePath().toString());
    Consumer<String> progress = line -> System.out.println(LocalTime.now(ZoneId.systemDefault()).format(CLOCK) + " " + line);
    progress.accept("chaos " + scenario + (quick ? " (quick)" : "") + ": writing to " + report.dir());
    long start = System.nanoTime();
    Verifier.Verdict verdict = new ChaosScenario(scenario,
        new BenchOptions(quick, seed, tenants, guarantee, rate, null, null, settings, false), report, progress).kills(kills).run();
    report.setting("wall time (s)", Math.round((System.nanoTime() - start) / 1e8) / 10.0);
    Path markdown = report.write();
    progress.accept("report: " + markdown);
    // The benchmarks' accounting sums the instances' outcome counters, which a SIGKILL takes with it:
    // under kills it is shown, not judged. The verifier reads the topics and judges.
    if (!verdict.passed()) {
      System.err.println("klaxon chaos: the verifier found " + verdict.violations().size() + " violations; see " + markdown);
      return 1;
    }
    return 0;
  }

  public static void main(String[] args) {
    int exit = new CommandLine(new ChaosMain()).setOverwrittenOptionsAllowed(true).execute(args);
    System.exit(exit);
  }
}
