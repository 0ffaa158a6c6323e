package io.klaxon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Finds the run directory a benchmark or chaos run just wrote. */
public final class RunDirectories {
  private RunDirectories() {}

  /** The newest run under {@code reports} whose directory name ends with {@code suffix} (e.g. {@code -steady-quick}). */
  public static Path latest(Path reports, String suffix) throws IOException {
    try (Stream<Path> runs = Files.list(reports)) {
      return runs.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().reduce((a, b) -> b).orElseThrow();
    }
  }
}
