package io.klaxon.bench.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klaxon.bench.ArrivalTracker;
import io.klaxon.bench.ArrivalWait;
import io.klaxon.bench.PacedSchedule;
import io.klaxon.bench.PhaseFigures;
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
 * Sends alerts through Prometheus Alertmanager's {@code POST /api/v2/alerts}: a warm-up batch, then
 * a burst as fast as the POSTs are answered, then alerts paced at a fixed rate, and measures how
 * fast it accepts and notifies each measured batch, and the CPU and memory of its process. Each alert carries a {@code bench_id} label (the event id), by which its webhook
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
   * Runs {@code warmUp} (sent, notified, not measured), then {@code burst} as fast as the POSTs
   * are answered, then {@code paced} at {@code pacedRate} alerts per second, through a fresh
   * Alertmanager; {@code progress} gets a line about once a second.
   */
  public PhaseFigures run(List<AlertEvent> warmUp, List<AlertEvent> burst, List<AlertEvent> paced, double pacedRate,
      Consumer<String> progress) throws IOException, InterruptedException {
    ArrivalTracker warmTracker = new ArrivalTracker();
    try (WebhookProbe probe = new WebhookProbe(warmTracker, AlertmanagerRun::benchIds);
         AlertmanagerProcess alertmanager = AlertmanagerProcess.start(workDir, probe.url("/alertmanager"))) {
      ProcessTable processes = new ProcessTable().addProcess("alertmanager", alertmanager.pid());
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      URI endpoint = URI.create(alertmanager.url() + "/api/v2/alerts");
      long warmStart = System.nanoTime();
      if (!warmUp.isEmpty()) {
        progress.accept(String.format("alertmanager: warming up with %,d alerts", warmUp.size()));
        Posted posted = post(http, endpoint, warmUp, asFastAsAnswered(warmUp.size()), warmTracker, "warm-up",
            progress);
        ArrivalWait.await("alertmanager warm-up", warmTracker::arrivedCount, posted.accepted(), settleTimeout,
            processes, () -> { }, progress);
      }
      double warmSeconds = (System.nanoTime() - warmStart) / 1e9;
      SystemFigures burstFigures = measure(probe, processes, http, endpoint, burst, asFastAsAnswered(burst.size()),
          "burst", warmUp.size(), warmSeconds, progress);
      progress.accept(String.format(java.util.Locale.ROOT, "alertmanager: sending %,d alerts at %,.0f/s",
          paced.size(), pacedRate));
      PacedSchedule schedule = new PacedSchedule(System.nanoTime() + 10_000_000L, pacedRate, paced.size());
      SystemFigures pacedFigures = measure(probe, processes, http, endpoint, paced, whenDue(schedule), "paced",
          warmUp.size(), warmSeconds, progress);
      return new PhaseFigures(burstFigures, pacedFigures);
    }
  }

  private SystemFigures measure(WebhookProbe probe, ProcessTable processes, HttpClient http, URI endpoint,
      List<AlertEvent> alerts, Batches batches, String phase, long warmUpAlerts, double warmSeconds,
      Consumer<String> progress) throws InterruptedException {
    ArrivalTracker tracker = new ArrivalTracker();
    probe.track(tracker);
    Map<String, Double> cpu = processes.cpuSeconds();
    long start = System.nanoTime();
    Posted posted = post(http, endpoint, alerts, batches, tracker, phase, progress);
    ArrivalWait done = ArrivalWait.await("alertmanager " + phase, tracker::arrivedCount, posted.accepted(),
        settleTimeout, processes, () -> { }, progress);
    double acceptSeconds = (posted.lastAcceptNanos() - start) / 1e9;
    double notifySeconds = tracker.lastArrivalNanos() == 0 ? 0 : (tracker.lastArrivalNanos() - start) / 1e9;
    return new SystemFigures("alertmanager", alerts.size(), posted.accepted(), acceptSeconds, tracker.arrivedCount(),
        notifySeconds, tracker.duplicates(), tracker.strays(), tracker.latency().summary(), warmUpAlerts, warmSeconds,
        ProcessTable.cores(cpu, done.cpuAtLastChange(), (done.lastChangeNanos() - start) / 1e9),
        processes.peakRssMiB(), tracker.perSecond(start));
  }

  /** Alerts Alertmanager accepted, and when the last answer came. */
  private record Posted(long accepted, long lastAcceptNanos) {}

  /** How the POSTing workers share out the alerts, and from when each alert's latency counts. */
  private interface Batches {
    /** The next batch as {@code [from, to)}, waiting until an alert is due; null once every alert is taken. */
    int[] next();

    /** When alert {@code index}, posted at {@code postNanos}, counts as sent. */
    long sentNanos(int index, long postNanos);
  }

  /** Fixed batches of {@code alertsPerRequest}, each posted as soon as a worker is free, timed from its POST. */
  private Batches asFastAsAnswered(int count) {
    AtomicInteger next = new AtomicInteger();
    return new Batches() {
      @Override
      public int[] next() {
        int from = next.getAndAdd(alertsPerRequest);
        return from < count ? new int[] {from, Math.min(count, from + alertsPerRequest)} : null;
      }

      @Override
      public long sentNanos(int index, long postNanos) {
        return postNanos;
      }
    };
  }

  /**
   * As Prometheus sends: a free worker takes every alert already due, up to {@code
   * alertsPerRequest}, and waits for the next one when none is; each alert is timed from when it
   * was due, so alerts that wait for a free worker count that wait.
   */
  private Batches whenDue(PacedSchedule schedule) {
    AtomicInteger next = new AtomicInteger();
    return new Batches() {
      @Override
      public int[] next() {
        while (true) {
          int from = next.get();
          if (from >= schedule.count()) {
            return null;
          }
          int due = schedule.dueBy(System.nanoTime());
          if (due <= from) {
            PacedSchedule.parkUntil(schedule.dueNanos(from));
            continue;
          }
          int to = Math.min(due, from + alertsPerRequest);
          if (next.compareAndSet(from, to)) {
            return new int[] {from, to};
          }
        }
      }

      @Override
      public long sentNanos(int index, long postNanos) {
        return schedule.dueNanos(index);
      }
    };
  }

  /** Posts the alerts in batches, {@code concurrency} requests at once; returns once every batch is answered. */
  private Posted post(HttpClient http, URI endpoint, List<AlertEvent> alerts, Batches batches, ArrivalTracker tracker,
      String phase, Consumer<String> progress) throws InterruptedException {
    AtomicLong accepted = new AtomicLong();
    AtomicLong lastAccept = new AtomicLong();
    long start = System.nanoTime();
    try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < concurrency; w++) {
        workers.add(senders.submit(() -> {
          for (int[] range = batches.next(); range != null; range = batches.next()) {
            List<AlertEvent> batch = alerts.subList(range[0], range[1]);
            String body = body(batch);
            long postAt = System.nanoTime();
            for (int i = range[0]; i < range[1]; i++) {
              tracker.sent(alerts.get(i).getEventId(), batches.sentNanos(i, postAt));
            }
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
      awaitWithProgress(workers, tracker, accepted, alerts.size(), start, phase, progress);
    }
    return new Posted(accepted.get(), lastAccept.get());
  }

  private static void awaitWithProgress(List<Future<?>> workers, ArrivalTracker tracker, AtomicLong accepted, int total,
      long start, String phase, Consumer<String> progress) throws InterruptedException {
    long lastReport = System.nanoTime();
    for (Future<?> worker : workers) {
      while (!worker.isDone()) {
        Thread.sleep(50);
        if (System.nanoTime() - lastReport > 1_000_000_000L) {
          lastReport = System.nanoTime();
          progress.accept(String.format("alertmanager %s: %.0fs accepted %,d / %,d, notified %,d", phase,
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
