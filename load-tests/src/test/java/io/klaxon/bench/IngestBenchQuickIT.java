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
 * Keeps the ingest benchmark working: a short {@code ingest} run (broker, registry and the ingest
 * service, each its own process) writes a report whose accounting adds up (every alert answered 200
 * is on the alerts topic) and whose figures are filled in. The figures themselves are not judged.
 */
class IngestBenchQuickIT {

  @Test
  void aShortIngestRunWritesACompleteReportWithPassingAccounting() throws IOException {
    Path reports = Files.createDirectories(Path.of("target/bench-it"));

    int exit = new CommandLine(new BenchMain()).execute("ingest", "--quick", "--duration", "4s", "--tenants", "3",
        "--reports", reports.toString());

    assertThat(exit).isZero();
    Path run = RunDirectories.latest(reports, "-ingest-quick");
    JsonNode report = new ObjectMapper().readTree(run.resolve("report.json").toFile());
    assertThat(report.path("accountingPassed").asBoolean()).isTrue();
    JsonNode accounting = report.path("accounting").path("ingest");
    assertThat(accounting.path("acked").asLong()).isPositive().isEqualTo(accounting.path("processed").asLong());
    JsonNode results = report.path("Results");
    assertThat(results.path("alerts/s").asDouble()).isPositive();
    assertThat(results.path("requests/s").asDouble()).isPositive();
    assertThat(results.path("request p99 (ms)").asDouble()).isPositive();
    assertThat(results.path("CPU (cores): ingest-1").asDouble()).isPositive();
    assertThat(results.path("peak RSS (MiB): ingest-1").asDouble()).isPositive();
    assertThat(run.resolve("ingest-throughput.svg")).content().startsWith("<svg");
  }
}
