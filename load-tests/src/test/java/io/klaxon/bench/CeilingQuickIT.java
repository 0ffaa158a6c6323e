package io.klaxon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Keeps the {@code ceiling} scenario working: a tiny run drains the same records with Klaxon and
 * with the skeleton (each its own process) and reports both and their ratio. The figures themselves
 * are not judged.
 */
class CeilingQuickIT {
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
    JsonNode report = new ObjectMapper().readTree(RunDirectories.latest(reports, "-ceiling-quick").resolve("report.json").toFile());
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
            / skeleton.path("drain rate (events/s)").asDouble() * 100) / 100.0, Offset.offset(0.011));
  }
}
