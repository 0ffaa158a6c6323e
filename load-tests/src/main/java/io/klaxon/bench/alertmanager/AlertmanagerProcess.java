package io.klaxon.bench.alertmanager;

import io.klaxon.embedded.DirectoryTree;
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
import java.util.concurrent.TimeUnit;

/**
 * A Prometheus Alertmanager started as a child process on 127.0.0.1, clustering off, with a
 * generated configuration that sends every alert as its own group, at once, to one webhook: the
 * setting in which Alertmanager notifies fastest. {@link #close()} stops the process it started.
 */
public final class AlertmanagerProcess implements AutoCloseable {
  private static final List<String> BINARIES = List.of("prometheus-alertmanager", "alertmanager");

  private final Process process;
  private final int port;
  private final Path log;

  private AlertmanagerProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Writes the configuration under {@code workDir}, starts Alertmanager on an empty data directory
   * (no notification log, no silences from an earlier run) and waits until it is ready.
   *
   * @param webhookUrl where notifications go
   * @throws AlertmanagerNotFoundException when no binary is installed
   */
  public static AlertmanagerProcess start(Path workDir, String webhookUrl) throws IOException, InterruptedException {
    Path binary = findBinary();
    // A fresh notification log: one kept from an earlier run remembers alerts it notified (for the
    // repeat interval, 4 h) and would not notify them again.
    Path data = workDir.resolve("data");
    DirectoryTree.delete(data);
    Files.createDirectories(data);
    Path config = workDir.resolve("alertmanager.yml");
    Files.writeString(config, configuration(webhookUrl));
    int port = FreePort.pick();
    Path log = workDir.resolve("alertmanager.log");
    Process process = new ProcessBuilder(binary.toString(),
        "--config.file=" + config.toAbsolutePath(),
        "--storage.path=" + data.toAbsolutePath(),
        "--web.listen-address=127.0.0.1:" + port,
        "--cluster.listen-address=",
        "--log.level=warn")
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    AlertmanagerProcess alertmanager = new AlertmanagerProcess(process, port, log);
    try {
      alertmanager.awaitReady(Duration.ofSeconds(30));
    } catch (IOException | InterruptedException | RuntimeException e) {
      alertmanager.close();
      throw e;
    }
    return alertmanager;
  }

  /**
   * Every alert its own group ({@code group_by: ['...']}), no wait before the first
   * notification, no resend for hours, one webhook receiver with no batching limit.
   */
  static String configuration(String webhookUrl) {
    return """
        route:
          receiver: harness
          group_by: ['...']
          group_wait: 0s
          group_interval: 1m
          repeat_interval: 4h
        receivers:
          - name: harness
            webhook_configs:
              - url: '%s'
                send_resolved: false
                max_alerts: 0
        """.formatted(webhookUrl);
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** The process id, for reports. */
  public long pid() {
    return process.pid();
  }

  private void awaitReady(Duration timeout) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("Alertmanager exited with " + process.exitValue() + ": " + Files.readString(log));
      }
      try {
        HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create(url() + "/-/ready")).build(),
            HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    throw new IOException("Alertmanager not ready after " + timeout + ": " + Files.readString(log));
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** The Alertmanager binary: ALERTMANAGER_BIN, else the first on the PATH; throws when there is none. */
  public static Path findBinary() {
    String configured = System.getenv("ALERTMANAGER_BIN");
    List<String> looked = new ArrayList<>();
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured);
      if (Files.isExecutable(path)) {
        return path;
      }
      looked.add(configured);
    }
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":", -1)) {
      for (String name : BINARIES) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    looked.add(String.join(" or ", BINARIES) + " on PATH");
    throw new AlertmanagerNotFoundException(String.join(", ", looked));
  }
}
