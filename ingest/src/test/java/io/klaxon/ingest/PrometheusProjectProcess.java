package io.klaxon.ingest;

import io.klaxon.embedded.FreePort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A binary of the Prometheus project (Debian's {@code prometheus} or {@code prometheus-alertmanager})
 * run as a child process listening on 127.0.0.1, its output in a log file, ready once {@code
 * /-/ready} answers 200. {@link #close()} stops it.
 */
final class PrometheusProjectProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;

  private PrometheusProjectProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts {@code binary} (looked up on the PATH) with {@code arguments} and {@code
   * --web.listen-address}, and waits until it is ready.
   *
   * @param log where its output goes
   * @throws IllegalStateException when the binary cannot be run (not installed)
   */
  static PrometheusProjectProcess start(String binary, List<String> arguments, Path log) throws IOException {
    int port = FreePort.pick();
    List<String> command = new ArrayList<>();
    command.add(binary);
    command.addAll(arguments);
    command.add("--web.listen-address=127.0.0.1:" + port);
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run '" + binary + "' (./klaxon test installs it when run as root): "
          + e.getMessage(), e);
    }
    PrometheusProjectProcess started = new PrometheusProjectProcess(process, port, log);
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
      Awaitility.await(binary + " ready").atMost(Duration.ofSeconds(60)).ignoreExceptionsMatching(e -> e instanceof IOException)
          .until(() -> {
            if (!process.isAlive()) {
              throw new IllegalStateException(binary + " exited: " + Files.readString(log));
            }
            return http.send(HttpRequest.newBuilder(URI.create(started.url() + "/-/ready")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
          });
    } catch (RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
    return started;
  }

  /** {@code http://127.0.0.1:<port>}. */
  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** What it has logged so far. */
  String log() throws IOException {
    return Files.readString(log);
  }

  /** A new directory for one test's files, under target/. */
  static Path workDir(String name) throws IOException {
    return Files.createDirectories(Path.of("target", name + "-" + UUID.randomUUID().toString().substring(0, 8)));
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
