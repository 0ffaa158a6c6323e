package io.klaxon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Keeps the load harness working: a short {@code steady} run through a real pipeline, each part its
 * own process, writes a report whose accounting adds up and whose figures, per process too, are
 * filled in, and whose skeleton reference ran at the same rate. The figures themselves are not judged (benchmarks report numbers; they do not pass or
 * fail on them). {@link CeilingQuickIT} keeps the {@code ceiling} scenario working.
 */
class BenchQuickIT {

  @Test
  void aShortSteadyRunWritesACompleteReportWithPassingAccounting() throws IOException {
    Path reports = Files.createDirectories(Path.of("target/bench-it"));

    int exit = new CommandLine(new BenchMain()).execute("steady", "--quick", "--rate", "400", "--duration", "6s",
        "--tenants", "8", "--reports", reports.toString());

    assertThat(exit).isZero();
    Path run = RunDirectories.latest(reports, "-steady-quick");
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

    JsonNode skeleton = report.path("Skeleton at the same rate (reference)");
    assertThat(skeleton.path("sent/s").asDouble()).isBetween(300.0, 500.0);
    assertThat(skeleton.path("routed latency samples").asLong()).as("records the skeleton wrote, timed").isPositive();
    assertThat(skeleton.path("CPU (cores): skeleton").asDouble()).isPositive();
    assertThat(skeleton.has("delivered/s")).as("the skeleton delivers nothing, so it reports no delivery").isFalse();
    assertThat(report.path("accounting").has("skeleton")).isFalse();
    JsonNode ratios = report.path("Klaxon ÷ skeleton");
    assertThat(ratios.path("routed p99 (ms), Klaxon ÷ skeleton").asDouble()).isPositive();
    assertThat(ratios.path("routed p99 goal (ms)").asDouble()).isEqualTo(150.0);
    assertThat(ratios.path("the skeleton meets the goal").isBoolean()).isTrue();
    assertThat(run.resolve("steady-against-skeleton.svg")).content().startsWith("<svg");
  }
}
