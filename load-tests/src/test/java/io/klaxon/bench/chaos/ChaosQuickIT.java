package io.klaxon.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klaxon.bench.RunDirectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Keeps the chaos harness working: a short {@code streams-kill} run (two Streams instances, each
 * part its own process, the one owning input partitions killed with SIGKILL once and restarted)
 * whose verifier reads every topic and finds every input with exactly one outcome and every
 * notification delivered, and whose report times the kill's interruption. One kill keeps every
 * step of the harness in use; the committed runs and {@code ./klaxon chaos} make the repeated ones.
 */
class ChaosQuickIT {

  @Test
  void aShortStreamsKillRunLosesNothingAndTimesTheKill() throws IOException {
    Path reports = Files.createDirectories(Path.of("target/chaos-it"));

    int exit = new CommandLine(new ChaosMain()).execute("streams-kill", "--quick", "--rate", "300", "--kills", "1",
        "--tenants", "8", "--reports", reports.toString());

    Path run = RunDirectories.latest(reports, "-chaos-streams-kill-quick");
    JsonNode report = new ObjectMapper().readTree(run.resolve("report.json").toFile());
    assertThat(report.path("data").path("violations")).as("violations").isEmpty();
    assertThat(exit).isZero();
    JsonNode verifier = report.path("verifier");
    assertThat(verifier.path("violations").asLong()).isZero();
    assertThat(verifier.path("inputs acknowledged").asLong()).isGreaterThan(1_000);
    assertThat(verifier.path("outcomes").asLong()).isEqualTo(verifier.path("inputs on the alerts topic").asLong());
    assertThat(verifier.path("outcome routed").asLong()).isPositive();
    assertThat(verifier.path("outcome dead_lettered").asLong()).as("the poison records").isPositive();
    assertThat(verifier.path("notifications delivered").asLong()).isPositive();
    JsonNode kills = report.path("data").path("kills");
    assertThat(kills).hasSize(1);
    for (JsonNode kill : kills) {
      assertThat(kill.path("time to flow back (s)").asDouble()).as("kill %s flowed back", kill.path("kill")).isPositive();
    }
    assertThat(run.resolve("report.md")).content().contains("verifier").contains("time to flow back");
  }
}
