package io.klaxon.bench;

import io.klaxon.registry.HttpSchemaRegistryClient;
import io.klaxon.traffic.TrafficMix;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One pipeline process under load, with everything the harness measures it by: the signed webhook
 * sink its tenants point at, the consumer that times routed notifications, lag and metrics probes,
 * CPU and memory sampling, and the load drivers. {@link #measure} runs a phase and samples it every
 * second; {@link #drain} waits until everything sent has been processed; {@link #accounting} checks
 * that every alert ended in exactly one outcome.
 */
public final class PipelineRun implements AutoCloseable {
  private final String name;
  private final SignedWebhookSink webhooks;
  private final PipelineHandle pipeline;
  private final HttpSchemaRegistryClient registry;
  private final RoutedWatcher watcher;
  private final PipelineProbe probe;
  private final List<LoadDriver> drivers = new ArrayList<>();
  private final List<Sample> timeline = new ArrayList<>();
  private final long startNanos;
  private long lastSent;
  private long lastRouted;
  private long lastDelivered;
  private double lastCpu;
  private long lastSampleNanos;

  private PipelineRun(String name, SignedWebhookSink webhooks, PipelineHandle pipeline) {
    this.name = name;
    this.webhooks = webhooks;
    this.pipeline = pipeline;
    this.registry = HttpSchemaRegistryClient.builder(pipeline.registryUrl()).build();
    this.watcher = new RoutedWatcher(pipeline.bootstrapServers());
    this.probe = new PipelineProbe();
    this.startNanos = System.nanoTime();
    this.lastSampleNanos = startNanos;
    this.lastCpu = pipeline.sampler().cpuSeconds();
  }

  /**
   * Starts a pipeline process and its measuring apparatus.
   *
   * @param name what this pipeline is called in progress lines and reports
   * @param workDir where its data and log go
   * @param tenants regular tenant count
   * @param extra more {@link PipelineProcess} arguments (e.g. {@code streams.PROCESSING_GUARANTEE})
   * @param tracker where webhook arrivals are reported by event id, or null
   */
  public static PipelineRun start(String name, Path workDir, int tenants, Map<String, String> extra,
      ArrivalTracker tracker, Consumer<String> progress) throws Exception {
    String secret = "whsec_" + Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(24));
    SignedWebhookSink webhooks = new SignedWebhookSink(secret, tracker);
    try {
      Map<String, String> arguments = new LinkedHashMap<>();
      arguments.put("tenants", Integer.toString(tenants));
      arguments.put("webhookBase", webhooks.baseUrl());
      arguments.put("webhookSecret", secret);
      arguments.putAll(extra);
      progress.accept(name + ": starting the pipeline process (broker, registry, Streams app, notifier)");
      long t0 = System.nanoTime();
      PipelineHandle pipeline = PipelineHandle.start(workDir, arguments, "3g");
      PipelineRun run = new PipelineRun(name, webhooks, pipeline);
      run.watcher.awaitAssignment(Duration.ofSeconds(60));
      progress.accept(String.format("%s: pipeline ready in %.1f s (pid %d)", name, (System.nanoTime() - t0) / 1e9,
          pipeline.pid()));
      return run;
    } catch (Exception e) {
      webhooks.close();
      throw e;
    }
  }

  /** A load driver on this pipeline's alerts topic, not yet started. */
  public LoadDriver driver(long seed, TrafficMix mix) {
    LoadDriver driver = new LoadDriver(pipeline.bootstrapServers(), registry, PipelineProcess.ALERTS, seed, mix);
    drivers.add(driver);
    return driver;
  }

  /**
   * Runs the load without measuring it until the pipeline has caught up: a quarter, a half and
   * three quarters of {@code perSecond}, each for a third of {@code min} (a cold JVM, with its JIT,
   * RocksDB and connections, falls far behind at full rate), then full rate until the lag has been under half a second of
   * {@code perSecond} for three seconds in a row, at most {@code max} in all. Measuring from a cold
   * start would report the backlog of the first seconds, not the pipeline. Returns whether it
   * caught up.
   *
   * @param rate sets the drivers' rate
   */
  public boolean warmUp(Duration min, Duration max, double perSecond, java.util.function.DoubleConsumer rate,
      Consumer<String> progress) throws InterruptedException {
    long start = System.nanoTime();
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
        return true;
      }
    }
    return false;
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
              + "  p99 delivered %7.1f ms  cpu %.2f cores  rss %,5.0f MiB",
          name, phase, sample.second(), sample.sentPerSecond(), sample.routedPerSecond(), sample.deliveredPerSecond(),
          sample.lag(), sample.routedP99(), sample.deliveredP99(), sample.cpuCores(), sample.rssMiB()));
      if (!pipeline.alive()) {
        throw new IllegalStateException(name + ": the pipeline process died; see pipeline.log");
      }
    }
    return samples;
  }

  private Sample sample(String phase) {
    long now = System.nanoTime();
    double seconds = (now - lastSampleNanos) / 1e9;
    lastSampleNanos = now;
    long sent = sent();
    long routed = watcher.notifications() + watcher.stormNotifications();
    long delivered = webhooks.deliveries();
    double cpu = pipeline.sampler().cpuSeconds();
    LatencySummary routedLatency = watcher.othersLatency().interval();
    watcher.stormLatency().interval();
    LatencySummary deliveredLatency = webhooks.othersLatency().interval();
    webhooks.stormLatency().interval();
    Sample sample = new Sample(Math.round((now - startNanos) / 1e8) / 10.0, phase, (sent - lastSent) / seconds,
        (routed - lastRouted) / seconds, (delivered - lastDelivered) / seconds, backlog(), routedLatency.p50(),
        routedLatency.p99(), deliveredLatency.p99(), (cpu - lastCpu) / seconds, pipeline.sampler().rssMiB());
    lastSent = sent;
    lastRouted = routed;
    lastDelivered = delivered;
    lastCpu = cpu;
    timeline.add(sample);
    return sample;
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

  /** Checks that every alert sent ended in exactly one outcome (call after {@link #drain}). */
  public Accounting accounting() throws Exception {
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
    return Accounting.check(sent, acked, failed, poison, probe.outcomes(pipeline.streamsOps()), watcher.deadLetters(),
        webhooks.badSignatures());
  }

  /**
   * Alerts the broker acknowledged that the Streams app has not processed yet (its outcome
   * counters), or -1 when its metrics cannot be read. Unlike the committed-offset lag this does
   * not depend on the commit interval (30 s under at_least_once).
   */
  private long backlog() {
    try {
      double processed = probe.outcomes(pipeline.streamsOps()).entrySet().stream()
          .filter(e -> !e.getKey().equals("rekeyed")).mapToDouble(Map.Entry::getValue).sum();
      return Math.max(0, drivers.stream().mapToLong(LoadDriver::acked).sum() - Math.round(processed));
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return -1;
    }
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

  public PipelineHandle pipeline() {
    return pipeline;
  }

  public PipelineProbe probe() {
    return probe;
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
    probe.close();
    registry.close();
    pipeline.close();
    webhooks.close();
  }
}
