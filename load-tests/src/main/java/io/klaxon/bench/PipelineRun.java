package io.klaxon.bench;

import io.klaxon.bench.ceiling.SkeletonApp;
import io.klaxon.events.TenantConfig;
import io.klaxon.launcher.Deployment;
import io.klaxon.launcher.Launcher;
import io.klaxon.launcher.LocalDeployment;
import io.klaxon.launcher.Part;
import io.klaxon.launcher.PartKind;
import io.klaxon.launcher.PipelineMetrics;
import io.klaxon.launcher.RunMode;
import io.klaxon.launcher.TenantPublisher;
import io.klaxon.registry.HttpSchemaRegistryClient;
import io.klaxon.serde.SpecificAvroSerializer;
import io.klaxon.streams.app.StreamsSettings;
import io.klaxon.topics.TopicNames;
import io.klaxon.traffic.TrafficMix;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One pipeline under load, with everything the harness measures it by. The pipeline runs as
 * production runs it, each part its own process started by the {@link Launcher}: a KRaft broker
 * (temporary data), the schema registry, the Streams app and the notifier, with the bench tenants
 * applied; this JVM is the harness: the signed webhook sink the tenants point at, the consumer
 * that times routed notifications, the metrics probes, the CPU and memory sampling of every
 * process (the harness included), and the load drivers. {@link #measure} runs a phase and samples
 * it every second; {@link #drain} waits until everything sent has been processed; {@link
 * #accounting} checks that every alert ended in exactly one outcome.
 *
 * <p>{@link #startSkeleton} runs the reference instead of Klaxon's Streams app and notifier: the
 * skeleton ({@link io.klaxon.bench.ceiling.SkeletonTopology}: two stores per record, nothing else), with
 * the Streams app's settings, writing every alert it reads to the notifications topic, so that
 * the same consumer times it the same way. Nothing is delivered and nothing is accounted for there.
 */
public final class PipelineRun implements AutoCloseable {
  private final String name;
  private final SignedWebhookSink webhooks;
  private final Launcher launcher;
  private final PipelineMetrics metrics;
  private final HttpSchemaRegistryClient registry;
  private final RoutedWatcher watcher;
  private final ProcessTable processes;
  private final GroupProgress offsets;
  /** The Streams app's consumer group when it commits with each transaction (exactly-once), else null. */
  private final String transactionalGroup;
  /** Whether the skeleton runs in place of Klaxon's Streams app and notifier. */
  private final boolean skeleton;
  private final List<LoadDriver> drivers = new ArrayList<>();
  private final List<Sample> timeline = new ArrayList<>();
  private final long startNanos;
  private long lastSent;
  private long lastRouted;
  private long lastDelivered;
  private Map<String, Double> lastCpu;
  private long lastSampleNanos;

  private PipelineRun(String name, SignedWebhookSink webhooks, Launcher launcher, String transactionalGroup,
      boolean skeleton) {
    this.name = name;
    this.skeleton = skeleton;
    this.webhooks = webhooks;
    this.launcher = launcher;
    this.metrics = new PipelineMetrics(launcher);
    this.registry = HttpSchemaRegistryClient.builder(launcher.deployment().registryUrl()).build();
    this.watcher = new RoutedWatcher(launcher.deployment().bootstrapServers());
    this.processes = new ProcessTable(launcher);
    this.offsets = new GroupProgress(launcher.deployment().bootstrapServers());
    this.transactionalGroup = transactionalGroup;
    this.startNanos = System.nanoTime();
    this.lastSampleNanos = startNanos;
    this.lastCpu = cpuSeconds();
  }

  /**
   * Starts the pipeline's processes and the measuring apparatus.
   *
   * @param name what this pipeline is called in progress lines and reports
   * @param workDir where its data and logs go ({@code logs/<part>.log})
   * @param tenants regular tenant count
   * @param settings environment variables of the parts, as {@code streams.NAME} or {@code
   *     notifier.NAME} (e.g. {@code streams.PROCESSING_GUARANTEE})
   * @param tracker where webhook arrivals are reported by event id, or null
   */
  public static PipelineRun start(String name, Path workDir, int tenants, Map<String, String> settings,
      ArrivalTracker tracker, Consumer<String> progress) throws Exception {
    return start(name, workDir, tenants, settings, tracker, progress, 1, 1, UnaryOperator.identity());
  }

  /**
   * {@link #start(String, Path, int, Map, ArrivalTracker, Consumer)} with {@code streamsInstances}
   * Streams instances ({@code streams-1}, ...) and {@code notifiers} notifiers ({@code notifier-1},
   * ...), each its own process, and the bench tenants as {@code editTenants} makes them (e.g. with more targets).
   */
  public static PipelineRun start(String name, Path workDir, int tenants, Map<String, String> settings,
      ArrivalTracker tracker, Consumer<String> progress, int streamsInstances, int notifiers,
      UnaryOperator<List<TenantConfig>> editTenants) throws Exception {
    return start(name, workDir, tenants, settings, tracker, progress, streamsInstances, notifiers, editTenants, false);
  }

  /**
   * The skeleton at the same settings as a {@link #start}ed pipeline's Streams app, in place of the
   * Streams app and the notifier: the broker and the registry (the tenants published as usual),
   * and the skeleton, each its own process, writing to the notifications topic.
   */
  public static PipelineRun startSkeleton(String name, Path workDir, int tenants, Map<String, String> settings,
      Consumer<String> progress) throws Exception {
    return start(name, workDir, tenants, settings, null, progress, 1, 1, UnaryOperator.identity(), true);
  }

  private static PipelineRun start(String name, Path workDir, int tenants, Map<String, String> settings,
      ArrivalTracker tracker, Consumer<String> progress, int streamsInstances, int notifiers,
      UnaryOperator<List<TenantConfig>> editTenants, boolean skeleton) throws Exception {
    String secret = "whsec_" + Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(24));
    SignedWebhookSink webhooks = new SignedWebhookSink(secret, tracker);
    try {
      Deployment klaxon = deployment(workDir, settings, tenants, secret, streamsInstances, notifiers);
      Deployment deployment = skeleton ? skeleton(klaxon, workDir) : klaxon;
      progress.accept(name + ": starting the pipeline, each part its own process ("
          + String.join(", ", deployment.parts().stream().map(Part::name).toList()) + ")");
      long t0 = System.nanoTime();
      Launcher launcher = Launcher.start(deployment, line -> progress.accept(name + ": " + line), started -> {
        try (HttpSchemaRegistryClient client = HttpSchemaRegistryClient.builder(deployment.registryUrl()).build()) {
          TenantPublisher.publish(deployment.bootstrapServers(), TopicNames.DEFAULTS.tenants(),
              new SpecificAvroSerializer<>(client, false, true),
              editTenants.apply(BenchTenants.configs(tenants, webhooks.baseUrl())));
        }
      });
      boolean exactlyOnce = !"at_least_once".equals(settings.get("streams.PROCESSING_GUARANTEE"));
      String group = skeleton ? SkeletonApp.DEFAULT_APPLICATION_ID
          : settings.getOrDefault("streams.APPLICATION_ID", StreamsSettings.DEFAULT_APPLICATION_ID);
      PipelineRun run = new PipelineRun(name, webhooks, launcher, exactlyOnce ? group : null, skeleton);
      try {
        run.watcher.awaitAssignment(Duration.ofSeconds(60));
      } catch (RuntimeException | InterruptedException e) {
        run.close();
        throw e;
      }
      progress.accept(String.format(Locale.ROOT, "%s: pipeline ready in %.1f s (%s)", name, (System.nanoTime() - t0) / 1e9,
          String.join(", ", deployment.parts().stream().map(p -> p.name() + " pid " + launcher.pid(p.name())).toList())));
      return run;
    } catch (Exception e) {
      webhooks.close();
      throw e;
    }
  }

  /** {@code klaxon}'s broker and registry, and the skeleton with its first Streams instance's settings. */
  private static Deployment skeleton(Deployment klaxon, Path workDir) {
    List<Part> parts = new ArrayList<>(klaxon.parts().stream().filter(p -> p.kind().infrastructure()).toList());
    parts.add(SkeletonApp.part(klaxon.parts(PartKind.STREAMS).getFirst(),
        workDir.resolve("streams-state").resolve("skeleton"), TopicNames.DEFAULTS.notifications(),
        PartFlags.of(workDir, "skeleton", "-Xmx2g")));
    return new Deployment(klaxon.dir(), klaxon.keepData(), klaxon.bootstrapServers(), klaxon.registryUrl(),
        klaxon.topics(), parts);
  }

  private static Deployment deployment(Path workDir, Map<String, String> settings, int tenants, String webhookSecret,
      int streamsInstances, int notifiers) {
    Map<String, String> notifier = new LinkedHashMap<>();
    // Channels the scenario does not use point at the discard port; the notifier scenario sets its own.
    notifier.put("SLACK_API_URL", "http://127.0.0.1:9/api/");
    notifier.put("SLACK_BOT_TOKEN", "xoxb-unused");
    notifier.put("SMTP_HOST", "127.0.0.1");
    notifier.put("SMTP_PORT", "9");
    // Every tenant's webhook secret lives in its own namespace (TenantSecrets); all have one value. The
    // notifier scenario's requests come from tenants of their own.
    List<String> signing = new ArrayList<>(NotifierRequests.webhookTenants());
    BenchTenants.configs(tenants, "http://unused/").forEach(tenant -> signing.add(tenant.getTenantId()));
    signing.add(BenchTenants.LATE_TENANT);
    for (String tenant : signing) {
      notifier.put(BenchTenants.secretRef(tenant).substring("env:".length()), webhookSecret);
    }
    notifier.putAll(BenchOptions.variablesOf(settings, "notifier."));
    return LocalDeployment.builder(workDir).mode(RunMode.SEPARATE_PROCESS).partitions(6).tenantPartitions(1)
        .streamsInstances(streamsInstances).notifiers(notifiers)
        .env(PartKind.STREAMS, BenchOptions.variablesOf(settings, "streams."))
        .env(PartKind.NOTIFIER, notifier)
        .jvmFlags(PartKind.BROKER, PartFlags.of(workDir, "broker", "-Xmx1g"))
        .jvmFlags(PartKind.REGISTRY, List.of("-Xmx256m"))
        .jvmFlags(PartKind.STREAMS, PartFlags.of(workDir, "streams", "-Xmx2g"))
        .jvmFlags(PartKind.NOTIFIER, PartFlags.of(workDir, "notifier", "-Xmx2g"))
        .build();
  }

  /** A load driver on this pipeline's alerts topic, not yet started. */
  public LoadDriver driver(long seed, TrafficMix mix) {
    LoadDriver driver = new LoadDriver(bootstrapServers(), registry, TopicNames.DEFAULTS.alerts(), seed, mix, skeleton);
    drivers.add(driver);
    return driver;
  }

  /**
   * Runs the load without measuring it until the pipeline has caught up: a quarter, a half and
   * three quarters of {@code perSecond}, each for a third of {@code min} (a cold JVM, with its JIT,
   * RocksDB and connections, falls far behind at full rate), then full rate until the lag has been under half a second of
   * {@code perSecond} for three seconds in a row, at most {@code max} in all. Measuring from a cold
   * start would report the backlog of the first seconds, not the pipeline. Returns how long it
   * took, how much it sent and whether it caught up.
   *
   * @param rate sets the drivers' rate
   */
  public WarmUp warmUp(Duration min, Duration max, double perSecond, java.util.function.DoubleConsumer rate,
      Consumer<String> progress) throws InterruptedException {
    long start = System.nanoTime();
    long sentBefore = sent();
    for (double share : new double[] {0.25, 0.5, 0.75}) {
      rate.accept(perSecond * share);
      measure("warm-up", min.dividedBy(3), progress);
    }
    rate.accept(perSecond);
    int caughtUp = 0;
    while (System.nanoTime() - start < max.toNanos()) {
      List<Sample> samples = measure("warm-up", Duration.ofSeconds(1), progress);
      long lag = samples.isEmpty() ? -1 : samples.getLast().lag();
      caughtUp = lag >= 0 && lag < perSecond / 2 ? caughtUp + 1 : 0;
      if (caughtUp >= 3) {
        return new WarmUp((System.nanoTime() - start) / 1e9, sent() - sentBefore, true);
      }
    }
    return new WarmUp((System.nanoTime() - start) / 1e9, sent() - sentBefore, false);
  }

  /**
   * How a warm-up went.
   *
   * @param seconds how long it ran
   * @param alertsSent alerts sent meanwhile
   * @param caughtUp whether the pipeline caught up with the full rate before the time ran out
   */
  public record WarmUp(double seconds, long alertsSent, boolean caughtUp) {

    /** The warm-up's figures for a report. */
    public Map<String, Object> figures() {
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("warm-up (s)", Math.round(seconds * 10) / 10.0);
      figures.put("warm-up alerts sent", alertsSent);
      figures.put("caught up during warm-up", caughtUp);
      return figures;
    }
  }

  /** Samples every second for {@code duration}, printing one progress line each; returns the phase's samples. */
  public List<Sample> measure(String phase, Duration duration, Consumer<String> progress) throws InterruptedException {
    List<Sample> samples = new ArrayList<>();
    long end = System.nanoTime() + duration.toNanos();
    long next = System.nanoTime() + 1_000_000_000L;
    while (System.nanoTime() < end) {
      Thread.sleep(Math.max(1, (next - System.nanoTime()) / 1_000_000));
      next += 1_000_000_000L;
      Sample sample = sample(phase);
      samples.add(sample);
      progress.accept(String.format(java.util.Locale.ROOT,
          "%s %-10s %4.0fs  sent %,7.0f/s  routed %,6.0f/s  delivered %,6.0f/s  lag %,8d  p99 routed %6.1f ms"
              + "  p99 delivered %7.1f ms  cpu %.2f cores (%s)  rss %,5.0f MiB",
          name, phase, sample.second(), sample.sentPerSecond(), sample.routedPerSecond(), sample.deliveredPerSecond(),
          sample.lag(), sample.routedP99(), sample.deliveredP99(), sample.cpuCores(), perProcess(sample.cpuCoresByProcess()),
          sample.rssMiB()));
      checkAlive();
    }
    return samples;
  }

  private static String perProcess(Map<String, Double> cores) {
    return String.join(" ", cores.entrySet().stream()
        .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue())).toList());
  }

  /**
   * Fails when a part of the pipeline is no longer running.
   *
   * @throws IllegalStateException naming the part and its log
   */
  public void checkAlive() {
    for (Part part : launcher.deployment().parts()) {
      if (!launcher.alive(part.name())) {
        throw new IllegalStateException(name + ": " + part.name() + " died; see "
            + launcher.deployment().logFile(part.name()));
      }
    }
  }

  private Sample sample(String phase) {
    long now = System.nanoTime();
    double seconds = (now - lastSampleNanos) / 1e9;
    lastSampleNanos = now;
    long sent = sent();
    long routed = watcher.notifications() + watcher.stormNotifications();
    long delivered = webhooks.deliveries();
    Map<String, Double> cpu = cpuSeconds();
    Map<String, Double> cores = ProcessTable.cores(lastCpu, cpu, seconds);
    Map<String, Double> rss = rssMiB();
    LatencySummary routedLatency = watcher.othersLatency().interval();
    watcher.stormLatency().interval();
    LatencySummary deliveredLatency = webhooks.othersLatency().interval();
    webhooks.stormLatency().interval();
    Sample sample = new Sample(Math.round((now - startNanos) / 1e8) / 10.0, phase, (sent - lastSent) / seconds,
        (routed - lastRouted) / seconds, (delivered - lastDelivered) / seconds, backlog(), routedLatency.p50(),
        routedLatency.p99(), deliveredLatency.p99(), ProcessTable.pipelineTotal(cores), ProcessTable.pipelineTotal(rss),
        cores, rss);
    lastSent = sent;
    lastRouted = routed;
    lastDelivered = delivered;
    lastCpu = cpu;
    timeline.add(sample);
    return sample;
  }

  /** CPU seconds used so far by each of the pipeline's processes and by the harness. */
  public Map<String, Double> cpuSeconds() {
    return processes.cpuSeconds();
  }

  /** Resident memory now of each process, in MiB. */
  public Map<String, Double> rssMiB() {
    return processes.rssMiB();
  }

  /** Peak resident memory so far of each process, in MiB. */
  public Map<String, Double> peakRssMiB() {
    return processes.peakRssMiB();
  }

  /** The pipeline's processes and the harness, for figures by process. */
  public ProcessTable processes() {
    return processes;
  }

  /**
   * Stops the drivers and waits until the Streams app has processed everything sent and the
   * routed and delivered counts have stopped changing for two seconds (at most {@code timeout}).
   * Returns how long that took, in seconds.
   */
  public double drain(Duration timeout, Consumer<String> progress) throws Exception {
    for (LoadDriver driver : drivers) {
      driver.stop();
    }
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    long stableSince = System.nanoTime();
    long lastSeen = -1;
    long lastReport = 0;
    while (System.nanoTime() < deadline) {
      long lag = backlog();
      long seen = watcher.notifications() + watcher.stormNotifications() + watcher.deadLetters() + webhooks.deliveries();
      if (seen != lastSeen || lag != 0) {
        lastSeen = seen;
        stableSince = System.nanoTime();
      } else if (System.nanoTime() - stableSince > 2_000_000_000L) {
        break;
      }
      if (System.nanoTime() - lastReport > 1_000_000_000L) {
        lastReport = System.nanoTime();
        progress.accept(String.format("%s draining: lag %,d, routed %,d, delivered %,d", name, lag,
            watcher.notifications() + watcher.stormNotifications(), webhooks.deliveries()));
      }
      Thread.sleep(200);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** Whether this is the skeleton ({@link #startSkeleton}). */
  public boolean skeleton() {
    return skeleton;
  }

  /** Checks that every alert sent ended in exactly one outcome (call after {@link #drain}). */
  public Accounting accounting() throws Exception {
    if (skeleton) {
      throw new IllegalStateException("the skeleton accounts for nothing; it writes every record it reads");
    }
    long sent = 0;
    long acked = 0;
    long failed = 0;
    long poison = 0;
    for (LoadDriver driver : drivers) {
      sent += driver.sent();
      acked += driver.acked();
      failed += driver.failed();
      poison += driver.poisonSent();
    }
    return Accounting.check(sent, acked, failed, poison, metrics.outcomes(), watcher.deadLetters(),
        webhooks.badSignatures());
  }

  /**
   * Alerts the broker acknowledged that the Streams app has not processed yet, or -1 when that
   * cannot be read. Under exactly-once: not yet committed, from the app's committed offsets on the
   * alerts topic ({@link GroupProgress}; it commits with every transaction, 100 ms apart), which
   * costs the app nothing. Under at_least_once, whose commits are 30 s apart: not yet counted by its
   * outcome counters, scraped from its {@code /metrics}, that counter alone ({@code name[]}: the
   * whole page is some 2 MB, whose rendering once a second would be a visible share of the app's
   * CPU, and about three times what one counter costs). The skeleton, which
   * writes every record it reads, under at_least_once: not yet seen on its output.
   */
  private long backlog() {
    try {
      long acked = drivers.stream().mapToLong(LoadDriver::acked).sum();
      if (transactionalGroup != null) {
        return Math.max(0, acked - offsets.committed(transactionalGroup, TopicNames.DEFAULTS.alerts()));
      }
      return Math.max(0, acked - Math.round(processed()));
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return -1;
    }
  }

  /** Alerts that reached an outcome (rekeyed ones count at their second pass); the skeleton's: records written. */
  public double processed() throws Exception {
    if (skeleton) {
      return watcher.notifications() + watcher.stormNotifications();
    }
    return metrics.outcomes().entrySet().stream().filter(e -> !e.getKey().equals("rekeyed"))
        .mapToDouble(Map.Entry::getValue).sum();
  }

  private long sent() {
    return drivers.stream().mapToLong(LoadDriver::sent).sum();
  }

  public String name() {
    return name;
  }

  /** The load drivers made by {@link #driver}. */
  public List<LoadDriver> drivers() {
    return List.copyOf(drivers);
  }

  /** The launcher running the pipeline's processes. */
  public Launcher launcher() {
    return launcher;
  }

  public String bootstrapServers() {
    return launcher.deployment().bootstrapServers();
  }

  /** The pipeline's own counters. */
  public PipelineMetrics metrics() {
    return metrics;
  }

  public RoutedWatcher watcher() {
    return watcher;
  }

  public SignedWebhookSink webhooks() {
    return webhooks;
  }

  public HttpSchemaRegistryClient registry() {
    return registry;
  }

  /** Every sample so far. */
  public List<Sample> timeline() {
    return List.copyOf(timeline);
  }

  @Override
  public void close() throws Exception {
    for (LoadDriver driver : drivers) {
      driver.close();
    }
    watcher.close();
    metrics.close();
    offsets.close();
    registry.close();
    launcher.close();
    webhooks.close();
  }
}
