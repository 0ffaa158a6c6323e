package io.klaxon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The options a run is refused for, before anything starts or any report directory is made. */
class BenchMainTest {
  @TempDir
  Path reports;

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "steady --instances 0|--instances and --notifiers must be from 1 to 6 (one per partition), not 0",
      "max --notifiers 7|--instances and --notifiers must be from 1 to 6 (one per partition), not 7",
      "notifier --instances 2|--instances and --notifiers apply to steady, soak, max, storm, eos-vs-alos, not notifier",
      "ceiling --notifiers 3|--instances and --notifiers apply to steady, soak, max, storm, eos-vs-alos, not ceiling"})
  void moreInstancesThanPartitionsOrForAScenarioWithoutThemIsRefused(String arguments, String message) throws IOException {
    String[] args = Stream.concat(Stream.of(arguments.split(" ")), Stream.of("--quick", "--reports", reports.toString()))
        .toArray(String[]::new);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream before = System.err;
    int exit;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      exit = new CommandLine(new BenchMain()).execute(args);
    } finally {
      System.setErr(before);
    }

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("klaxon bench: " + message + System.lineSeparator());
    try (Stream<Path> runs = Files.list(reports)) {
      assertThat(runs).isEmpty();
    }
  }
}
