package io.klaxon.bench;

import io.klaxon.bench.report.Report;
import io.klaxon.bench.report.SvgCharts;
import io.klaxon.traffic.TenantProfile;
import io.klaxon.traffic.TrafficMix;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;

/**
 * The end-to-end scenarios that push alerts through the whole pipeline: {@code steady},
 * {@code max}, {@code storm} and {@code eos-vs-alos}. Each starts a pipeline ({@link PipelineRun}), drives it
 * with generated alerts, samples it every second, drains it, and checks the accounting. {@code
 * steady} and {@code eos-vs-alos} then run the skeleton ({@link PipelineRun#startSkeleton}) the same
 * way, unless told not to, for the latency of a bare two-store Streams app at the same rate on the
 * same machine in the same run.
 */
final class LoadScenarios {
  /** How long a pipeline may take to work off its backlog after the load stops. */
  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);
  /** produce → notification topic p99 goals at 10,000 alerts/s (SPEC, performance goals), by guarantee. */
  private static final Map<String, Double> ROUTED_P99_GOAL_MS = Map.of("exactly_once_v2", 150.0, "at_least_once", 20.0);
  private static final String SKELETON_NOTE = "The skeleton (reference) is a Kafka Streams app with two RocksDB stores"
      + " per record, one keyed by tenant, one by tenant and fingerprint, and nothing else, with the Streams app's"
      + " settings (guarantee, commit interval, linger), run after Klaxon with the same alerts at the same rate, on a"
      + " fresh broker. It writes every record it reads to the notifications topic, where the same consumer times it:"
      + " its 'routed' figures are records written, its latency produce → its output. It delivers nothing, so its run"
      + " has neither the notifier nor the harness's webhook receiver on the cores, which Klaxon's has.";

  private final BenchOptions options;
  private final Report report;
  private final Consumer<String> progress;

  LoadScenarios(BenchOptions options, Report report, Consumer<String> progress) {
    this.options = options;
    this.report = report;
    this.progress = progress;
  }

  /** The alert mix of regular tenants: 20% duplicates, 10% resolves, 1% poison. */
  TrafficMix mix() {
    return BenchTenants.typicalMix(options.tenants());
  }

  /** A fixed rate for a duration. */
  void steady() throws Exception {
    double rate = options.rate(10_000, 2_000);
    Duration duration = options.duration(Duration.ofSeconds(60), Duration.ofSeconds(20));
    report.setting("rate (alerts/s)", rate).setting("duration (s)", duration.toSeconds())
        .setting("processing guarantee", options.guarantee());
    Map<String, Object> figures = steadyRun("klaxon", options.guarantee(), rate, duration, samples -> { });
    report.figures("Results", figures);
    if (options.skeletonReference()) {
      Map<String, Object> skeleton = skeletonRun("skeleton", options.guarantee(), rate, duration);
      report.figures("Skeleton at the same rate (reference)", skeleton);
      report.figures("Klaxon ÷ skeleton", againstSkeleton(figures, skeleton, options.guarantee()));
      report.note(SKELETON_NOTE);
      report.chart("steady-against-skeleton.svg", "produce → routed latency, Klaxon and the skeleton at the same rate",
          SvgCharts.barChart("produce → routed latency (ms)", "ms", List.of("p50", "p95", "p99", "p99.9"),
              List.of("Klaxon", "skeleton"), new double[][] {latencies(figures, "routed"), latencies(skeleton, "routed")}));
    }
  }

  /**
   * {@code steady} for an hour: does any process's resident memory keep growing once the run has
   * settled? Reports each process's RSS trend over the second half ({@link MemoryTrend}) and charts
   * RSS over the whole run.
   */
  void soak() throws Exception {
    double rate = options.rate(10_000, 2_000);
    Duration duration = options.duration(Duration.ofHours(1), Duration.ofSeconds(30));
    report.setting("rate (alerts/s)", rate).setting("duration (s)", duration.toSeconds())
        .setting("processing guarantee", options.guarantee())
        .setting("flat means", "the least-squares RSS trend over the second half of the measured run would add less"
            + " than " + MemoryTrend.FLAT_SHARE_PER_HOUR_PERCENT + "% of the process's half-way RSS in an hour");
    List<Sample> measured = new ArrayList<>();
    Map<String, Object> figures = steadyRun("klaxon", options.guarantee(), rate, duration, measured::addAll);
    report.figures("Results", figures);
    Map<String, MemoryTrend.Trend> trends = MemoryTrend.of(measured);
    Map<String, Object> memory = new LinkedHashMap<>();
    trends.forEach((process, trend) -> {
      memory.put(process + ": RSS after warm-up (MiB)", trend.firstMiB());
      memory.put(process + ": RSS half-way (MiB)", trend.halfWayMiB());
      memory.put(process + ": RSS at end (MiB)", trend.lastMiB());
      memory.put(process + ": RSS max (MiB)", trend.maxMiB());
      memory.put(process + ": second-half trend (MiB/hour)", trend.secondHalfMiBPerHour());
      memory.put(process + ": flat", trend.flat());
    });
    memory.put("every pipeline process flat", trends.entrySet().stream()
        .filter(e -> !e.getKey().equals(ProcessTable.HARNESS)).allMatch(e -> e.getValue().flat()));
    report.figures("Memory over the run", memory);
    report.note("Every JVM grows its heap, caches and buffers for minutes after it starts: a short run (--quick, or"
        + " --duration of a few minutes) shows that growth, not a leak. Flatness is judged on the second half of an"
        + " hour-long run.");
    int every = Math.max(1, measured.size() / 720);
    List<Sample> thinned = new ArrayList<>();
    for (int i = 0; i < measured.size(); i += every) {
      thinned.add(measured.get(i));
    }
    List<SvgCharts.Series> lines = new ArrayList<>();
    trends.keySet().stream().filter(p -> !p.startsWith("pipeline")).forEach(process ->
        lines.add(series(process, thinned, s -> s.rssMiBByProcess().getOrDefault(process, 0.0))));
    report.chart("soak-rss.svg", "resident memory of each process over the measured run", SvgCharts.lineChart(
        "RSS by process", "seconds since start", "MiB", lines));
  }

  /**
   * The same load under exactly_once_v2 and at_least_once, one after the other, each followed by the
   * skeleton under the same guarantee unless told not to.
   */
  void eosVersusAlos() throws Exception {
    double rate = options.rate(10_000, 2_000);
    Duration duration = options.duration(Duration.ofSeconds(60), Duration.ofSeconds(20));
    report.setting("rate (alerts/s)", rate).setting("duration (s) each", duration.toSeconds());
    Map<String, Object> eos = steadyRun("exactly_once_v2", "exactly_once_v2", rate, duration, samples -> { });
    Map<String, Object> eosSkeleton = options.skeletonReference()
        ? skeletonRun("skeleton-exactly_once_v2", "exactly_once_v2", rate, duration) : null;
    Map<String, Object> alos = steadyRun("at_least_once", "at_least_once", rate, duration, samples -> { });
    Map<String, Object> alosSkeleton = options.skeletonReference()
        ? skeletonRun("skeleton-at_least_once", "at_least_once", rate, duration) : null;
    report.figures("exactly_once_v2", eos).figures("at_least_once", alos);
    Map<String, Object> ratios = new LinkedHashMap<>();
    for (String figure : List.of("sent/s", "processed/s", "routed p50 (ms)", "routed p99 (ms)", "delivered p99 (ms)",
        "pipeline CPU (cores)")) {
      ratios.put(figure + " at_least_once ÷ exactly_once_v2", Report.ratio(alos.get(figure), eos.get(figure)));
    }
    report.figures("Comparison", ratios);
    List<String> names = new ArrayList<>(List.of("exactly_once_v2", "at_least_once"));
    List<double[]> bars = new ArrayList<>(List.of(latencies(eos, "routed"), latencies(alos, "routed")));
    if (eosSkeleton != null && alosSkeleton != null) {
      report.figures("Skeleton, exactly_once_v2 (reference)", eosSkeleton)
          .figures("Skeleton, at_least_once (reference)", alosSkeleton)
          .figures("Klaxon ÷ skeleton, exactly_once_v2", againstSkeleton(eos, eosSkeleton, "exactly_once_v2"))
          .figures("Klaxon ÷ skeleton, at_least_once", againstSkeleton(alos, alosSkeleton, "at_least_once"));
      report.note(SKELETON_NOTE);
      names.addAll(List.of("skeleton, exactly_once_v2", "skeleton, at_least_once"));
      bars.addAll(List.of(latencies(eosSkeleton, "routed"), latencies(alosSkeleton, "routed")));
    }
    report.chart("eos-vs-alos-latency.svg", "produce → routed latency by processing guarantee", SvgCharts.barChart(
        "produce → routed latency (ms)", "ms", List.of("p50", "p95", "p99", "p99.9"), names,
        bars.toArray(double[][]::new)));
  }

  /**
   * Klaxon's latency and CPU as multiples of the skeleton's at the same rate, and whether each meets
   * the routed p99 goal of {@code guarantee}.
   */
  static Map<String, Object> againstSkeleton(Map<String, Object> klaxon, Map<String, Object> skeleton,
      String guarantee) {
    Map<String, Object> ratios = new LinkedHashMap<>();
    for (String figure : List.of("routed p50 (ms)", "routed p95 (ms)", "routed p99 (ms)", "routed max (ms)",
        "CPU (cores): broker")) {
      ratios.put(figure + ", Klaxon ÷ skeleton", Report.ratio(klaxon.get(figure), skeleton.get(figure)));
    }
    ratios.put("CPU (cores) of the Streams process, Klaxon ÷ skeleton",
        Report.ratio(klaxon.get("CPU (cores): streams-1"), skeleton.get("CPU (cores): skeleton")));
    Double goal = ROUTED_P99_GOAL_MS.get(guarantee);
    if (goal != null) {
      ratios.put("routed p99 goal (ms)", goal);
      ratios.put("Klaxon meets the goal", ((Number) klaxon.get("routed p99 (ms)")).doubleValue() <= goal);
      ratios.put("the skeleton meets the goal", ((Number) skeleton.get("routed p99 (ms)")).doubleValue() <= goal);
    }
    return ratios;
  }

  /** The skeleton in place of Klaxon, measured as {@link #steadyRun} measures Klaxon; nothing is delivered. */
  private Map<String, Object> skeletonRun(String name, String guarantee, double rate, Duration duration)
      throws Exception {
    try (PipelineRun run = PipelineRun.startSkeleton(name, report.dir().resolve(name), options.tenants(),
        options.pipeline(guarantee), progress)) {
      Map<String, Object> figures = measureSteadily(run, name, rate, duration, samples -> { });
      figures.keySet().removeIf(figure -> figure.contains("delivered") || figure.startsWith("storm tenant"));
      return figures;
    }
  }

  /** One pipeline at a fixed rate; hands the measured phase's samples to {@code measured}. */
  private Map<String, Object> steadyRun(String name, String guarantee, double rate, Duration duration,
      Consumer<List<Sample>> measured) throws Exception {
    try (PipelineRun run = PipelineRun.start(name, report.dir().resolve(name), options.tenants(),
        options.pipeline(guarantee), null, progress, options.streamsInstances(), options.notifiers(),
        UnaryOperator.identity())) {
      return measureSteadily(run, name, rate, duration, measured);
    }
  }

  /** Drives {@code run} at {@code rate}: warm-up, the measured phase, the drain and its end. */
  private Map<String, Object> measureSteadily(PipelineRun run, String name, double rate, Duration duration,
      Consumer<List<Sample>> measured) throws Exception {
    LoadDriver driver = run.driver(options.seed(), mix());
    driver.start(rate);
    PipelineRun.WarmUp warmUp = run.warmUp(options.warmUp(), options.maxWarmUp(), rate, driver::rate, progress);
    Phase phase = Phase.begin(run);
    List<Sample> samples = run.measure("steady", duration, progress);
    measured.accept(samples);
    Map<String, Object> figures = phase.end(run, samples);
    figures.put("target rate (alerts/s)", rate);
    figures.putAll(warmUp.figures());
    figures.put("drain (s)", run.drain(DRAIN_TIMEOUT, progress));
    peakMemory(figures, run);
    finish(run, name);
    return figures;
  }

  /** Rising rates until the pipeline no longer keeps up; reports the highest rate it sustained. */
  void max() throws Exception {
    List<Double> steps = options.quick() ? List.of(1_000.0, 2_000.0, 4_000.0)
        : List.of(1_000.0, 2_000.0, 3_000.0, 4_000.0, 5_000.0, 7_500.0, 10_000.0, 15_000.0, 20_000.0, 30_000.0);
    Duration step = options.duration(Duration.ofSeconds(20), Duration.ofSeconds(10));
    report.setting("rate steps (alerts/s)", steps).setting("step duration (s)", step.toSeconds())
        .setting("processing guarantee", options.guarantee())
        .setting("sustained means", "sent ≥ 95% of the target, processed ≥ 95% of sent, and lag at the end of the step"
            + " below one second of the target rate");
    try (PipelineRun run = PipelineRun.start("klaxon", report.dir().resolve("klaxon"), options.tenants(),
        options.pipeline(options.guarantee()), null, progress, options.streamsInstances(),
        options.notifiers(), UnaryOperator.identity())) {
      LoadDriver driver = run.driver(options.seed(), mix());
      driver.start(steps.getFirst());
      PipelineRun.WarmUp warmUp = run.warmUp(options.warmUp(), options.maxWarmUp(), steps.getFirst(), driver::rate,
          progress);
      report.figures("Warm-up (not measured)", warmUp.figures());
      double best = 0;
      double bestProcessed = 0;
      List<Map<String, Object>> stepFigures = new ArrayList<>();
      for (double rate : steps) {
        driver.rate(rate);
        Phase phase = Phase.begin(run);
        List<Sample> samples = run.measure(String.format("%.0fk/s", rate / 1000), step, progress);
        Map<String, Object> figures = phase.end(run, samples);
        long lagAtEnd = samples.getLast().lag();
        double sent = (double) figures.get("sent/s");
        double processed = (double) figures.get("processed/s");
        boolean sustained = sent >= 0.95 * rate && processed >= 0.95 * sent && lagAtEnd >= 0 && lagAtEnd < rate;
        figures.put("target rate (alerts/s)", rate);
        figures.put("lag at end", lagAtEnd);
        figures.put("sustained", sustained);
        stepFigures.add(figures);
        report.figures(String.format("Step %,.0f alerts/s", rate), figures);
        if (!sustained) {
          break;
        }
        best = rate;
        bestProcessed = processed;
      }
      driver.rate(0);
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("highest sustained target (alerts/s)", best);
      summary.put("processed at that step (alerts/s)", bestProcessed);
      summary.put("highest processed rate seen (alerts/s)",
          stepFigures.stream().mapToDouble(f -> (double) f.get("processed/s")).max().orElse(0));
      summary.put("drain (s)", run.drain(DRAIN_TIMEOUT, progress));
      peakMemory(summary, run);
      report.figures("Results", summary);
      finish(run, "klaxon");
    }
  }

  /** One tenant at ten times its quota: how much do the other tenants notice? */
  void storm() throws Exception {
    double base = options.rate(1_000, 500);
    double stormRate = 10.0 * BenchTenants.STORM_PER_SECOND;
    Duration phaseLength = options.duration(Duration.ofSeconds(40), Duration.ofSeconds(15));
    report.setting("other tenants' rate (alerts/s)", base)
        .setting("storm tenant's quota (alerts/s)", BenchTenants.STORM_PER_SECOND)
        .setting("storm tenant's rate (alerts/s)", stormRate)
        .setting("phase duration (s)", phaseLength.toSeconds())
        .setting("processing guarantee", options.guarantee());
    try (PipelineRun run = PipelineRun.start("klaxon", report.dir().resolve("klaxon"), options.tenants(),
        options.pipeline(options.guarantee()), null, progress, options.streamsInstances(),
        options.notifiers(), UnaryOperator.identity())) {
      LoadDriver others = run.driver(options.seed(), mix());
      TenantProfile storm = BenchTenants.stormProfile();
      LoadDriver stormDriver = run.driver(options.seed() + 1,
          new TrafficMix(List.of(storm), 0.0, 0.05, 0.0, TrafficMix.typicalSeverities(), null, 0, 200));
      others.start(base);
      report.figures("Warm-up (not measured)", run.warmUp(options.warmUp(), options.maxWarmUp(), base, others::rate,
          progress).figures());
      Phase baselinePhase = Phase.begin(run);
      Map<String, Object> baseline = baselinePhase.end(run, run.measure("baseline", phaseLength, progress));
      double stormLimitedBefore = stormRateLimited(run);
      stormDriver.start(stormRate);
      Phase stormPhase = Phase.begin(run);
      Map<String, Object> during = stormPhase.end(run, run.measure("storm", phaseLength, progress));
      during.put("storm tenant sent/s", (double) stormDriver.sent() / phaseLength.toSeconds());
      during.put("storm tenant rate-limited", stormRateLimited(run) - stormLimitedBefore);
      report.figures("Baseline (other tenants only)", baseline).figures("Storm", during);
      Map<String, Object> change = new LinkedHashMap<>();
      for (String figure : List.of("routed p50 (ms)", "routed p99 (ms)", "delivered p99 (ms)",
          "other tenants' routed/s", "other tenants' delivered/s")) {
        change.put(figure + " change (%)", percentChange(baseline.get(figure), during.get(figure)));
      }
      change.put("drain (s)", run.drain(DRAIN_TIMEOUT, progress));
      peakMemory(change, run);
      report.figures("Effect on the other tenants", change);
      report.note("The other tenants send the same rate in both phases. Their routed and delivered counts also"
          + " drift without a storm: the generator draws alert identities from a finite set, so as a run goes on a"
          + " larger share of new alerts repeats one still inside its dedup window and is deduplicated.");
      report.chart("storm-other-tenants.svg", "other tenants before and during the storm", SvgCharts.barChart(
          "Other tenants: produce → routed latency (ms)", "ms", List.of("p50", "p95", "p99"),
          List.of("baseline", "storm"), new double[][] {
              java.util.Arrays.copyOf(latencies(baseline, "routed"), 3),
              java.util.Arrays.copyOf(latencies(during, "routed"), 3)}));
      finish(run, "klaxon");
    }
  }

  private static double stormRateLimited(PipelineRun run) throws Exception {
    return run.metrics().streams("klaxon_streams_tenant_outcomes_total", "outcome",
        Map.of("tenant", BenchTenants.STORM_TENANT)).getOrDefault("rate_limited", 0.0);
  }

  /** Peak resident memory of the pipeline's processes together and of each process (the harness too). */
  private static void peakMemory(Map<String, Object> figures, PipelineRun run) {
    Map<String, Double> peaks = run.peakRssMiB();
    figures.put("pipeline peak RSS (MiB)", Phase.round(ProcessTable.pipelineTotal(peaks)));
    peaks.forEach((process, peak) -> figures.put("peak RSS (MiB): " + process, Phase.round(peak)));
  }

  /** Accounting (not of the skeleton, which has none), the timeline and its charts for one pipeline. */
  private void finish(PipelineRun run, String name) throws Exception {
    if (!run.skeleton()) {
      Accounting accounting = run.accounting();
      progress.accept(name + ": accounting " + (accounting.passed() ? "passed" : "FAILED: " + accounting.problems()));
      report.accounting(name, accounting);
    }
    List<Sample> timeline = run.timeline();
    report.timeline(name, timeline);
    List<SvgCharts.Series> throughput = new ArrayList<>(List.of(series("sent", timeline, Sample::sentPerSecond),
        series(run.skeleton() ? "written" : "routed (notifications)", timeline, Sample::routedPerSecond)));
    List<Sample> measured = timeline.stream().filter(s -> !s.phase().equals("warm-up")).toList();
    List<SvgCharts.Series> latency = new ArrayList<>(List.of(series("routed p50", measured, Sample::routedP50),
        series("routed p99", measured, Sample::routedP99)));
    if (!run.skeleton()) {
      throughput.add(series("delivered (webhooks)", timeline, Sample::deliveredPerSecond));
      latency.add(series("delivered p99", measured, Sample::deliveredP99));
    }
    report.chart(name + "-throughput.svg", name + ": throughput over time", SvgCharts.lineChart(
        name + ": throughput", "seconds", "per second", throughput));
    report.chart(name + "-latency.svg", name + ": latency percentiles over time, after warm-up", SvgCharts.lineChart(
        name + ": latency per second, after warm-up", "seconds since start", "ms", latency));
  }

  static SvgCharts.Series series(String name, List<Sample> samples, ToDoubleFunction<Sample> value) {
    List<double[]> points = new ArrayList<>();
    for (Sample sample : samples) {
      points.add(new double[] {sample.second(), value.applyAsDouble(sample)});
    }
    return new SvgCharts.Series(name, points);
  }

  private static double[] latencies(Map<String, Object> figures, String which) {
    return new double[] {(double) figures.get(which + " p50 (ms)"), (double) figures.get(which + " p95 (ms)"),
        (double) figures.get(which + " p99 (ms)"), (double) figures.get(which + " p99.9 (ms)")};
  }

  private static double percentChange(Object before, Object after) {
    double b = ((Number) before).doubleValue();
    return b == 0 ? Double.NaN : Math.round((((Number) after).doubleValue() - b) / b * 1000) / 10.0;
  }

  /** Counters at the start of a measured phase, and the figures of the phase at its end. */
  private record Phase(long nanos, long sent, long otherRouted, long stormRouted, long delivered, long otherDelivered,
      double processed, Map<String, Double> cpu) {

    static Phase begin(PipelineRun run) throws Exception {
      run.watcher().othersLatency().endPhase();
      run.watcher().stormLatency().endPhase();
      run.webhooks().othersLatency().endPhase();
      run.webhooks().stormLatency().endPhase();
      return new Phase(System.nanoTime(), sent(run), run.watcher().notifications(), run.watcher().stormNotifications(),
          run.webhooks().deliveries(), run.webhooks().othersDeliveries(), run.processed(), run.cpuSeconds());
    }

    Map<String, Object> end(PipelineRun run, List<Sample> samples) throws Exception {
      double seconds = (System.nanoTime() - nanos) / 1e9;
      LatencySummary routedLatency = run.watcher().othersLatency().endPhase();
      LatencySummary deliveredLatency = run.webhooks().othersLatency().endPhase();
      run.watcher().stormLatency().endPhase();
      run.webhooks().stormLatency().endPhase();
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("seconds", Math.round(seconds * 10) / 10.0);
      figures.put("sent/s", round((sent(run) - sent) / seconds));
      figures.put("processed/s", round((run.processed() - processed) / seconds));
      figures.put("other tenants' routed/s", round((run.watcher().notifications() - otherRouted) / seconds));
      figures.put("storm tenant routed/s", round((run.watcher().stormNotifications() - stormRouted) / seconds));
      figures.put("delivered/s", round((run.webhooks().deliveries() - delivered) / seconds));
      figures.put("other tenants' delivered/s", round((run.webhooks().othersDeliveries() - otherDelivered) / seconds));
      put(figures, "routed", routedLatency);
      put(figures, "delivered", deliveredLatency);
      figures.put("max lag", samples.stream().mapToLong(Sample::lag).max().orElse(-1));
      Map<String, Double> cores = ProcessTable.cores(cpu, run.cpuSeconds(), seconds);
      figures.put("pipeline CPU (cores)", Math.round(ProcessTable.pipelineTotal(cores) * 100) / 100.0);
      cores.forEach((process, used) -> figures.put("CPU (cores): " + process, used));
      figures.put("pipeline RSS at end (MiB)", round(ProcessTable.pipelineTotal(run.rssMiB())));
      return figures;
    }

    private static void put(Map<String, Object> figures, String which, LatencySummary latency) {
      figures.put(which + " latency samples", latency.count());
      figures.put(which + " p50 (ms)", latency.p50());
      figures.put(which + " p95 (ms)", latency.p95());
      figures.put(which + " p99 (ms)", latency.p99());
      figures.put(which + " p99.9 (ms)", latency.p999());
      figures.put(which + " max (ms)", latency.max());
    }

    private static long sent(PipelineRun run) {
      return run.drivers().stream().mapToLong(LoadDriver::sent).sum();
    }

    static double round(double value) {
      return Math.round(value * 10) / 10.0;
    }
  }
}
