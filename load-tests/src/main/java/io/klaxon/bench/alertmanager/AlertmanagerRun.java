package io.klaxon.bench.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klaxon.bench.ArrivalTracker;
import io.klaxon.bench.ArrivalWait;
import io.klaxon.bench.ProcessTable;
import io.klaxon.bench.SystemFigures;
import io.klaxon.bench.WebhookProbe;
import io.klaxon.events.AlertEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Sends a batch of alerts through Prometheus Alertmanager's {@code POST /api/v2/alerts}, after a
 * warm-up batch, and measures how fast it accepts and notifies them, and the CPU and memory of its
 * process. Each alert carries a {@code bench_id} label (the event id), by which its webhook
 * notification is matched.
 */
public final class AlertmanagerRun {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path workDir;
  private final int alertsPerRequest;
  private final int concurrency;
  private final Duration settleTimeout;

  /**
   * @param workDir where Alertmanager's configuration, data and log go
   * @param alertsPerRequest alerts in each POST
   * @param concurrency POSTs in flight at once
   * @param settleTimeout how long to wait for notifications once no new one arrives
   */
  public AlertmanagerRun(Path workDir, int alertsPerRequest, int concurrency, Duration settleTimeout) {
    this.workDir = workDir;
    this.alertsPerRequest = alertsPerRequest;
    this.concurrency = concurrency;
    this.settleTimeout = settleTimeout;
  }

  /**
   * Runs {@code warmUp} (sent, notified, not measured), then {@code alerts} through a fresh
   * Alertmanager; {@code progress} gets a line about once a second.
   */
  public SystemFigures run(List<AlertEvent> warmUp, List<AlertEvent> alerts, Consumer<String> progress)
      throws IOException, InterruptedException {
    ArrivalTracker warmTracker = new ArrivalTracker();
    ArrivalTracker tracker = new ArrivalTracker();
    try (WebhookProbe probe = new WebhookProbe(warmTracker, AlertmanagerRun::benchIds);
         AlertmanagerProcess alertmanager = AlertmanagerProcess.start(workDir, probe.url("/alertmanager"))) {
      ProcessTable processes = new ProcessTable().addProcess("alertmanager", alertmanager.pid());
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      URI endpoint = URI.create(alertmanager.url() + "/api/v2/alerts");
      long warmStart = System.nanoTime();
      if (!warmUp.isEmpty()) {
        progress.accept(String.format("alertmanager: warming up with %,d alerts", warmUp.size()));
        Posted posted = post(http, endpoint, warmUp, warmTracker, progress);
        ArrivalWait.await("alertmanager warm-up", warmTracker::arrivedCount, posted.accepted(), settleTimeout,
            processes, () -> { }, progress);
      }
      double warmSeconds = (System.nanoTime() - warmStart) / 1e9;
      probe.track(tracker);
      Map<String, Double> cpu = processes.cpuSeconds();
      long start = System.nanoTime();
      Posted posted = post(http, endpoint, alerts, tracker, progress);
      ArrivalWait done = ArrivalWait.await("alertmanager", tracker::arrivedCount, posted.accepted(), settleTimeout,
          processes, () -> { }, progress);
      double acceptSeconds = (posted.lastAcceptNanos() - start) / 1e9;
      double notifySeconds = tracker.lastArrivalNanos() == 0 ? 0 : (tracker.lastArrivalNanos() - start) / 1e9;
      return new SystemFigures("alertmanager", alerts.size(), posted.accepted(), acceptSeconds, tracker.arrivedCount(),
          notifySeconds, tracker.duplicates(), tracker.strays(), tracker.latency().summary(), warmUp.size(), warmSeconds,
          ProcessTable.cores(cpu, done.cpuAtLastChange(), (done.lastChangeNanos() - start) / 1e9),
          processes.peakRssMiB(), tracker.perSecond(start));
    }
  }

  /** Alerts Alertmanager accepted, and when the last answer came. */
  private record Posted(long accepted, long lastAcceptNanos) {}

  /** Posts the alerts in batches, {@code concurrency} requests at once; returns once every batch is answered. */
  private Posted post(HttpClient http, URI endpoint, List<AlertEvent> alerts, ArrivalTracker tracker,
      Consumer<String> progress) throws InterruptedException {
    List<List<AlertEvent>> batches = new ArrayList<>();
    for (int i = 0; i < alerts.size(); i += alertsPerRequest) {
      batches.add(alerts.subList(i, Math.min(alerts.size(), i + alertsPerRequest)));
    }
    AtomicInteger next = new AtomicInteger();
    AtomicLong accepted = new AtomicLong();
    AtomicLong lastAccept = new AtomicLong();
    long start = System.nanoTime();
    try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < concurrency; w++) {
        workers.add(senders.submit(() -> {
          for (int b = next.getAndIncrement(); b < batches.size(); b = next.getAndIncrement()) {
            List<AlertEvent> batch = batches.get(b);
            String body = body(batch);
            long sentAt = System.nanoTime();
            batch.forEach(e -> tracker.sent(e.getEventId(), sentAt));
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
              accepted.addAndGet(batch.size());
              lastAccept.accumulateAndGet(System.nanoTime(), Math::max);
            }
          }
          return null;
        }));
      }
      awaitWithProgress(workers, tracker, accepted, alerts.size(), start, progress);
    }
    return new Posted(accepted.get(), lastAccept.get());
  }

  private static void awaitWithProgress(List<Future<?>> workers, ArrivalTracker tracker, AtomicLong accepted, int total,
      long start, Consumer<String> progress) throws InterruptedException {
    long lastReport = System.nanoTime();
    for (Future<?> worker : workers) {
      while (!worker.isDone()) {
        Thread.sleep(50);
        if (System.nanoTime() - lastReport > 1_000_000_000L) {
          lastReport = System.nanoTime();
          progress.accept(String.format("alertmanager: %.0fs accepted %,d / %,d, notified %,d",
              (lastReport - start) / 1e9, accepted.get(), total, tracker.arrivedCount()));
        }
      }
      try {
        worker.get();
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException("sending to Alertmanager failed: " + e.getCause(), e.getCause());
      }
    }
  }

  /** Alertmanager's API body for a batch: labels from the event, plus identity and bench id. */
  static String body(List<AlertEvent> batch) {
    ArrayNode alerts = JSON.createArrayNode();
    for (AlertEvent event : batch) {
      ObjectNode alert = alerts.addObject();
      ObjectNode labels = alert.putObject("labels");
      labels.put("alertname", event.getTitle());
      labels.put("tenant", event.getTenantId());
      labels.put("severity", event.getSeverity().name().toLowerCase(java.util.Locale.ROOT));
      labels.put("source", event.getSource());
      for (Map.Entry<String, String> label : event.getLabels().entrySet()) {
        labels.put(label.getKey(), label.getValue());
      }
      labels.put("bench_id", event.getEventId());
      alert.putObject("annotations").put("summary", event.getTitle()).put("description", event.getMessage());
      alert.put("startsAt", Instant.now().toString());
    }
    return alerts.toString();
  }

  static List<String> benchIds(JsonNode notification) {
    List<String> ids = new ArrayList<>();
    for (JsonNode alert : notification.path("alerts")) {
      JsonNode id = alert.path("labels").path("bench_id");
      if (!id.isMissingNode()) {
        ids.add(id.asText());
      }
    }
    return ids;
  }
}
