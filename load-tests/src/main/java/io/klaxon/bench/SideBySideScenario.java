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
 * its webhook).
 */
final class SideBySideScenario {
  private static final int ALERTS_PER_POST = 64;
  private static final int POSTS_IN_FLIGHT = 4;
  private static final String ALERTS = TopicNames.DEFAULTS.alerts();
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
    List<AlertEvent> alerts = alerts(options.seed(), count);
    List<AlertEvent> warmUpAlerts = alerts(options.seed() + 1, warmUp);
    report.setting("alerts", count)
        .setting("warm-up", String.format(java.util.Locale.ROOT, "%,d other alerts through each system, sent and"
            + " notified before the measured ones", warmUp))
        .setting("Klaxon processing guarantee", options.guarantee())
        .setting("Alertmanager alerts per POST", ALERTS_PER_POST)
        .setting("Alertmanager POSTs in flight", POSTS_IN_FLIGHT)
        .setting("order", "Klaxon, then Alertmanager, one at a time, the same alerts");

    SystemFigures klaxon = klaxon(alerts, warmUpAlerts);
    progress.accept("alertmanager: starting Prometheus Alertmanager");
    SystemFigures alertmanager = new AlertmanagerRun(report.dir().resolve("alertmanager"), ALERTS_PER_POST,
        POSTS_IN_FLIGHT, Duration.ofSeconds(30)).run(warmUpAlerts, alerts, progress);

    report.figures("Klaxon", figures(klaxon)).figures("Alertmanager", figures(alertmanager));
    report.figures("Ratio", ratios(klaxon, alertmanager));
    report.chart("side-by-side-rates.svg", "alerts accepted and notified per second", SvgCharts.barChart(
        "Klaxon vs Alertmanager: alerts per second", "alerts/s", List.of("accepted/s", "notified/s"),
        List.of("Klaxon", "Alertmanager"), new double[][] {
            {klaxon.acceptedPerSecond(), klaxon.notifiedPerSecond()},
            {alertmanager.acceptedPerSecond(), alertmanager.notifiedPerSecond()}}));
    report.chart("side-by-side-latency.svg", "send → notification latency", SvgCharts.barChart(
        "Klaxon vs Alertmanager: send → notification latency (ms)", "ms", List.of("p50", "p95", "p99", "max"),
        List.of("Klaxon", "Alertmanager"), new double[][] {
            {klaxon.latency().p50(), klaxon.latency().p95(), klaxon.latency().p99(), klaxon.latency().max()},
            {alertmanager.latency().p50(), alertmanager.latency().p95(), alertmanager.latency().p99(),
                alertmanager.latency().max()}}));
    report.chart("side-by-side-over-time.svg", "notifications per second since the first send", SvgCharts.lineChart(
        "Klaxon vs Alertmanager: notified per second", "seconds since the first send", "notified/s", List.of(
            new SvgCharts.Series("Klaxon", klaxon.timeline()),
            new SvgCharts.Series("Alertmanager", alertmanager.timeline()))));
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

  private SystemFigures klaxon(List<AlertEvent> alerts, List<AlertEvent> warmUp) throws Exception {
    ArrivalTracker warmTracker = new ArrivalTracker();
    ArrivalTracker tracker = new ArrivalTracker();
    try (PipelineRun run = PipelineRun.start("klaxon", report.dir().resolve("klaxon"), 1,
        options.pipeline(options.guarantee()), warmTracker, progress)) {
      Map<String, Object> config = new HashMap<>();
      config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, run.bootstrapServers());
      config.put(ProducerConfig.ACKS_CONFIG, "all");
      config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
      SpecificAvroSerializer<AlertEvent> serializer = new SpecificAvroSerializer<>(run.registry(), false, true);
      AtomicLong acked = new AtomicLong();
      AtomicLong failed = new AtomicLong();
      AtomicLong lastAck = new AtomicLong();
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
          new ByteArraySerializer())) {
        progress.accept(String.format("klaxon: warming up with %,d alerts", warmUp.size()));
        long warmStart = System.nanoTime();
        send(producer, serializer, warmUp, warmTracker, acked, failed, lastAck);
        ArrivalWait.await("klaxon warm-up", warmTracker::arrivedCount, warmUp.size(), IDLE, run.processes(),
            run::checkAlive, progress);
        run.webhooks().track(tracker);
        double warmSeconds = (System.nanoTime() - warmStart) / 1e9;
        long warmAcked = acked.get();
        progress.accept(String.format("klaxon: sending %,d alerts", alerts.size()));
        Map<String, Double> cpu = run.cpuSeconds();
        long start = System.nanoTime();
        send(producer, serializer, alerts, tracker, acked, failed, lastAck);
        ArrivalWait done = ArrivalWait.await("klaxon", tracker::arrivedCount, alerts.size(), IDLE, run.processes(),
            run::checkAlive, progress);
        double acceptSeconds = (lastAck.get() - start) / 1e9;
        double notifySeconds = tracker.lastArrivalNanos() == 0 ? 0 : (tracker.lastArrivalNanos() - start) / 1e9;
        run.drain(Duration.ofSeconds(30), progress);
        long total = (long) warmUp.size() + alerts.size();
        Accounting accounting = Accounting.check(total, acked.get(), failed.get(), 0,
            run.metrics().outcomes(), run.watcher().deadLetters(), run.webhooks().badSignatures());
        report.accounting("klaxon", accounting);
        progress.accept("klaxon: accounting " + (accounting.passed() ? "passed" : "FAILED: " + accounting.problems()));
        return new SystemFigures("klaxon", alerts.size(), acked.get() - warmAcked, acceptSeconds,
            tracker.arrivedCount(), notifySeconds, tracker.duplicates(), tracker.strays(), tracker.latency().summary(),
            warmUp.size(), warmSeconds, ProcessTable.cores(cpu, done.cpuAtLastChange(),
                (done.lastChangeNanos() - start) / 1e9), run.peakRssMiB(), tracker.perSecond(start));
      }
    }
  }

  @SuppressWarnings("FutureReturnValueIgnored") // The callback counts each send as acknowledged or failed.
  private static void send(KafkaProducer<byte[], byte[]> producer, SpecificAvroSerializer<AlertEvent> serializer,
      List<AlertEvent> alerts, ArrivalTracker tracker, AtomicLong acked, AtomicLong failed, AtomicLong lastAck) {
    for (AlertEvent alert : alerts) {
      AlertEvent stamped = AlertEvent.newBuilder(alert).setOccurredAt(java.time.Instant.now()).build();
      tracker.sent(alert.getEventId(), System.nanoTime());
      producer.send(new ProducerRecord<>(ALERTS, null, stamped.getOccurredAt().toEpochMilli(),
          alert.getTenantId().getBytes(StandardCharsets.UTF_8), serializer.serialize(ALERTS, stamped)),
          (metadata, error) -> {
            if (error == null) {
              acked.incrementAndGet();
              lastAck.accumulateAndGet(System.nanoTime(), Math::max);
            } else {
              failed.incrementAndGet();
            }
          });
    }
    producer.flush();
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
