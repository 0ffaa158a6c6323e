package io.klaxon.bench.ceiling;

import io.klaxon.bench.Accounting;
import io.klaxon.bench.BenchOptions;
import io.klaxon.bench.BenchTenants;
import io.klaxon.bench.GroupProgress;
import io.klaxon.bench.LoadDriver;
import io.klaxon.bench.PartFlags;
import io.klaxon.bench.ProcessTable;
import io.klaxon.bench.TopicCounter;
import io.klaxon.bench.report.Report;
import io.klaxon.bench.report.SvgCharts;
import io.klaxon.embedded.TopicSpec;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.TenantConfig;
import io.klaxon.launcher.Deployment;
import io.klaxon.launcher.Launcher;
import io.klaxon.launcher.LocalDeployment;
import io.klaxon.launcher.Part;
import io.klaxon.launcher.PartKind;
import io.klaxon.launcher.PipelineMetrics;
import io.klaxon.launcher.RunMode;
import io.klaxon.launcher.TenantPublisher;
import io.klaxon.launcher.parts.StreamsPart;
import io.klaxon.ops.secret.MasterKeySettings;
import io.klaxon.privacy.MasterKey;
import io.klaxon.privacy.MasterKeys;
import io.klaxon.registry.HttpSchemaRegistryClient;
import io.klaxon.serde.SpecificAvroDeserializer;
import io.klaxon.serde.SpecificAvroSerializer;
import io.klaxon.streams.KlaxonTopology;
import io.klaxon.streams.app.StreamsSettings;
import io.klaxon.topics.TopicNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code ceiling}: how fast Klaxon's whole topology drains a backlog, against the skeleton ({@link
 * SkeletonTopology}: two RocksDB stores per record, nothing else) on the same data, in the same
 * run, on the same broker. The alerts topic is preloaded with N events of the realistic mix; then
 * Klaxon's Streams app, as its own process, drains it twice, first sealing every notification and
 * dead letter with the tenants' data keys (the cost of sealing), then without a master key; then
 * the skeleton, as its own process
 * (a custom part) with Klaxon's Streams settings, drains the same records. Each is timed by its
 * consumer group's committed offsets ({@link DrainMeter}), from the first commit to the commit of
 * the last record, with every process's CPU over that time and its peak memory; after each, the
 * application is stopped (which flushes its stores) and its stores' SST files are measured.
 * Klaxon drains first, so the skeleton gets the broker's warmer caches: the ratio errs against
 * Klaxon; the sealing stage drains before the other, so the cost of sealing errs high.
 */
public final class CeilingScenario {
  /** Where the skeleton writes. */
  static final String SKELETON_OUTPUT = "klaxon.bench.skeleton-out.v1";
  /** The consumer group of the stage that seals. */
  static final String SEALED_APPLICATION_ID = "klaxon-streams-sealed";
  private static final String MASTER_KEY_FILE = "master.key";
  private static final String SKELETON_OUTPUT_COUNT = "records on its output topic";
  private static final int PARTITIONS = 6;
  private static final String ALERTS = TopicNames.DEFAULTS.alerts();
  /** The drain-rate ratio Klaxon aims at (SPEC, performance goals). */
  private static final double GOAL = 0.75;

  private final BenchOptions options;
  private final Report report;
  private final Consumer<String> progress;
  /** Records committed per second, by second since the first commit, of each application. */
  private final Map<String, List<double[]>> timelines = new LinkedHashMap<>();

  public CeilingScenario(BenchOptions options, Report report, Consumer<String> progress) {
    this.options = options;
    this.report = report;
    this.progress = progress;
  }

  /** Preloads, drains with Klaxon, drains with the skeleton, and reports both and their ratio. */
  public void run() throws Exception {
    long events = options.events(2_000_000, 200_000);
    Map<String, String> settings = options.pipeline(options.guarantee());
    Path dir = report.dir().resolve("ceiling").toAbsolutePath();
    report.setting("events preloaded", events).setting("tenants", options.tenants())
        .setting("mix", "20% duplicates, 10% resolves, 1% poison; severities 5% CRITICAL, 15% HIGH, 30% WARNING, 50% INFO")
        .setting("processing guarantee (both)", options.guarantee())
        .setting("partitions of the alerts topic", PARTITIONS)
        .setting("order", "Klaxon sealing (tenants' data keys, a master key) drains first, then Klaxon without a master key,"
            + " then the skeleton, one at a time, the same records")
        .setting("warm-up", "none: each Streams process starts cold on the backlog; the 'after the first 10%' rates"
            + " leave out the JIT's first seconds");

    Deployment klaxonStack = LocalDeployment.builder(dir).mode(RunMode.SEPARATE_PROCESS).partitions(PARTITIONS)
        .tenantPartitions(1).notifiers(0)
        .env(PartKind.STREAMS, BenchOptions.variablesOf(settings, "streams."))
        .jvmFlags(PartKind.BROKER, PartFlags.of(dir, "broker", "-Xmx1g"))
        .jvmFlags(PartKind.REGISTRY, List.of("-Xmx256m"))
        .jvmFlags(PartKind.STREAMS, PartFlags.of(dir, "streams", "-Xmx2g"))
        .build();
    Part klaxon = klaxonStack.part("streams-1");
    Part skeleton = SkeletonApp.part(klaxon, dir.resolve("streams-state").resolve("skeleton"), SKELETON_OUTPUT,
        PartFlags.of(dir, "skeleton", "-Xmx2g"));
    List<TopicSpec> topics = new ArrayList<>(klaxonStack.topics());
    topics.add(TopicSpec.of(SKELETON_OUTPUT, PARTITIONS));
    Deployment infrastructure = new Deployment(dir, false, klaxonStack.bootstrapServers(), klaxonStack.registryUrl(),
        topics, klaxonStack.parts().stream().filter(p -> p.kind().infrastructure()).toList());
    String bootstrap = infrastructure.bootstrapServers();

    try (Launcher infra = Launcher.start(infrastructure, line -> progress.accept("ceiling: " + line),
            started -> publishTenants(infrastructure, dir));
         HttpSchemaRegistryClient registry = HttpSchemaRegistryClient.builder(infrastructure.registryUrl()).build();
         GroupProgress offsets = new GroupProgress(bootstrap)) {
      ProcessTable processes = new ProcessTable(infra);
      Map<String, Object> producer = new LinkedHashMap<>(LoadDriver.producerConfig(bootstrap));
      producer.put(ProducerConfig.LINGER_MS_CONFIG, 10);
      progress.accept(String.format(Locale.ROOT, "ceiling: preloading %,d events", events));
      Preloader.Written written = new Preloader(producer, registry, ALERTS)
          .write(events, options.seed(), BenchTenants.typicalMix(options.tenants()), progress);
      report.figures("Preloaded", preloaded(written));
      DrainMeter meter = new DrainMeter(offsets, processes);

      // The sealing stage drains first (cold caches, so the cost of sealing errs high) and carries the
      // accounting: every record ends in exactly one outcome with sealing on. The tenants have data keys.
      Part sealedPart = sealedPart(klaxon, dir);
      Stage sealedStage = new Stage("klaxon-sealed", sealedPart, SEALED_APPLICATION_ID,
          Path.of(sealedPart.env().get(StreamsPart.STATE_DIR)),
          List.of(KlaxonTopology.STORE_RATE_LIMIT, KlaxonTopology.STORE_DEDUP));
      Map<String, Object> sealedFigures = drain(sealedStage, dir, infrastructure, processes, meter, launcher -> {
        Map<String, Object> figures = new LinkedHashMap<>(klaxonAfterDrain(launcher, bootstrap, written));
        figures.putAll(sealedShare(bootstrap, registry));
        return figures;
      });
      Stage klaxonStage = new Stage("klaxon", klaxon, StreamsSettings.DEFAULT_APPLICATION_ID,
          Path.of(klaxon.env().get(StreamsPart.STATE_DIR)),
          List.of(KlaxonTopology.STORE_RATE_LIMIT, KlaxonTopology.STORE_DEDUP));
      Map<String, Object> klaxonFigures = drain(klaxonStage, dir, infrastructure, processes, meter, launcher -> Map.of());
      Stage skeletonStage = new Stage("skeleton", skeleton, SkeletonApp.DEFAULT_APPLICATION_ID,
          Path.of(skeleton.env().get(StreamsPart.STATE_DIR)),
          List.of(SkeletonTopology.STORE_BY_TENANT, SkeletonTopology.STORE_BY_FINGERPRINT));
      Map<String, Object> skeletonFigures = drain(skeletonStage, dir, infrastructure, processes, meter,
          launcher -> Map.of(SKELETON_OUTPUT_COUNT, TopicCounter.count(bootstrap, SKELETON_OUTPUT,
              Duration.ofMinutes(2))));
      report.figures("Klaxon, sealing notifications and dead letters", sealedFigures)
          .figures("Klaxon (full topology)", klaxonFigures)
          .figures("Skeleton (reference)", skeletonFigures);
      report.figures("Ratio", ratios(klaxonFigures, skeletonFigures));
      report.figures("Cost of sealing", sealingCost(klaxonFigures, sealedFigures));
      charts(klaxonFigures, skeletonFigures);
      if (!Long.valueOf(written.acked()).equals(skeletonFigures.get(SKELETON_OUTPUT_COUNT))) {
        report.note("The skeleton's output topic does not hold one record per preloaded record; see its figures.");
      }
    } finally {
      // The key sealed only this run's throwaway data; it has no business in a report directory.
      Files.deleteIfExists(dir.resolve(MASTER_KEY_FILE));
    }
    report.note("Drain rate: records committed by the application's consumer group on the alerts topic, from its first"
        + " commit seen to the commit of the last record, polled every 200 ms; under exactly_once_v2 a record counts"
        + " once its transaction committed.");
    report.note("Sealing: the first stage runs with a master key and every tenant has a data key, so each notification"
        + " and dead letter is encrypted (AES-256-GCM) as it is written; it drains first, with the broker's colder"
        + " caches, so its ratio to the unsealed stage errs against sealing. The accounting is checked on it.");
    report.note("CPU (cores) is each process's CPU time over the drain divided by its length; CPU per event divides"
        + " the process's CPU time by the records drained. Peak RSS is each process's high-water mark (the broker's"
        + " includes the preload).");
    report.note("State: SST files of each store after the application stopped (closing flushes the memtables);"
        + " superseded versions not yet compacted are included, so bytes per key is an upper bound. Keys are counted"
        + " by opening each store read-only. Klaxon's dedup store holds the fingerprints that passed the rate limit;"
        + " the skeleton's holds every record's.");
  }

  /** One application that drains: its part, its consumer group, its state directory and its stores. */
  private record Stage(String name, Part part, String group, Path stateDir, List<String> stores) {}

  /** What a stage measures once the drain is done, while the application still runs. */
  @FunctionalInterface
  private interface AfterDrain {
    Map<String, Object> measure(Launcher launcher) throws Exception;
  }

  private Map<String, Object> drain(Stage stage, Path dir, Deployment infrastructure, ProcessTable processes,
      DrainMeter meter, AfterDrain after) throws Exception {
    Deployment deployment = new Deployment(dir.resolve(stage.name()), false, infrastructure.bootstrapServers(),
        infrastructure.registryUrl(), List.of(), List.of(stage.part()));
    progress.accept("ceiling: " + stage.name() + " drains the backlog");
    long launched = System.nanoTime();
    try (Launcher launcher = Launcher.start(deployment, line -> progress.accept("ceiling: " + line))) {
      processes.add(launcher);
      try {
        DrainMeter.Drain drain = meter.await(stage.name(), stage.group(), ALERTS, launched, Duration.ofMinutes(30),
            () -> launcher.alive(stage.part().name()), progress);
        Map<String, Double> peaks = processes.peakRssMiB();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("records drained (after the first commit)", drain.records());
        figures.put("drain rate (events/s)", round(drain.perSecond()));
        figures.put("drain rate after the first 10% (events/s)", round(drain.warmPerSecond()));
        figures.put("drain seconds (first commit → last)", round(drain.seconds()));
        figures.put("launch → first commit (s)", round(drain.toFirstCommit()));
        drain.cores().forEach((process, cores) -> figures.put("CPU (cores): " + process, cores));
        drain.cpuSeconds().forEach((process, seconds) -> figures.put("CPU per event (µs): " + process,
            round(seconds / drain.records() * 1e6)));
        peaks.forEach((process, peak) -> figures.put("peak RSS (MiB): " + process, round(peak)));
        figures.putAll(after.measure(launcher));
        progress.accept(String.format(Locale.ROOT, "ceiling: %s drained %,d records at %,.0f/s (%,.0f/s after the"
            + " first 10%%)", stage.name(), drain.records(), drain.perSecond(), drain.warmPerSecond()));
        launcher.stop(stage.part().name());
        StoreSizes sizes = null;
        for (String store : stage.stores()) {
          sizes = StoreSizes.of(stage.stateDir(), store);
          figures.put("SST bytes: " + store, sizes.sstBytes());
          figures.put("keys: " + store, sizes.keys());
        }
        figures.put("SST bytes per key (" + stage.stores().getLast() + ")",
            round((double) sizes.sstBytes() / Math.max(1, sizes.keys())));
        timelines.put(stage.name(), drain.perSecondTimeline());
        report.data(stage.name() + " committed per second", drain.perSecondTimeline());
        return figures;
      } finally {
        processes.remove(launcher);
      }
    }
  }

  /**
   * Klaxon's accounting once its outcome counters have caught up with what it committed: every
   * preloaded record ended in exactly one outcome, exactly the poison was dead-lettered.
   */
  private Map<String, Object> klaxonAfterDrain(Launcher launcher, String bootstrap, Preloader.Written written)
      throws Exception {
    Map<String, Object> figures = new LinkedHashMap<>();
    try (PipelineMetrics metrics = new PipelineMetrics(launcher)) {
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      Map<String, Double> outcomes = metrics.outcomes();
      while (processed(outcomes) < written.acked() && System.nanoTime() < deadline) {
        Thread.sleep(500);
        outcomes = metrics.outcomes();
      }
      long deadLetters = TopicCounter.count(bootstrap, TopicNames.DEFAULTS.alertsDlq(), Duration.ofMinutes(2));
      Accounting accounting = Accounting.check(written.sent(), written.acked(), written.failed(), written.poison(),
          outcomes, deadLetters, 0);
      report.accounting("klaxon", accounting);
      progress.accept("ceiling: klaxon accounting " + (accounting.passed() ? "passed" : "FAILED: " + accounting.problems()));
      outcomes.forEach((outcome, count) -> figures.put("outcome: " + outcome, Math.round(count)));
    }
    return figures;
  }

  private static double processed(Map<String, Double> outcomes) {
    return outcomes.entrySet().stream().filter(e -> !e.getKey().equals("rekeyed")).mapToDouble(Map.Entry::getValue)
        .sum();
  }

  private void publishTenants(Deployment deployment, Path dir) throws Exception {
    // Every tenant has a data key under the run's master key: the first Klaxon stage has no master
    // key and seals nothing, the sealed stage has it and seals everything.
    MasterKeys masters = MasterKeys.of(MasterKey.parse("ceiling", Files.readString(masterKeyFile(dir))));
    List<TenantConfig> tenants = BenchTenants.configs(options.tenants(), "http://127.0.0.1:9", options.grouped()).stream()
        .map(t -> TenantConfig.newBuilder(t).setDataKeys(new ArrayList<>(List.of(masters.newDataKey(t.getTenantId(),
            Instant.now()))))
            .build())
        .toList();
    try (HttpSchemaRegistryClient client = HttpSchemaRegistryClient.builder(deployment.registryUrl()).build()) {
      // No notifier runs here; the targets point at the discard port.
      TenantPublisher.publish(deployment.bootstrapServers(), TopicNames.DEFAULTS.tenants(),
          new SpecificAvroSerializer<>(client, false, true), tenants);
    }
  }

  /** The run's master key (made once per run, in its directory). */
  private static Path masterKeyFile(Path dir) throws java.io.IOException {
    Path file = dir.resolve(MASTER_KEY_FILE);
    if (!Files.exists(file)) {
      Files.createDirectories(dir);
      Files.writeString(file, MasterKey.generate());
    }
    return file;
  }

  /** Klaxon's Streams app again, with its own group and state, and the master key: it seals. */
  private static Part sealedPart(Part klaxon, Path dir) throws java.io.IOException {
    Map<String, String> env = new LinkedHashMap<>(klaxon.env());
    env.put("APPLICATION_ID", SEALED_APPLICATION_ID);
    env.put(StreamsPart.STATE_DIR, dir.resolve("streams-state").resolve("sealed").toString());
    env.put(MasterKeySettings.MASTER_KEY_REF, "file:" + masterKeyFile(dir));
    return new Part(klaxon.name(), klaxon.kind(), klaxon.mode(), env, klaxon.jvmFlags(), klaxon.ports(), klaxon.health());
  }

  /** How many of the last notifications on each partition the sealed stage wrote are sealed (proof it sealed). */
  private static Map<String, Object> sealedShare(String bootstrap, HttpSchemaRegistryClient registry) {
    Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    long sealed = 0;
    long read = 0;
    try (KafkaConsumer<byte[], NotificationRequest> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
        new SpecificAvroDeserializer<>(registry, NotificationRequest.class))) {
      List<TopicPartition> partitions = consumer.partitionsFor(TopicNames.DEFAULTS.notifications()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      partitions.forEach(p -> consumer.seek(p, Math.max(0, end.get(p) - 200)));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          read++;
          if (record.value().getSealed() != null) {
            sealed++;
          }
        }
      }
    }
    return Map.of("sealed among the last notifications written", sealed + " of " + read);
  }

  private static Map<String, Object> sealingCost(Map<String, Object> plain, Map<String, Object> sealed) {
    Map<String, Object> cost = new LinkedHashMap<>();
    cost.put("drain rate, sealed ÷ plain", Report.ratio(sealed.get("drain rate (events/s)"), plain.get("drain rate (events/s)")));
    cost.put("drain rate after the first 10%, sealed ÷ plain", Report.ratio(sealed.get("drain rate after the first 10% (events/s)"),
        plain.get("drain rate after the first 10% (events/s)")));
    cost.put("CPU per event of the Streams process, sealed ÷ plain",
        Report.ratio(sealed.get("CPU per event (µs): streams-1"), plain.get("CPU per event (µs): streams-1")));
    return cost;
  }

  private static Map<String, Object> preloaded(Preloader.Written written) {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("records", written.sent());
    figures.put("acknowledged", written.acked());
    figures.put("failed", written.failed());
    figures.put("poison records", written.poison());
    figures.put("distinct fingerprints (tenant, fingerprint)", written.distinctFingerprints());
    figures.put("mean value bytes", round((double) written.valueBytes() / Math.max(1, written.sent())));
    figures.put("seconds", round(written.seconds()));
    return figures;
  }

  private static Map<String, Object> ratios(Map<String, Object> klaxon, Map<String, Object> skeleton) {
    Map<String, Object> ratios = new LinkedHashMap<>();
    ratios.put("drain rate, Klaxon ÷ skeleton (goal ≥ " + GOAL + ")",
        Report.ratio(klaxon.get("drain rate (events/s)"), skeleton.get("drain rate (events/s)")));
    ratios.put("drain rate after the first 10%, Klaxon ÷ skeleton",
        Report.ratio(klaxon.get("drain rate after the first 10% (events/s)"),
            skeleton.get("drain rate after the first 10% (events/s)")));
    ratios.put("CPU per event of the Streams process, Klaxon ÷ skeleton",
        Report.ratio(klaxon.get("CPU per event (µs): streams-1"), skeleton.get("CPU per event (µs): skeleton")));
    ratios.put("CPU per event of the broker, Klaxon ÷ skeleton",
        Report.ratio(klaxon.get("CPU per event (µs): broker"), skeleton.get("CPU per event (µs): broker")));
    ratios.put("meets the goal", Report.ratio(klaxon.get("drain rate (events/s)"),
        skeleton.get("drain rate (events/s)")) >= GOAL);
    return ratios;
  }

  private void charts(Map<String, Object> klaxon, Map<String, Object> skeleton) throws java.io.IOException {
    report.chart("ceiling-drain-rates.svg", "drain rates, same records, same broker", SvgCharts.barChart(
        "Draining the same backlog (events/s)", "events/s", List.of("first commit → last", "after the first 10%"),
        List.of("Klaxon", "skeleton"), new double[][] {
            {number(klaxon, "drain rate (events/s)"), number(klaxon, "drain rate after the first 10% (events/s)")},
            {number(skeleton, "drain rate (events/s)"), number(skeleton, "drain rate after the first 10% (events/s)")}}));
    List<SvgCharts.Series> series = new ArrayList<>();
    timelines.forEach((name, points) -> series.add(new SvgCharts.Series(name, points)));
    report.chart("ceiling-drain-over-time.svg", "records committed per second while draining", SvgCharts.lineChart(
        "Draining: records committed per second", "seconds since the first commit", "records/s", series));
  }

  private static double number(Map<String, Object> figures, String name) {
    return ((Number) figures.get(name)).doubleValue();
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
