package io.klaxon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.embedded.DirectoryTree;
import io.klaxon.launcher.PortPlan;
import io.klaxon.launcher.RunMode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code klaxon up --demo} end to end on free ports: every outcome and every channel (PagerDuty
 * included: umbrella's CRITICAL alerts page) shows up in the final summary, as the pipeline's own
 * metrics count it, and every metric the Grafana dashboard and the Prometheus rules use is
 * exported by the running apps; with {@code --processes} every part runs as its own process and
 * the final table shows each one's CPU and memory.
 */
class UpIT {
  private static final Path ROOT = Path.of("..");

  @Test
  void theDemoReachesEveryOutcomeAndEveryChannel() throws Exception {
    Path work = freshDirectory(Path.of("target/up-it"));
    PortPlan ports = PortPlan.free();
    StackOptions options = new StackOptions(work.resolve("data"), ROOT.resolve("examples/tenants"), ports, 0.05,
        RunMode.IN_PROCESS, 1, 1);
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    MetricsProbe probe = new MetricsProbe(ports.port("streams-1"), ports.port("notifier-1"));
    Thread scraper = Thread.ofVirtual().start(probe);

    int exit = new UpRun(options, true, 40, 3, Duration.ofSeconds(25), new PrintStream(output, true, StandardCharsets.UTF_8)).run();

    scraper.interrupt();
    String text = output.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(text).isZero();
    for (String row : new String[] {"routed", "deduplicated", "rate-limited", "dead-lettered", "slack", "email", "webhook",
        "pagerduty"}) {
      assertThat(count(text, row)).as("%s in%n%s", row, text).isPositive();
    }
    assertThat(failed(text, "webhook")).as("webhooks refused: the example tenants' secrets must check out%n%s", text)
        .isZero();
    assertThat(failed(text, "pagerduty")).as("PagerDuty events refused: the demo routing keys must be 32 characters%n%s",
        text).isZero();
    assertThat(text).contains("all components healthy").contains("go to this stack's receiver");

    Set<String> exported = probe.names();
    assertThat(exported).as("metrics scraped while the stack ran").isNotEmpty();
    assertThat(namesUsedByDashboardsAndRules()).allSatisfy(name ->
        assertThat(exported).as("metric %s used by the dashboard or the rules", name).contains(name));
    for (int port : probe.ports()) {
      String body = probe.lastBody(port);
      assertThat(body).as("a /metrics page scraped from port %d", port).isNotBlank();
      assertThat(promtoolCheckMetrics(body)).as("promtool check metrics on port %d's /metrics", port).isEmpty();
    }
  }

  @Test
  void withProcessesEveryPartRunsOnItsOwnAndTheTableShowsItsCpuAndMemory() throws Exception {
    Path work = freshDirectory(Path.of("target/up-it-processes"));
    StackOptions options = new StackOptions(work.resolve("data"), ROOT.resolve("examples/tenants"), PortPlan.free(), 0.05,
        RunMode.SEPARATE_PROCESS, 2, 1);
    ByteArrayOutputStream output = new ByteArrayOutputStream();

    int exit = new UpRun(options, true, 40, 3, Duration.ofSeconds(10), new PrintStream(output, true, StandardCharsets.UTF_8)).run();

    String text = output.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(text).isZero();
    assertThat(count(text, "routed")).as("routed, summed over both Streams instances, in%n%s", text).isPositive();
    assertThat(count(text, "webhook")).as("webhooks delivered in%n%s", text).isPositive();
    for (String part : new String[] {"broker", "registry", "stand-ins", "streams-1", "streams-2", "notifier-1"}) {
      Matcher row = Pattern.compile("\\n\\s+" + part + "\\s+(\\d+)\\s+([\\d.]+)\\s+(\\d+)\\s+(\\d+)").matcher(text);
      assertThat(row.find()).as("a process row for %s in%n%s", part, text).isTrue();
      assertThat(Long.parseLong(row.group(1))).as("%s pid", part).isNotEqualTo(ProcessHandle.current().pid());
      assertThat(Double.parseDouble(row.group(2))).as("%s CPU seconds", part).isPositive();
      assertThat(Long.parseLong(row.group(3))).as("%s RSS", part).isPositive();
    }
    assertThat(work.resolve("data/logs/notifier-1.log")).content().contains("The notifier part is running");
    assertThat(text).contains("all components healthy");
  }

  /**
   * An empty directory: a stack keeps its data, and notifications an earlier run left undelivered
   * would go to that run's receiver, long gone.
   */
  private static Path freshDirectory(Path dir) throws IOException {
    DirectoryTree.delete(dir);
    return Files.createDirectories(dir);
  }

  /** The first number of a row of the final table. */
  private static long count(String text, String row) {
    Matcher count = Pattern.compile("\\n\\s+" + row + "\\s+([\\d,]+)").matcher(text);
    assertThat(count.find()).as("%s row in%n%s", row, text).isTrue();
    return Long.parseLong(count.group(1).replace(",", ""));
  }

  /** The failed column of a channel's row. */
  private static long failed(String text, String channel) {
    Matcher row = Pattern.compile("\\n\\s+" + channel + "\\s+([\\d,]+)\\s+([\\d,]+)\\s+([\\d,]+)").matcher(text);
    assertThat(row.find()).as("%s row in%n%s", channel, text).isTrue();
    return Long.parseLong(row.group(3).replace(",", ""));
  }

  /** What {@code promtool check metrics} reports about {@code exposition}: empty when it exits 0. */
  static String promtoolCheckMetrics(String exposition) throws IOException, InterruptedException {
    Process promtool;
    try {
      promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IllegalStateException("promtool not found: apt-get install -y prometheus (./klaxon test does it as root)", e);
    }
    try (var in = promtool.getOutputStream()) {
      in.write(exposition.getBytes(StandardCharsets.UTF_8));
    }
    String report = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = promtool.waitFor();
    return exit == 0 ? "" : "exit " + exit + ":\n" + report;
  }

  /** Metric names in the Grafana dashboard's and the rules' expressions (recording rules and `up` aside). */
  static Set<String> namesUsedByDashboardsAndRules() throws IOException {
    Set<String> names = new TreeSet<>();
    Pattern metric = Pattern.compile("\\b((?:klaxon|kafka)_[a-z_]+)\\b");
    for (Path file : new Path[] {ROOT.resolve("deploy/grafana/dashboards/klaxon.json"),
        ROOT.resolve("deploy/prometheus/rules/klaxon.rules.yml")}) {
      Matcher matcher = metric.matcher(Files.readString(file));
      while (matcher.find()) {
        names.add(matcher.group(1));
      }
    }
    return names;
  }

  /** Scrapes both apps once a second while the stack runs, keeping every series name seen. */
  static final class MetricsProbe implements Runnable {
    private final int[] ports;
    private final Set<String> names = new TreeSet<>();
    private final java.util.Map<Integer, String> lastBodies = new java.util.concurrent.ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    MetricsProbe(int... ports) {
      this.ports = ports.clone();
    }

    int[] ports() {
      return ports.clone();
    }

    @Override
    public void run() {
      while (!Thread.currentThread().isInterrupted()) {
        for (int port : ports) {
          try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && !response.body().isBlank()) {
              lastBodies.put(port, response.body());
            }
            synchronized (names) {
              response.body().lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                  .forEach(l -> names.add(l.replaceAll("[{ ].*", "")));
            }
          } catch (IOException notUpYet) {
            // the stack is still starting or already stopping
          } catch (InterruptedException e) {
            return;
          }
        }
        try {
          Thread.sleep(1000);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    String lastBody(int port) {
      return lastBodies.getOrDefault(port, "");
    }

    Set<String> names() {
      synchronized (names) {
        return new TreeSet<>(names);
      }
    }
  }

}
