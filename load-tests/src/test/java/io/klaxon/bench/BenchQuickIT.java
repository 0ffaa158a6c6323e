package io.klaxon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Keeps the load harness working: a short {@code steady} run through a real pipeline, each part its
 * own process, writes a report whose accounting adds up and whose figures, per process too, are
 * filled in; a tiny {@code ceiling} run drains the same records with Klaxon and with the skeleton
 * (its own process too) and reports both and their ratio. The figures themselves are not judged
 * (benchmarks report numbers; they do not pass or fail on them).
 */
class BenchQuickIT {

  @Test
  void aShortSteadyRunWritesACompleteReportWithPassingAccounting() throws IOException {
    Path reports = Files.createDirectories(Path.of("target/bench-it"));

    int exit = new CommandLine(new BenchMain()).execute("steady", "--quick", "--rate", "400", "--duration", "6s",
        "--tenants", "8", "--reports", reports.toString());

    assertThat(exit).isZero();
    Path run = latest(reports, "-steady-quick");
    JsonNode report = new ObjectMapper().readTree(run.resolve("report.json").toFile());
    assertThat(report.path("accountingPassed").asBoolean()).isTrue();
    JsonNode accounting = report.path("accounting").path("klaxon");
    assertThat(accounting.path("sent").asLong()).isGreaterThan(2_000);
    assertThat(accounting.path("processed").asLong()).isEqualTo(accounting.path("acked").asLong());
    assertThat(accounting.path("poisonSent").asLong()).isPositive();
    JsonNode results = report.path("Results");
    assertThat(results.path("sent/s").asDouble()).isBetween(300.0, 500.0);
    assertThat(results.path("routed latency samples").asLong()).isPositive();
    assertThat(results.path("routed p99 (ms)").asDouble()).isPositive();
    assertThat(results.path("delivered latency samples").asLong()).isPositive();
    assertThat(results.path("pipeline CPU (cores)").asDouble()).isPositive();
    assertThat(results.path("pipeline peak RSS (MiB)").asDouble()).isPositive();
    assertThat(results.path("warm-up (s)").asDouble()).as("the report says how long the run warmed up").isPositive();
    assertThat(results.path("warm-up alerts sent").asLong()).isPositive();
    for (String process : new String[] {"broker", "streams-1", "notifier-1", "harness"}) {
      assertThat(results.path("CPU (cores): " + process).asDouble()).as("%s CPU", process).isPositive();
      assertThat(results.path("peak RSS (MiB): " + process).asDouble()).as("%s peak RSS", process).isPositive();
    }
    assertThat(results.path("peak RSS (MiB): registry").asDouble()).isPositive();
    assertThat(report.path("timeline").path("klaxon").get(0).path("cpuCoresByProcess").has("streams-1")).isTrue();
    assertThat(report.path("timeline").path("klaxon").size()).isGreaterThanOrEqualTo(10);
    assertThat(run.resolve("report.md")).content().contains("## Accounting").contains("passed");
    assertThat(run.resolve("klaxon-throughput.svg")).content().startsWith("<svg").contains("</svg>");
    assertThat(run.resolve("klaxon-latency.svg")).exists();
  }

  /**
   * Enough events that even the skeleton needs several commits to drain them: its rate is measured
   * from its first commit, and with 3,000 a fast start could commit them all at once (rate 0).
   */
  private static final int CEILING_EVENTS = 12_000;

  @Test
  void aTinyCeilingRunDrainsTheSameRecordsWithKlaxonAndTheSkeletonAndReportsTheirRatio() throws IOException {
    Path reports = Files.createDirectories(Path.of("target/bench-it"));

    int exit = new CommandLine(new BenchMain()).execute("ceiling", "--quick", "--events", Integer.toString(CEILING_EVENTS), "--tenants", "8",
        "--reports", reports.toString());

    assertThat(exit).isZero();
    JsonNode report = new ObjectMapper().readTree(latest(reports, "-ceiling-quick").resolve("report.json").toFile());
    assertThat(report.path("accountingPassed").asBoolean()).isTrue();
    assertThat(report.path("accounting").path("klaxon").path("acked").asLong()).isEqualTo(CEILING_EVENTS);
    JsonNode klaxon = report.path("Klaxon (full topology)");
    JsonNode skeleton = report.path("Skeleton (reference)");
    for (JsonNode system : new JsonNode[] {klaxon, skeleton}) {
      assertThat(system.path("drain rate (events/s)").asDouble()).isPositive();
      assertThat(system.path("CPU (cores): broker").asDouble()).isPositive();
      assertThat(system.path("peak RSS (MiB): broker").asDouble()).isPositive();
    }
    assertThat(klaxon.path("CPU (cores): streams-1").asDouble()).isPositive();
    assertThat(skeleton.path("CPU (cores): skeleton").asDouble()).as("the skeleton ran as its own process").isPositive();
    assertThat(skeleton.path("peak RSS (MiB): skeleton").asDouble()).isPositive();
    assertThat(skeleton.path("records on its output topic").asLong()).isEqualTo(CEILING_EVENTS);
    assertThat(klaxon.path("keys: dedup-store").asLong()).isPositive();
    assertThat(report.path("Ratio").path("drain rate, Klaxon ÷ skeleton (goal ≥ 0.75)").asDouble())
        .isEqualTo(Math.round(klaxon.path("drain rate (events/s)").asDouble()
            / skeleton.path("drain rate (events/s)").asDouble() * 100) / 100.0, org.assertj.core.data.Offset.offset(0.011));
  }

  private static Path latest(Path reports, String suffix) throws IOException {
    try (Stream<Path> runs = Files.list(reports)) {
      return runs.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().reduce((a, b) -> b).orElseThrow();
    }
  }
}
