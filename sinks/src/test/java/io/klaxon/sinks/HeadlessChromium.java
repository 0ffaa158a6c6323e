package io.klaxon.sinks;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium run as a process, one fresh profile per run. A missing browser fails
 * the test (CI installs it) rather than skipping it.
 */
final class HeadlessChromium {
  static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final long TIMEOUT_SECONDS = 90;

  private final Path workDir;

  HeadlessChromium(Path workDir) {
    this.workDir = workDir;
  }

  /** Fails the test when Chromium is not installed. */
  static void requireInstalled() {
    if (!Files.isExecutable(BINARY)) {
      fail("Chromium is required for this test but " + BINARY + " is missing: install it with "
          + "`apt-get update && apt-get install -y chromium` (CI installs it)");
    }
  }

  /** Loads the page and writes a 1280×1600 PNG screenshot. */
  void screenshot(String url, Path png) throws IOException, InterruptedException {
    run(List.of("--screenshot=" + png.toAbsolutePath(), url), "screenshot");
  }

  /** Loads the page and returns the DOM after scripts and layout ran. */
  String dumpDom(String url) throws IOException, InterruptedException {
    return run(List.of("--dump-dom", url), "dump-dom");
  }

  private String run(List<String> arguments, String name) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory(workDir, "chromium-profile-");
    Path out = workDir.resolve(name + ".out");
    Path err = workDir.resolve(name + ".err");
    List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,1600"));
    command.addAll(arguments);
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        fail("Chromium did not finish within " + TIMEOUT_SECONDS + " s; stderr: " + Files.readString(err));
      }
      if (process.exitValue() != 0) {
        fail("Chromium exited with " + process.exitValue() + "; stderr: " + Files.readString(err));
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      deleteTree(profile);
    }
  }

  /** Best effort: a browser helper may still be writing into the profile while it exits. */
  static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException | UncheckedIOException e) {
      // Left under target/, which the build cleans.
    }
  }
}
