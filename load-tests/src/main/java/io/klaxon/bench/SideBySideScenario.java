package io.klaxon.bench;

import io.klaxon.bench.alertmanager.AlertmanagerProcess;
import io.klaxon.bench.alertmanager.AlertmanagerRun;
import io.klaxon.bench.report.Report;
import io.klaxon.bench.report.SvgCharts;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.Tier;
import io.klaxon.registry.InMemorySchemaRegistry;
import io.klaxon.serde.SpecificAvroSerde;
import io.klaxon.serde.SpecificAvroSerializer;
import io.klaxon.topics.TopicNames;
import io.klaxon.traffic.TenantProfile;
import io.klaxon.traffic.TrafficGenerator;
import io.klaxon.traffic.TrafficMix;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The same batch of alerts through Klaxon and through Prometheus Alertmanager, one after the
 * other on this machine, each after the same warm-up batch, each notifying a webhook receiver in
 * the harness: alerts accepted and notified per second, send → notification latency, lost and
 * duplicate notifications, the CPU and memory of every process, for both, and their ratios. Every alert is a new alert
 * identity, so each system should notify each one exactly once (Alertmanager groups every alert
 * alone with {@code group_wait: 0s}; Klaxon routes every severity of the side-by-side tenant to
 * its webhook). Each system gets the alerts twice over, as new identities: first as a burst, every
 * alert offered at once (its notified/s is the system's throughput), then paced at a fixed rate
 * both sustain, each alert timed from when it was due (its latency is what an on-call engineer
 * waits at that rate).
 */
final class SideBySideScenario {
  private static final int ALERTS_PER_POST = 64;
  private static final int POSTS_IN_FLIGHT = 4;
  private static final String ALERTS = TopicNames.DEFAULTS.alerts();
  /** The paced batch's default rate (alerts/s): below what either system notifies in a burst here. */
  private static final double PACED_RATE = 1_000;
  /** How long a wait for notifications lasts once none arrives. */
  private static final Duration IDLE = Duration.ofSeconds(30);

  private final BenchOptions options;
  private final Report report;
  private final Consumer<String> progress;

  SideBySideScenario(BenchOptions options, Report report, Consumer<String> progress) {
    this.options = options;
    this.report = report;
    this.progress = progress;
  }

  void run() throws Exception {
    AlertmanagerProcess.findBinary();
    int count = options.quick() ? 3_000 : 20_000;
    int warmUp = options.quick() ? 1_000 : 5_000;
    double pacedRate = options.rate(PACED_RATE, PACED_RATE);
    Duration pacedFor = options.duration(Duration.ofSeconds(20), Duration.ofSeconds(4));
    int pacedCount = (int) Math.max(1, Math.round(pacedRate * pacedFor.toMillis() / 1000.0));
    List<AlertEvent> alerts = alerts(options.seed(), count);
    List<AlertEvent> warmUpAlerts = alerts(options.seed() + 1, warmUp);
    List<AlertEvent> pacedAlerts = alerts(options.seed() + 2, pacedCount);
    report.setting("alerts", count)
        .setting("warm-up", String.format(java.util.Locale.ROOT, "%,d other alerts through each system, sent and"
            + " notified before the measured ones", warmUp))
        .setting("Klaxon processing guarantee", options.guarantee())
        .setting("Alertmanager alerts per POST", ALERTS_PER_POST)
        .setting("Alertmanager POSTs in flight", POSTS_IN_FLIGHT)
        .setting("burst (sections Klaxon, Alertmanager, Ratio)", String.format(java.util.Locale.ROOT,
            "%,d alerts offered at once, each timed from when its client sent it", count))
        .setting("paced (sections ending in \"paced\")", String.format(java.util.Locale.ROOT,
            "%,d alerts at %,.0f/s, each timed from when it was due", pacedCount, pacedRate))
        .setting("order", "Klaxon, then Alertmanager, one at a time, the same alerts: warm-up, burst, paced");

    PhaseFigures klaxonPhases = klaxon(alerts, warmUpAlerts, pacedAlerts, pacedRate);
    progress.accept("alertmanager: starting Prometheus Alertmanager");
    PhaseFigures alertmanagerPhases = new AlertmanagerRun(report.dir().resolve("alertmanager"), ALERTS_PER_POST,
        POSTS_IN_FLIGHT, Duration.ofSeconds(30)).run(warmUpAlerts, alerts, pacedAlerts, pacedRate, progress);
    SystemFigures klaxon = klaxonPhases.burst();
    SystemFigures alertmanager = alertmanagerPhases.burst();

    report.figures("Klaxon", figures(klaxon)).figures("Alertmanager", figures(alertmanager));
    report.figures("Ratio", ratios(klaxon, alertmanager));
    report.figures("Klaxon, paced", figures(klaxonPhases.paced()))
        .figures("Alertmanager, paced", figures(alertmanagerPhases.paced()));
    report.figures("Ratio, paced", pacedRatios(pacedRate, klaxonPhases.paced(), alertmanagerPhases.paced()));
    report.chart("side-by-side-rates.svg", "alerts accepted and notified per second", SvgCharts.barChart(
        "Klaxon vs Alertmanager: alerts per second", "alerts/s", List.of("accepted/s", "notified/s"),
        List.of("Klaxon", "Alertmanager"), new double[][] {
            {klaxon.acceptedPerSecond(), klaxon.notifiedPerSecond()},
            {alertmanager.acceptedPerSecond(), alertmanager.notifiedPerSecond()}}));
    report.chart("side-by-side-latency.svg", "send → notification latency", SvgCharts.barChart(
        "Klaxon vs Alertmanager: send → notification latency (ms)", "ms", List.of("p50", "p95", "p99", "max"),
        List.of("Klaxon", "Alertmanager"), new double[][] {latencies(klaxon), latencies(alertmanager)}));
    report.chart("side-by-side-over-time.svg", "notifications per second since the first send", SvgCharts.lineChart(
        "Klaxon vs Alertmanager: notified per second", "seconds since the first send", "notified/s", List.of(
            new SvgCharts.Series("Klaxon", klaxon.timeline()),
            new SvgCharts.Series("Alertmanager", alertmanager.timeline()))));
    report.chart("side-by-side-paced-latency.svg", String.format(java.util.Locale.ROOT,
        "due → notification latency at %,.0f alerts/s", pacedRate), SvgCharts.barChart(String.format(
            java.util.Locale.ROOT, "Klaxon vs Alertmanager at %,.0f alerts/s: due → notification latency (ms)",
            pacedRate), "ms", List.of("p50", "p95", "p99", "max"), List.of("Klaxon", "Alertmanager"),
        new double[][] {latencies(klaxonPhases.paced()), latencies(alertmanagerPhases.paced())}));
    report.data("klaxon notified per second", klaxon.timeline());
    report.data("alertmanager notified per second", alertmanager.timeline());
    report.note("Klaxon's figures include Kafka: an alert counts as accepted when the broker acknowledged it"
        + " (acks=all) and as notified when its signed webhook arrived, after validation, rate limiting, dedup,"
        + " routing and the notifier; under exactly_once_v2 output becomes visible at each commit (100 ms).");
    report.note("Alertmanager's figures: accepted when POST /api/v2/alerts answered 2xx; notified when its"
        + " webhook (one per alert) arrived.");
    report.note("Both receivers are the JDK HTTP server on virtual threads in the harness: Klaxon's verifies each"
        + " Standard Webhooks signature; Alertmanager's webhooks carry none. CPU (cores) covers each system's"
        + " processes and the harness from the first send to the last notification.");
    report.note("The burst offers every alert at once: Klaxon's producer takes them all within a second or two and"
        + " its latency includes the backlog it then works off, while Alertmanager's harness posts 64 alerts per"
        + " request, 4 requests at a time, and times each alert from its POST, so alerts waiting for a free request"
        + " are not counted. The paced batch sends both systems the same alerts on the same schedule and times each"
        + " alert from when it was due, whoever made it wait: Klaxon's producer sends it then, Alertmanager's"
        + " harness posts what is due, up to 64 alerts per request, as Prometheus does.");
  }

  private static double[] latencies(SystemFigures f) {
    return new double[] {f.latency().p50(), f.latency().p95(), f.latency().p99(), f.latency().max()};
  }

  private static Map<String, Object> pacedRatios(double rate, SystemFigures klaxon, SystemFigures alertmanager) {
    Map<String, Object> ratios = new LinkedHashMap<>();
    ratios.put("rate (alerts/s)", rate);
    ratios.put("latency p50 (ms): Klaxon", klaxon.latency().p50());
    ratios.put("latency p50 (ms): Alertmanager", alertmanager.latency().p50());
    ratios.put("latency p99 (ms): Klaxon", klaxon.latency().p99());
    ratios.put("latency p99 (ms): Alertmanager", alertmanager.latency().p99());
    ratios.put("latency p50, Klaxon ÷ Alertmanager", Report.ratio(klaxon.latency().p50(), alertmanager.latency().p50()));
    ratios.put("latency p99, Klaxon ÷ Alertmanager", Report.ratio(klaxon.latency().p99(), alertmanager.latency().p99()));
    double klaxonCpu = systemCpuMillisPerAlert(klaxon);
    double alertmanagerCpu = systemCpuMillisPerAlert(alertmanager);
    ratios.put("system CPU per notified alert (ms): Klaxon", klaxonCpu);
    ratios.put("system CPU per notified alert (ms): Alertmanager", alertmanagerCpu);
    ratios.put("system CPU per notified alert, Klaxon ÷ Alertmanager", Report.ratio(klaxonCpu, alertmanagerCpu));
    ratios.put("goals met: p99 < 1 s and below Alertmanager's", klaxon.latency().p99() < 1_000
        && klaxon.latency().p99() < alertmanager.latency().p99());
    ratios.put("goals met: 0 lost, 0 duplicate webhooks", klaxon.lost() == 0 && klaxon.duplicates() == 0);
    return ratios;
  }

  /**
   * CPU milliseconds the system's own processes (not the harness) spent per notified alert, from
   * the first send to the last notification.
   */
  static double systemCpuMillisPerAlert(SystemFigures f) {
    if (f.notified() == 0) {
      return 0;
    }
    double cores = f.cores().entrySet().stream().filter(e -> !e.getKey().equals("harness"))
        .mapToDouble(Map.Entry::getValue).sum();
    return Math.round(cores * f.notifySeconds() / f.notified() * 1e6) / 1e3;
  }

  private static Map<String, Object> ratios(SystemFigures klaxon, SystemFigures alertmanager) {
    Map<String, Object> ratios = new LinkedHashMap<>();
    double notified = Report.ratio(klaxon.notifiedPerSecond(), alertmanager.notifiedPerSecond());
    ratios.put("notified/s, Klaxon ÷ Alertmanager (goal ≥ 5)", notified);
    ratios.put("accepted/s, Klaxon ÷ Alertmanager", Report.ratio(klaxon.acceptedPerSecond(),
        alertmanager.acceptedPerSecond()));
    ratios.put("latency p99 (ms): Klaxon", klaxon.latency().p99());
    ratios.put("latency p99 (ms): Alertmanager", alertmanager.latency().p99());
    ratios.put("latency p50, Klaxon ÷ Alertmanager", Report.ratio(klaxon.latency().p50(), alertmanager.latency().p50()));
    ratios.put("latency p99, Klaxon ÷ Alertmanager", Report.ratio(klaxon.latency().p99(), alertmanager.latency().p99()));
    ratios.put("goals met: notified/s ≥ 5× Alertmanager's", notified >= 5);
    ratios.put("goals met: p99 < 1 s and below Alertmanager's", klaxon.latency().p99() < 1_000
        && klaxon.latency().p99() < alertmanager.latency().p99());
    ratios.put("goals met: 0 lost, 0 duplicate webhooks", klaxon.lost() == 0 && klaxon.duplicates() == 0);
    return ratios;
  }

  private PhaseFigures klaxon(List<AlertEvent> alerts, List<AlertEvent> warmUp, List<AlertEvent> paced,
      double pacedRate) throws Exception {
    ArrivalTracker warmTracker = new ArrivalTracker();
    try (PipelineRun run = PipelineRun.start("klaxon", report.dir().resolve("klaxon"), 1,
        options.pipeline(options.guarantee()), warmTracker, progress)) {
      Map<String, Object> config = new HashMap<>();
      config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, run.bootstrapServers());
      config.put(ProducerConfig.ACKS_CONFIG, "all");
      config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
      SpecificAvroSerializer<AlertEvent> serializer = new SpecificAvroSerializer<>(run.registry(), false, true);
      Acks acks = new Acks();
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
          new ByteArraySerializer())) {
        progress.accept(String.format("klaxon: warming up with %,d alerts", warmUp.size()));
        long warmStart = System.nanoTime();
        for (AlertEvent alert : warmUp) {
          send(producer, serializer, alert, warmTracker, System.nanoTime(), acks);
        }
        producer.flush();
        ArrivalWait.await("klaxon warm-up", warmTracker::arrivedCount, warmUp.size(), IDLE, run.processes(),
            run::checkAlive, progress);
        double warmSeconds = (System.nanoTime() - warmStart) / 1e9;

        progress.accept(String.format("klaxon: sending %,d alerts", alerts.size()));
        SystemFigures burst = measure(run, alerts.size(), warmUp.size(), warmSeconds, acks, "klaxon", tracker -> {
          for (AlertEvent alert : alerts) {
            send(producer, serializer, alert, tracker, System.nanoTime(), acks);
          }
          producer.flush();
        });

        progress.accept(String.format(java.util.Locale.ROOT, "klaxon: sending %,d alerts at %,.0f/s", paced.size(),
            pacedRate));
        SystemFigures pacedFigures = measure(run, paced.size(), warmUp.size(), warmSeconds, acks, "klaxon paced",
            tracker -> {
              PacedSchedule schedule = new PacedSchedule(System.nanoTime() + 10_000_000L, pacedRate, paced.size());
              long nextReport = schedule.dueNanos(0) + 1_000_000_000L;
              for (int i = 0; i < paced.size(); i++) {
                long due = schedule.dueNanos(i);
                PacedSchedule.parkUntil(due);
                send(producer, serializer, paced.get(i), tracker, due, acks);
                if (System.nanoTime() - nextReport > 0) {
                  nextReport += 1_000_000_000L;
                  progress.accept(String.format("klaxon paced: sent %,d / %,d, notified %,d", i + 1, paced.size(),
                      tracker.arrivedCount()));
                }
              }
              producer.flush();
            });
        run.drain(Duration.ofSeconds(30), progress);
        long total = (long) warmUp.size() + alerts.size() + paced.size();
        Accounting accounting = Accounting.check(total, acks.acked.get(), acks.failed.get(), 0,
            run.metrics().outcomes(), run.watcher().deadLetters(), run.webhooks().badSignatures());
        report.accounting("klaxon", accounting);
        progress.accept("klaxon: accounting " + (accounting.passed() ? "passed" : "FAILED: " + accounting.problems()));
        return new PhaseFigures(burst, pacedFigures);
      }
    }
  }

  /** Acknowledgements of the alerts sent to Klaxon: how many, how many failed, when the latest came. */
  private static final class Acks {
    final AtomicLong acked = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong lastAckNanos = new AtomicLong();
  }

  /** Sends a batch of alerts, each noted in the tracker it is given. */
  private interface Sending {
    void sendAll(ArrivalTracker tracker) throws Exception;
  }

  /** Sends one measured batch to Klaxon and waits until its webhooks have arrived (or stopped arriving). */
  private SystemFigures measure(PipelineRun run, int count, int warmUp, double warmSeconds, Acks acks, String label,
      Sending sending) throws Exception {
    ArrivalTracker tracker = new ArrivalTracker();
    run.webhooks().track(tracker);
    long ackedBefore = acks.acked.get();
    Map<String, Double> cpu = run.cpuSeconds();
    long start = System.nanoTime();
    sending.sendAll(tracker);
    ArrivalWait done = ArrivalWait.await(label, tracker::arrivedCount, count, IDLE, run.processes(), run::checkAlive,
        progress);
    double acceptSeconds = (acks.lastAckNanos.get() - start) / 1e9;
    double notifySeconds = tracker.lastArrivalNanos() == 0 ? 0 : (tracker.lastArrivalNanos() - start) / 1e9;
    return new SystemFigures("klaxon", count, acks.acked.get() - ackedBefore, acceptSeconds, tracker.arrivedCount(),
        notifySeconds, tracker.duplicates(), tracker.strays(), tracker.latency().summary(), warmUp, warmSeconds,
        ProcessTable.cores(cpu, done.cpuAtLastChange(), (done.lastChangeNanos() - start) / 1e9), run.peakRssMiB(),
        tracker.perSecond(start));
  }

  /** Sends one alert, stamped now, noted in {@code tracker} as sent at {@code sentNanos}. */
  @SuppressWarnings("FutureReturnValueIgnored") // The callback counts each send as acknowledged or failed.
  private static void send(KafkaProducer<byte[], byte[]> producer, SpecificAvroSerializer<AlertEvent> serializer,
      AlertEvent alert, ArrivalTracker tracker, long sentNanos, Acks acks) {
    AlertEvent stamped = AlertEvent.newBuilder(alert).setOccurredAt(java.time.Instant.now()).build();
    tracker.sent(alert.getEventId(), sentNanos);
    producer.send(new ProducerRecord<>(ALERTS, null, stamped.getOccurredAt().toEpochMilli(),
        alert.getTenantId().getBytes(StandardCharsets.UTF_8), serializer.serialize(ALERTS, stamped)),
        (metadata, error) -> {
          if (error == null) {
            acks.acked.incrementAndGet();
            acks.lastAckNanos.accumulateAndGet(System.nanoTime(), Math::max);
          } else {
            acks.failed.incrementAndGet();
          }
        });
  }

  private static Map<String, Object> figures(SystemFigures f) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("sent", f.sent());
    out.put("accepted", f.accepted());
    out.put("accepted/s", Math.round(f.acceptedPerSecond() * 10) / 10.0);
    out.put("notified", f.notified());
    out.put("notified/s", Math.round(f.notifiedPerSecond() * 10) / 10.0);
    out.put("lost (accepted, never notified)", f.lost());
    out.put("duplicate webhooks (an alert notified again)", f.duplicates());
    out.put("stray webhooks (no alert of the batch)", f.strays());
    out.put("latency p50 (ms)", f.latency().p50());
    out.put("latency p95 (ms)", f.latency().p95());
    out.put("latency p99 (ms)", f.latency().p99());
    out.put("latency p99.9 (ms)", f.latency().p999());
    out.put("latency max (ms)", f.latency().max());
    out.put("warm-up alerts (not measured)", f.warmUpAlerts());
    out.put("warm-up (s)", Math.round(f.warmUpSeconds() * 10) / 10.0);
    f.cores().forEach((process, cores) -> out.put("CPU (cores): " + process, cores));
    f.peakRssMiB().forEach((process, peak) -> out.put("peak RSS (MiB): " + process, Math.round(peak * 10) / 10.0));
    return out;
  }

  /**
   * New alerts (no duplicates, resolves or poison) of the side-by-side tenant, with typical
   * severities, each a distinct identity: a {@code bench_id} label holds its event id.
   */
  static List<AlertEvent> alerts(long seed, int count) {
    SpecificAvroSerde<AlertEvent> serde = SpecificAvroSerde.of(new InMemorySchemaRegistry(), AlertEvent.class);
    TrafficMix mix = new TrafficMix(List.of(new TenantProfile(BenchTenants.SIDE_BY_SIDE_TENANT, Tier.ENTERPRISE,
        List.of(), 1)), 0, 0, 0, TrafficMix.typicalSeverities(), null, 0, 1_000);
    TrafficGenerator generator = new TrafficGenerator(seed, mix, e -> serde.serializer().serialize("t", e));
    List<AlertEvent> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      AlertEvent alert = serde.deserializer().deserialize("t", generator.next(System.currentTimeMillis()).value());
      Map<String, String> labels = new HashMap<>(alert.getLabels());
      labels.put("bench_id", alert.getEventId());
      out.add(AlertEvent.newBuilder(alert).setLabels(labels).build());
    }
    return out;
  }
}
