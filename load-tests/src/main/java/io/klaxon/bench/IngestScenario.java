package io.klaxon.bench;

import io.klaxon.bench.report.Report;
import io.klaxon.bench.report.SvgCharts;
import io.klaxon.contract.ApiKeys;
import io.klaxon.events.ApiKey;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.launcher.Deployment;
import io.klaxon.launcher.Launcher;
import io.klaxon.launcher.LocalDeployment;
import io.klaxon.launcher.PartKind;
import io.klaxon.launcher.ProcessFigures;
import io.klaxon.launcher.RunMode;
import io.klaxon.launcher.TenantPublisher;
import io.klaxon.registry.HttpSchemaRegistryClient;
import io.klaxon.serde.SpecificAvroSerializer;
import io.klaxon.topics.TopicNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The HTTP ingest service alone: the broker, the registry and one ingest copy, each its own
 * process (no Streams app, no notifier), and this JVM as Prometheus would be, many times over:
 * {@code CONCURRENCY} clients, each posting {@value #BATCH} distinct alerts per request to {@code
 * POST /api/v2/alerts} as fast as the answers come back, with the API keys of {@code --tenants}
 * ENTERPRISE tenants (their ingest quota raised far above the load, so what is measured is the
 * service, not the quota). Every answer is 200 only after Kafka acknowledged (acks=all), so
 * requests/s, alerts/s and the latency of each request measure HTTP into Kafka. After a warm-up the
 * load is measured; at the end the alerts topic must hold exactly the alerts answered 200.
 */
final class IngestScenario {
  /** Alerts per request: Prometheus sends up to 64 at once. */
  static final int BATCH = 50;
  private static final String PATH = "/api/v2/alerts";

  private final BenchOptions options;
  private final Report report;
  private final Consumer<String> progress;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong refusedRequests = new AtomicLong();
  private final AtomicLong refusedAlerts = new AtomicLong();
  private final LatencyRecorder latency = new LatencyRecorder();
  private volatile boolean running = true;

  IngestScenario(BenchOptions options, Report report, Consumer<String> progress) {
    this.options = options;
    this.report = report;
    this.progress = progress;
  }

  void run() throws Exception {
    int concurrency = options.quick() ? 8 : 16;
    Duration warmUp = options.warmUp();
    Duration measured = options.duration(Duration.ofSeconds(60), Duration.ofSeconds(10));
    List<String> keys = new ArrayList<>();
    List<TenantConfig> tenants = new ArrayList<>();
    for (int i = 0; i < Math.max(1, options.tenants()); i++) {
      String key = ApiKeys.newKey(new java.security.SecureRandom());
      keys.add(key);
      tenants.add(TenantConfig.newBuilder().setTenantId(String.format(Locale.ROOT, "ingest-%03d", i))
          .setTier(Tier.ENTERPRISE)
          .setApiKeys(List.of(ApiKey.newBuilder().setId("bench").setHash(ApiKeys.hash(key)).build())).build());
    }
    report.setting("clients (concurrent requests)", concurrency).setting("alerts per request", BATCH)
        .setting("tenants", tenants.size()).setting("warm-up (s)", warmUp.toSeconds())
        .setting("measured (s)", measured.toSeconds())
        .setting("endpoint", "POST " + PATH + " (Alertmanager API v2 shape)")
        .setting("processes", "broker, registry, ingest-1 (each its own JVM); this JVM is the HTTP client");
    Path dir = report.dir().resolve("ingest");
    Deployment deployment = LocalDeployment.builder(dir).mode(RunMode.SEPARATE_PROCESS).partitions(6).tenantPartitions(1)
        .streamsInstances(0).notifiers(0).ingestCopies(1)
        .env(PartKind.INGEST, Map.of("INGEST_RATE_ENTERPRISE", "600000000", "INGEST_BURST_ENTERPRISE", "100000000"))
        .build();
    progress.accept("ingest: starting broker, registry and the ingest service, each its own process");
    try (Launcher launcher = Launcher.start(deployment, line -> progress.accept("ingest: " + line), started -> {
      try (HttpSchemaRegistryClient registry = HttpSchemaRegistryClient.builder(deployment.registryUrl()).build()) {
        TenantPublisher.publish(deployment.bootstrapServers(), TopicNames.DEFAULTS.tenants(),
            new SpecificAvroSerializer<>(registry, false, true), tenants);
      }
    })) {
      URI endpoint = URI.create(deployment.part("ingest-1").url("http") + PATH);
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      List<Thread> clients = new ArrayList<>();
      for (int c = 0; c < concurrency; c++) {
        int client = c;
        clients.add(Thread.ofVirtual().name("ingest-client-" + c).start(() -> load(http, endpoint, keys.get(client % keys.size()), client)));
      }
      List<Sample> warm = sample(launcher, "warm-up", warmUp);
      latency.endPhase();
      long requestsBefore = requests.get();
      long acceptedBefore = accepted.get();
      Map<String, Double> cpuBefore = cpu(launcher);
      long start = System.nanoTime();
      List<Sample> timeline = new ArrayList<>(warm);
      timeline.addAll(sample(launcher, "measured", measured));
      double seconds = (System.nanoTime() - start) / 1e9;
      LatencySummary measuredLatency = latency.endPhase();
      Map<String, Double> cpuAfter = cpu(launcher);
      running = false;
      for (Thread client : clients) {
        client.join(Duration.ofSeconds(30));
      }
      long onTopic = recordsOn(deployment.bootstrapServers(), TopicNames.DEFAULTS.alerts());
      results(launcher, timeline, seconds, requests.get() - requestsBefore, accepted.get() - acceptedBefore,
          measuredLatency, cpuBefore, cpuAfter, onTopic);
    }
  }

  private void load(HttpClient http, URI endpoint, String key, int client) {
    long sequence = 0;
    while (running) {
      StringBuilder body = new StringBuilder(BATCH * 120).append('[');
      for (int i = 0; i < BATCH; i++) {
        body.append(i == 0 ? "" : ",").append("{\"labels\":{\"alertname\":\"BenchIngest\",\"severity\":\"warning\",")
            .append("\"job\":\"bench\",\"client\":\"").append(client).append("\",\"n\":\"").append(sequence++)
            .append("\"},\"annotations\":{\"summary\":\"ingest benchmark alert\"}}");
      }
      HttpRequest request = HttpRequest.newBuilder(endpoint).header("Authorization", "Bearer " + key)
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.append(']').toString()))
          .timeout(Duration.ofSeconds(30)).build();
      long t0 = System.nanoTime();
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        latency.recordNanos(System.nanoTime() - t0);
        requests.incrementAndGet();
        if (response.statusCode() == 200) {
          accepted.addAndGet(BATCH);
        } else {
          refusedRequests.incrementAndGet();
          refusedAlerts.addAndGet(BATCH);
        }
      } catch (java.io.IOException e) {
        refusedRequests.incrementAndGet();
        refusedAlerts.addAndGet(BATCH);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** One sample a second for {@code duration}: alerts/s as sentPerSecond, requests/s as routedPerSecond, request latency p50 and p99. */
  private List<Sample> sample(Launcher launcher, String phase, Duration duration) throws InterruptedException {
    List<Sample> samples = new ArrayList<>();
    long end = System.nanoTime() + duration.toNanos();
    long lastRequests = requests.get();
    long lastAccepted = accepted.get();
    long last = System.nanoTime();
    Map<String, Double> lastCpu = cpu(launcher);
    while (System.nanoTime() < end) {
      Thread.sleep(1000);
      long now = System.nanoTime();
      double seconds = (now - last) / 1e9;
      Map<String, Double> cpu = cpu(launcher);
      Map<String, Double> cores = new LinkedHashMap<>();
      cpu.forEach((process, used) -> cores.put(process, (used - lastCpu.getOrDefault(process, used)) / seconds));
      Map<String, Double> rss = new LinkedHashMap<>();
      launcher.figures().forEach(f -> rss.put(f.part(), f.rssMiB()));
      LatencySummary second = latency.interval();
      double alertsPerSecond = (accepted.get() - lastAccepted) / seconds;
      double requestsPerSecond = (requests.get() - lastRequests) / seconds;
      Sample sample = new Sample(samples.size() + 1.0, phase, alertsPerSecond, requestsPerSecond, 0, -1, second.p50(),
          second.p99(), 0, cores.getOrDefault("ingest-1", 0.0), rss.getOrDefault("ingest-1", 0.0), cores, rss);
      samples.add(sample);
      progress.accept(String.format(Locale.ROOT, "ingest %-8s %3.0fs  %,8.0f alerts/s  %,6.0f requests/s  p50 %6.1f ms"
              + "  p99 %6.1f ms  refused %,d  cpu: %s", phase, sample.second(), alertsPerSecond, requestsPerSecond,
          second.p50(), second.p99(), refusedRequests.get(), String.join(" ", cores.entrySet().stream()
              .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue())).toList())));
      lastRequests = requests.get();
      lastAccepted = accepted.get();
      last = now;
      lastCpu.clear();
      lastCpu.putAll(cpu);
    }
    return samples;
  }

  private void results(Launcher launcher, List<Sample> timeline, double seconds, long measuredRequests,
      long measuredAlerts, LatencySummary requestLatency, Map<String, Double> cpuBefore, Map<String, Double> cpuAfter,
      long onTopic) throws Exception {
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("requests/s", Math.round(measuredRequests / seconds));
    results.put("alerts/s", Math.round(measuredAlerts / seconds));
    results.put("request latency samples", requestLatency.count());
    results.put("request p50 (ms)", requestLatency.p50());
    results.put("request p95 (ms)", requestLatency.p95());
    results.put("request p99 (ms)", requestLatency.p99());
    results.put("request p99.9 (ms)", requestLatency.p999());
    results.put("request max (ms)", requestLatency.max());
    results.put("refused requests (whole run)", refusedRequests.get());
    cpuAfter.forEach((process, used) -> results.put("CPU (cores): " + process,
        Math.round((used - cpuBefore.getOrDefault(process, 0.0)) / seconds * 100) / 100.0));
    for (ProcessFigures figures : launcher.figures()) {
      results.put("peak RSS (MiB): " + figures.part(), Math.round(figures.peakRssMiB()));
    }
    results.put("peak RSS (MiB): " + ProcessTable.HARNESS, Math.round(ProcessFigures.ofThisProcess(ProcessTable.HARNESS).peakRssMiB()));
    report.figures("Results", results);
    report.timeline("ingest", timeline);
    report.note("In the timeline, sentPerSecond holds alerts accepted per second, routedPerSecond requests per second,"
        + " routedP50 and routedP99 the request latency (HTTP into Kafka, acknowledged), cpuCores and rssMiB the ingest"
        + " service's process.");
    report.chart("ingest-throughput.svg", "alerts and requests per second", SvgCharts.lineChart(
        "Ingest: accepted per second", "seconds", "per second", List.of(
            LoadScenarios.series("alerts/s", timeline, Sample::sentPerSecond),
            LoadScenarios.series("requests/s", timeline, Sample::routedPerSecond))));
    report.chart("ingest-latency.svg", "request latency (ms)", SvgCharts.lineChart(
        "Ingest: request latency, HTTP into Kafka", "seconds", "ms", List.of(
            LoadScenarios.series("p50", timeline, Sample::routedP50),
            LoadScenarios.series("p99", timeline, Sample::routedP99))));
    long sent = accepted.get() + refusedAlerts.get();
    List<String> problems = new ArrayList<>();
    if (refusedRequests.get() > 0) {
      problems.add(String.format("%,d requests were not answered 200", refusedRequests.get()));
    }
    if (onTopic != accepted.get()) {
      problems.add(String.format("%,d alerts answered 200 but %,d records on the alerts topic", accepted.get(), onTopic));
    }
    report.accounting("ingest", new Accounting(sent, accepted.get(), refusedAlerts.get(), 0,
        Map.of("on_alerts_topic", onTopic), onTopic, 0, 0, List.copyOf(problems)));
  }

  private static Map<String, Double> cpu(Launcher launcher) {
    Map<String, Double> out = new LinkedHashMap<>();
    launcher.figures().forEach(f -> out.put(f.part(), f.cpuSeconds()));
    out.put(ProcessTable.HARNESS, ProcessFigures.ofThisProcess(ProcessTable.HARNESS).cpuSeconds());
    return out;
  }

  private static long recordsOn(String bootstrapServers, String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
