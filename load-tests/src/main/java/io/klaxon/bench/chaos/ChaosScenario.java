package io.klaxon.bench.chaos;

import io.klaxon.bench.BenchOptions;
import io.klaxon.bench.BenchTenants;
import io.klaxon.bench.LatencySummary;
import io.klaxon.bench.LoadDriver;
import io.klaxon.bench.PipelineRun;
import io.klaxon.bench.WebhookFaults;
import io.klaxon.bench.report.Report;
import io.klaxon.events.TenantConfig;
import io.klaxon.launcher.MetricsScraper;
import io.klaxon.launcher.Part;
import io.klaxon.launcher.PartKind;
import io.klaxon.launcher.TenantPublisher;
import io.klaxon.launcher.parts.StreamsPart;
import io.klaxon.notifier.app.NotifierConfig;
import io.klaxon.serde.SpecificAvroSerializer;
import io.klaxon.streams.app.StreamsSettings;
import io.klaxon.topics.TopicNames;
import io.klaxon.traffic.TrafficKind;
import io.klaxon.traffic.TrafficMix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;

/**
 * The chaos scenarios of {@code ./klaxon chaos}: the pipeline under load, each part its own
 * process, while parts are killed with SIGKILL or its receivers misbehave; then the {@link
 * Verifier} reads every topic and what the receivers got and proves that nothing was lost or
 * doubled. Every kill is timed until the flow is back ({@link FlowBack}).
 *
 * <ul>
 *   <li>{@code streams-kill}: two Streams instances; one of them, at random, killed at random moments
 *       and restarted at once; the next kill comes only once the group is whole again, every local
 *       copy of state caught up ({@link #STATE_CAUGHT_UP_METRIC}): a kill while the survivor still
 *       restores would be a second fault within the first;
 *   <li>{@code notifier-kill}: two notifiers; one killed at random moments while it delivers, and restarted;
 *   <li>{@code sink-faults}: some tenants' webhooks answer 429 with Retry-After, 503, stall mid-body,
 *       or ask for a wait of 99999999999 s, for a while; meanwhile the Slack stand-in answers every
 *       posting 429 with a Retry-After (a posting that comes back sooner is a violation) and the SMTP
 *       server is down (5 minutes in a full run, past the retry budget); the other tenants' webhook
 *       latency before and during;
 *   <li>{@code broker-restart}: the broker (one KRaft node, its data directory kept) killed at random
 *       moments and started again at once; the flow is timed on the Streams app's input;
 *   <li>{@code poison}: the traffic's 1% of poison, eleven kinds, for a while; every poison record must
 *       be dead-lettered with the reason its kind calls for, and no stream thread may fail;
 *   <li>{@code registry-outage}: the schema registry killed for a while under load, and the Streams
 *       instance restarted during the outage (so it starts with empty caches); nothing may be
 *       dead-lettered for the outage, and the flow is timed from the registry's return.
 * </ul>
 */
public final class ChaosScenario {
  public static final List<String> SCENARIOS = List.of("streams-kill", "notifier-kill", "sink-faults", "broker-restart",
      "poison", "registry-outage");
  /** The tenants of {@code sink-faults} whose CRITICAL alerts also go to Slack and email (their webhooks work). */
  private static final Set<String> CHANNEL_TENANTS = Set.of("tenant-008", "tenant-009");
  /** What the Streams app logs when a stream thread fails and is replaced. */
  static final String THREAD_REPLACED = "Stream thread failed; replacing it";
  /**
   * The first kill waits until the group keeps up: what is sent is committed within this. Under
   * exactly-once the Streams app commits every 100 ms, and the notifier once its deliveries are durable.
   */
  static final Duration KEEPING_UP = Duration.ofSeconds(2);
  /**
   * What each Streams instance says of its local state: the changelog partitions it restores, or
   * follows with a standby copy not caught up yet.
   */
  static final String STATE_CAUGHT_UP_METRIC = "klaxon_streams_state_restoring";

  private final String scenario;
  private final BenchOptions options;
  private final Report report;
  private final Consumer<String> progress;
  private final Random random;
  private long startNanos;
  private Integer killsOverride;
  /** The Slack and email receivers of {@code sink-faults}; null in the other scenarios. */
  private ChannelSinks channels;

  public ChaosScenario(String scenario, BenchOptions options, Report report, Consumer<String> progress) {
    if (!SCENARIOS.contains(scenario)) {
      throw new IllegalArgumentException("unknown chaos scenario '" + scenario + "' (available: "
          + String.join(", ", SCENARIOS) + ")");
    }
    this.scenario = scenario;
    this.options = options;
    this.report = report;
    this.progress = progress;
    this.random = new Random(options.seed());
  }

  /** Kills this many times instead of the scenario's count (null: the scenario's). */
  public ChaosScenario kills(Integer count) {
    if (count != null && count < 1) {
      throw new IllegalArgumentException("--kills must be at least 1, not " + count);
    }
    killsOverride = count;
    return this;
  }

  /** Runs the scenario and writes its figures into the report; returns the verifier's verdict. */
  public Verifier.Verdict run() throws Exception {
    boolean quick = options.quick();
    int streams = scenario.equals("streams-kill") ? 2 : 1;
    int notifiers = scenario.equals("notifier-kill") ? 2 : 1;
    double rate = options.rateOverride() != null ? options.rateOverride()
        : scenario.equals("streams-kill") ? (quick ? 200 : 5000) : (quick ? 200 : 2000);
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("streams.PROCESSING_GUARANTEE", options.guarantee());
    if (scenario.equals("sink-faults")) {
      // A retry budget a run can see the end of; timeouts short enough to show the stall's bound.
      settings.put("notifier.WEBHOOK_TIMEOUT", "2s");
      settings.put("notifier.RETRY_MAX", "5s");
      settings.put("notifier.RETRY_MAX_ELAPSED", quick ? "45s" : "2m");
      settings.put("notifier.RETRY_AFTER_MAX", "30s");
    }
    // sink-faults: Slack and email receivers in the harness, for some tenants' CRITICAL alerts.
    Set<String> channelTenants = scenario.equals("sink-faults") ? CHANNEL_TENANTS : Set.of();
    channels = channelTenants.isEmpty() ? null : ChannelSinks.start();
    if (channels != null) {
      settings.putAll(channels.notifierSettings());
    }
    settings.putAll(options.pipelineSettings());
    settings.forEach(report::setting);
    report.setting("scenario", scenario).setting("rate (alerts/s)", rate).setting("tenants", options.tenants())
        .setting("Streams instances", streams).setting("notifiers", notifiers).setting("seed", options.seed());

    try (PipelineRun run = PipelineRun.start("klaxon", report.dir().resolve("pipeline"), options.tenants(), settings,
        null, progress, streams, notifiers, tenants -> ChannelSinks.withTargets(tenants, channelTenants));
        FlowBack flow = new FlowBack(run.bootstrapServers())) {
      LoadDriver driver = run.driver(options.seed(), BenchTenants.typicalMix(options.tenants()));
      driver.start(rate);
      long start = System.nanoTime();
      startNanos = start;
      sleepReporting(run, Duration.ofSeconds(quick ? 8 : 20), "warm-up");
      switch (scenario) {
        case "streams-kill" -> kills(run, flow, List.of("streams-1", "streams-2"), killCount(quick ? 3 : 20),
            streamsGroup(),
            TopicNames.DEFAULTS.alerts(), quick);
        case "notifier-kill" -> kills(run, flow, List.of("notifier-1", "notifier-2"), killCount(quick ? 3 : 10),
            notifierGroup(),
            TopicNames.DEFAULTS.notifications(), quick);
        case "sink-faults" -> sinkFaults(run, flow, quick);
        case "poison" -> sleepReporting(run, Duration.ofSeconds(quick ? 30 : 120), "poison");
        case "registry-outage" -> registryOutage(run, flow, Duration.ofSeconds(quick ? 40 : 120), quick);
        case "broker-restart" -> kills(run, flow, List.of("broker"), killCount(quick ? 2 : 5),
            streamsGroup(),
            TopicNames.DEFAULTS.alerts(), quick);
        default -> throw new IllegalStateException(scenario);
      }
      report.figures("load", Map.of("load time (s)", Math.round((System.nanoTime() - start) / 1e8) / 10.0,
          "alerts sent", driver.sent(), "alerts acknowledged", driver.acked(), "send failures", driver.failed()));
      run.webhooks().faults(WebhookFaults.NONE);
      progress.accept("load stopped; draining");
      run.drain(Duration.ofMinutes(quick ? 2 : 5), progress);
      awaitDeliveries(run, flow, Duration.ofSeconds(scenario.equals("sink-faults") ? (quick ? 90 : 180) : 60));
      if (scenario.equals("streams-kill") || scenario.equals("registry-outage")) {
        // The Streams app's counters start again at zero with each restart: they cannot add up.
        report.note("No accounting from the Streams app's metrics: its counters start again at zero with each"
            + " restart of an instance. The verifier below accounts for every input from the topics.");
      } else {
        report.accounting("klaxon", run.accounting());
      }
      report.timeline("klaxon", run.timeline());

      progress.accept("verifying: reading every topic read_committed");
      Supplier<Map<String, Integer>> arrivals = () -> {
        Map<String, Integer> all = new HashMap<>(run.webhooks().arrivals());
        if (channels != null) {
          channels.arrivals().forEach((id, count) -> all.merge(id, count, Integer::sum));
        }
        return all;
      };
      Verifier.Verdict verdict = Verifier.verify(new ChaosTopics(run.bootstrapServers(), run.registry(),
          TopicNames.DEFAULTS).facts(run.drivers().stream().mapToLong(LoadDriver::acked).sum(), arrivals));
      if (channels != null) {
        report.figures("channel deliveries", Map.of("Slack messages received", channels.slackMessages(),
            "emails received", channels.emails()));
      }
      if (scenario.equals("registry-outage")) {
        long lateDelivered = run.webhooks().deliveries(BenchTenants.LATE_TENANT);
        report.figures("tenant created during the outage", Map.of("tenant", BenchTenants.LATE_TENANT,
            "notifications delivered to its webhook", lateDelivered));
        if (lateDelivered == 0) {
          verdict = verdict.with("tenant-not-updated", "the tenant " + BenchTenants.LATE_TENANT + " published during the"
              + " outage got no notification: its alerts were not routed with its configuration");
        }
      }
      if (channels != null && channels.slackEarlyRetries() > 0) {
        verdict = verdict.with("retry-after-not-honoured", channels.slackEarlyRetries()
            + " Slack posting(s) came back to a channel sooner than its 429's Retry-After");
      }
      long replaced = threadReplacements(run, streams);
      if (scenario.equals("poison")) {
        Map<String, Object> poison = new LinkedHashMap<>();
        for (TrafficKind kind : TrafficKind.values()) {
          if (kind.poison()) {
            poison.put(kind.name() + " sent (expected " + kind.expectedReason() + ")", driver.sent(kind));
          }
        }
        poison.put("stream threads that failed", replaced);
        report.figures("poison", poison);
        if (replaced > 0) {
          verdict = verdict.with("thread-failed", replaced + " stream thread(s) failed and were replaced (see the"
              + " Streams app's log: " + THREAD_REPLACED + ")");
        }
      }
      report.figures("verifier", verdict.counts());
      report.data("violations", verdict.violations());
      for (String violation : verdict.violations()) {
        report.note("VIOLATION " + violation);
      }
      progress.accept("verifier: " + verdict.counts());
      verdict.violations().forEach(v -> progress.accept("VIOLATION " + v));
      return verdict;
    } finally {
      if (channels != null) {
        channels.close();
      }
    }
  }

  /** Lines saying a stream thread failed, in the logs of the Streams instances (restarts included). */
  private static long threadReplacements(PipelineRun run, int instances) throws IOException {
    long count = 0;
    for (int i = 1; i <= instances; i++) {
      Path log = run.launcher().deployment().logFile("streams-" + i);
      if (Files.exists(log)) {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
          count += lines.filter(line -> line.contains(THREAD_REPLACED)).count();
        }
      }
    }
    return count;
  }

  /**
   * The victims that own partitions of {@code topic} now. A restarted Streams instance gets its tasks
   * back only once it has restored their state, so killing it before then interrupts nothing: such
   * kills would be counted as instant recoveries. Streams instances are told apart by the process id
   * Kafka Streams keeps in their state directories; other parts (and a lookup that fails) leave the
   * choice among all victims.
   */
  private static List<String> owning(PipelineRun run, FlowBack flow, List<String> victims, String group, String topic)
      throws InterruptedException {
    try {
      Set<String> owners = flow.owners(group, topic);
      List<String> out = new ArrayList<>();
      for (String victim : victims) {
        Part part = run.launcher().deployment().part(victim);
        String processId = part.kind() == PartKind.STREAMS ? StreamsPart.processId(part.env()) : null;
        if (processId != null && owners.stream().anyMatch(clientId -> clientId.contains(processId))) {
          out.add(victim);
        }
      }
      return out.isEmpty() ? victims : out;
    } catch (ExecutionException | RuntimeException e) {
      return victims;
    }
  }

  /** The median; of an even count, the mean of the middle two. */
  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  private int killCount(int scenarioDefault) {
    return killsOverride != null ? killsOverride : scenarioDefault;
  }

  private void kills(PipelineRun run, FlowBack flow, List<String> victims, int count, String group, String topic,
      boolean quick) throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    List<Double> backs = new ArrayList<>();
    List<Double> resumes = new ArrayList<>();
    ExecutorService restarts = Executors.newVirtualThreadPerTaskExecutor();
    // Kills are timed from a pipeline that keeps up: first let it work off what piled up while its
    // parts started (and, on a new build, trained their caches), until what is sent is committed
    // within KEEPING_UP.
    long caughtUpFrom = System.nanoTime();
    double caughtUp = flow.awaitKeepingUp(group, topic, KEEPING_UP, caughtUpFrom, Duration.ofMinutes(quick ? 2 : 3));
    progress.accept(caughtUp < 0
        ? String.format(Locale.ROOT, "%s did not keep up with the load within the wait; killing anyway", group)
        : String.format(Locale.ROOT, "%s keeps up with the load (what is sent is committed within %d s) after %.1f s",
            group, KEEPING_UP.toSeconds(), caughtUp));
    boolean streamsKill = victims.stream().allMatch(victim -> victim.startsWith("streams-"));
    List<Double> wholes = new ArrayList<>();
    try {
      for (int i = 1; i <= count; i++) {
        double gap = (quick ? 2 : 3) + random.nextDouble() * (quick ? 4 : 8);
        sleepReporting(run, Duration.ofMillis(Math.round(gap * 1000)), "steady");
        List<String> owning = owning(run, flow, victims, group, topic);
        String victim = owning.get(random.nextInt(owning.size()));
        Map<TopicPartition, Long> mark = flow.mark(topic);
        Map<TopicPartition, Long> committed = flow.committed(group, mark.keySet());
        long backlog = FlowBack.behind(mark, committed);
        long killedAt = System.nanoTime();
        run.launcher().kill(victim);
        progress.accept(String.format(Locale.ROOT, "kill %d/%d: SIGKILL %s; restarting it", i, count, victim));
        Future<Double> restarted = restarts.submit(() -> {
          run.launcher().start(victim);
          return (System.nanoTime() - killedAt) / 1e9;
        });
        Map<TopicPartition, FlowBack.Times> each = flow.awaitEach(group, mark, committed, killedAt,
            Duration.ofMinutes(quick ? 2 : 3));
        double back = FlowBack.latest(each, FlowBack.Times::reached);
        double resumed = FlowBack.latest(each, FlowBack.Times::resumed);
        double ready = restarted.get();
        double whole = streamsKill ? awaitStateCaughtUp(run, victims, killedAt, Duration.ofMinutes(quick ? 2 : 3)) : -1;
        if (streamsKill) {
          wholes.add(whole < 0 ? Double.POSITIVE_INFINITY : whole);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("kill", i);
        row.put("part", victim);
        row.put("at (s)", Math.round((killedAt - startNanos) / 1e8) / 10.0);
        row.put("backlog at the kill (records)", backlog);
        row.put("time to resume (s)", round(resumed));
        row.put("time to flow back (s)", round(back));
        row.put("restarted and ready after (s)", round(ready));
        if (streamsKill) {
          row.put("every local copy of state caught up after (s)", whole < 0 ? "not within the wait" : round(whole));
        }
        row.put("by partition, resumed/back (s)", each.entrySet().stream()
            .map(e -> String.format(Locale.ROOT, "%d: %.1f/%.1f", e.getKey().partition(), e.getValue().resumed(),
                e.getValue().reached()))
            .collect(Collectors.joining(", ")));
        rows.add(row);
        backs.add(back < 0 ? Double.POSITIVE_INFINITY : back);
        resumes.add(resumed < 0 ? Double.POSITIVE_INFINITY : resumed);
        progress.accept(String.format(Locale.ROOT, "kill %d/%d: %s moving again after %.1f s, flow back after %.1f s"
            + " (everything before the kill committed by %s; by partition resumed/back %s), %s ready again after %.1f s%s",
            i, count, topic, resumed, back, group, row.get("by partition, resumed/back (s)"), victim, ready,
            streamsKill ? String.format(Locale.ROOT, ", state caught up on every instance after %s s",
                row.get("every local copy of state caught up after (s)")) : ""));
      }
    } finally {
      restarts.shutdown();
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("keeping up (what is sent committed within " + KEEPING_UP.toSeconds() + " s) before the first kill"
        + " after (s)", caughtUp < 0 ? "not within the wait" : round(caughtUp));
    figures.put("kills", count);
    figures.put("killed", String.join(", ", victims) + " (one at a time, at random among those owning partitions of "
        + topic + ")");
    figures.put("time to resume (every partition moving again), median (s)", seconds(median(resumes)));
    figures.put("time to resume, max (s)", seconds(resumes.stream().max(Double::compare).orElseThrow()));
    figures.put("time to flow back, median (s)", seconds(median(backs)));
    figures.put("time to flow back, max (s)", seconds(backs.stream().max(Double::compare).orElseThrow()));
    figures.put("time to flow back never reached (kills)", backs.stream().filter(b -> b.isInfinite()).count());
    figures.put("kills flowing back within 15 s", backs.stream().filter(b -> b <= 15).count());
    if (streamsKill) {
      figures.put("every local copy of state caught up (the next kill waits for it), median after the kill (s)",
          seconds(median(wholes)));
      figures.put("every local copy of state caught up, max after the kill (s)",
          seconds(wholes.stream().max(Double::compare).orElseThrow()));
    }
    report.figures("kills", figures);
    report.data("kills", rows);
    for (Map<String, Object> row : rows) {
      report.note("kill " + row.get("kill") + ": " + row.get("part") + " with " + row.get("backlog at the kill (records)")
          + " records not yet committed, moving again after " + row.get("time to resume (s)") + " s, flow back after "
          + row.get("time to flow back (s)")
          + " s (by partition, moving again/back: " + row.get("by partition, resumed/back (s)") + "), ready again after "
          + row.get("restarted and ready after (s)") + " s"
          + (streamsKill ? ", state caught up on every instance after " + row.get("every local copy of state caught up after (s)")
              + " s" : ""));
    }
  }

  /**
   * Waits until every Streams instance among {@code parts} says all its local copies of state are
   * caught up ({@link #STATE_CAUGHT_UP_METRIC} 0 on two reads a second apart: a standby copy counts
   * from its first batch). Returns the seconds since {@code since}, or -1 when {@code limit} passed first.
   */
  private double awaitStateCaughtUp(PipelineRun run, List<String> parts, long since, Duration limit)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    int zeroReads = 0;
    try (MetricsScraper scraper = new MetricsScraper()) {
      while (System.nanoTime() < deadline) {
        zeroReads = restoringNowhere(run, parts, scraper) ? zeroReads + 1 : 0;
        if (zeroReads == 2) {
          return (System.nanoTime() - since) / 1e9;
        }
        Thread.sleep(1000);
      }
    }
    return -1;
  }

  private static boolean restoringNowhere(PipelineRun run, List<String> parts, MetricsScraper scraper)
      throws InterruptedException {
    for (String part : parts) {
      try {
        String metrics = run.launcher().deployment().part(part).health().resolve("/metrics").toString();
        Map<String, Double> restoring = scraper.sumBy(metrics, STATE_CAUGHT_UP_METRIC, "", Map.of());
        // No such series: the instance is starting, or predates the metric.
        if (restoring.isEmpty() || restoring.values().stream().mapToDouble(Double::doubleValue).sum() > 0) {
          return false;
        }
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  /**
   * Kills the registry for {@code outage}; 10 s into it, publishes a new tenant ({@link
   * BenchTenants#LATE_TENANT}) with a serializer that knows its schema id from before, as a
   * producer's cached serializer does; 25 s before the registry comes back, kills the Streams
   * instance and starts it again, so it starts without the registry and with empty caches; then
   * starts the registry, sends the new tenant's alerts from then on, and times the flow from its
   * return. None of the new tenant's alerts may be dead-lettered (the verifier fails any valid input
   * that is), and its notifications must arrive.
   */
  private void registryOutage(PipelineRun run, FlowBack flow, Duration outage, boolean quick) throws Exception {
    String group = streamsGroup();
    String topic = TopicNames.DEFAULTS.alerts();
    double caughtUp = flow.await(group, flow.mark(topic), System.nanoTime(), Duration.ofMinutes(quick ? 2 : 3));
    progress.accept(String.format(Locale.ROOT, "%s caught up with the load after %.1f s", group, caughtUp));
    sleepReporting(run, Duration.ofSeconds(5), "steady");
    TenantConfig late = BenchTenants.lateTenant(run.webhooks().baseUrl());
    // The producer of tenant updates knows the schema id from before the outage (a cached serializer).
    SpecificAvroSerializer<TenantConfig> tenantSerializer = new SpecificAvroSerializer<>(run.registry(), false, true);
    var unused = tenantSerializer.serialize(TopicNames.DEFAULTS.tenants(), late);
    long downAt = System.nanoTime();
    run.launcher().kill("registry");
    progress.accept("SIGKILL registry; it stays down for " + outage.toSeconds() + " s");
    Duration lateAfter = Duration.ofSeconds(10);
    sleepReporting(run, lateAfter, "outage");
    TenantPublisher.publish(run.bootstrapServers(), TopicNames.DEFAULTS.tenants(), tenantSerializer, List.of(late));
    progress.accept("published the new tenant " + late.getTenantId() + " while the registry is down");
    Duration beforeRestart = outage.minusSeconds(25).minus(lateAfter);
    sleepReporting(run, beforeRestart, "outage");
    run.launcher().kill("streams-1");
    progress.accept("SIGKILL streams-1 while the registry is down; starting it again");
    ExecutorService starts = Executors.newVirtualThreadPerTaskExecutor();
    try {
      Future<Double> streamsReady = starts.submit(() -> {
        long from = System.nanoTime();
        run.launcher().start("streams-1");
        return (System.nanoTime() - from) / 1e9;
      });
      sleepReporting(run, Duration.ofSeconds(25), "outage");
      Map<TopicPartition, Long> mark = flow.mark(topic);
      long backlog = FlowBack.behind(mark, flow.committed(group, mark.keySet()));
      long upAt = System.nanoTime();
      run.launcher().start("registry");
      double registryReady = (System.nanoTime() - upAt) / 1e9;
      progress.accept(String.format(Locale.ROOT, "registry back after %.1f s down, ready in %.1f s",
          (upAt - downAt) / 1e9, registryReady));
      LoadDriver lateDriver = run.driver(options.seed() + 1, TrafficMix.typical(List.of(BenchTenants.lateProfile())));
      lateDriver.start(quick ? 20 : 50);
      double back = flow.await(group, mark, upAt, Duration.ofMinutes(quick ? 2 : 3));
      sleepReporting(run, Duration.ofSeconds(10), "after");
      lateDriver.stop();
      double streams = streamsReady.get();
      progress.accept(String.format(Locale.ROOT, "%s flow back %.1f s after the registry's return; streams-1 was"
          + " ready %.1f s after its start", topic, back, streams));
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("caught up before the outage after (s)", round(caughtUp));
      figures.put("registry down (s)", round((upAt - downAt) / 1e9));
      figures.put("Streams instance restarted during the outage, before the registry's return (s)", 25);
      figures.put("backlog at the registry's return (records)", backlog);
      figures.put("registry ready after its start (s)", round(registryReady));
      figures.put("time to flow back after the registry's return (s)", round(back));
      figures.put("streams-1 ready after its start (s)", round(streams));
      figures.put("new tenant published during the outage, after (s)", lateAfter.toSeconds());
      figures.put("its alerts sent after the registry's return", lateDriver.acked());
      report.figures("registry outage", figures);
    } finally {
      starts.shutdown();
    }
  }

  private void sinkFaults(PipelineRun run, FlowBack flow, boolean quick) throws Exception {
    Map<String, WebhookFaults.Fault> faults = new LinkedHashMap<>();
    // ENTERPRISE and PROFESSIONAL tenants (every alert of theirs reaches the receiver), one fault each.
    faults.put("tenant-000", new WebhookFaults.Status(429, "3"));
    faults.put("tenant-001", new WebhookFaults.Status(503, null));
    faults.put("tenant-004", new WebhookFaults.StallMidBody(Duration.ofSeconds(60)));
    faults.put("tenant-005", new WebhookFaults.Status(429, "99999999999"));
    run.webhooks().affected(faults.keySet());
    Map<String, Object> plan = new LinkedHashMap<>();
    faults.forEach((tenant, fault) -> plan.put(tenant, fault.describe()));
    report.figures("faults", plan);

    // The latency "before" is the pipeline's steady state, not the catching up of its first seconds.
    Duration catchUp = Duration.ofMinutes(quick ? 2 : 3);
    String streamsGroup = streamsGroup();
    String notifierGroup = notifierGroup();
    double streamsCaughtUp = flow.await(streamsGroup, flow.mark(TopicNames.DEFAULTS.alerts()), System.nanoTime(), catchUp);
    double notifierCaughtUp = flow.await(notifierGroup, flow.mark(TopicNames.DEFAULTS.notifications()), System.nanoTime(), catchUp);
    progress.accept(String.format(Locale.ROOT, "caught up with the load: %s after %.1f s, then %s after %.1f s",
        streamsGroup, streamsCaughtUp, notifierGroup, notifierCaughtUp));
    run.webhooks().unaffectedLatency().endPhase();
    sleepReporting(run, Duration.ofSeconds(quick ? 15 : 60), "before");
    LatencySummary before = run.webhooks().unaffectedLatency().endPhase();
    run.webhooks().faults(WebhookFaults.of(faults));
    long stormSeconds = quick ? 5 : 20;
    channels.slackStorm(stormSeconds);
    long smtpDownAt = System.nanoTime();
    channels.smtpDown();
    progress.accept("faults on: " + plan + "; Slack answers 429 with Retry-After: " + stormSeconds + "; SMTP down");
    Duration faultsFor = Duration.ofSeconds(quick ? 30 : 120);
    sleepReporting(run, faultsFor, "faults");
    LatencySummary during = run.webhooks().unaffectedLatency().endPhase();
    run.webhooks().faults(WebhookFaults.NONE);
    channels.slackStorm(0);
    progress.accept("webhook faults and Slack storm off after " + run.webhooks().faultsAnswered()
        + " faulty webhook answers and " + channels.slackRefused() + " Slack 429s");
    // SMTP stays down for 5 minutes in a full run: past the retry budget, so some emails are dead-lettered.
    Duration smtpDown = Duration.ofSeconds(quick ? 30 : 300);
    if (smtpDown.compareTo(faultsFor) > 0) {
      sleepReporting(run, smtpDown.minus(faultsFor), "smtp-down");
    }
    channels.smtpUp();
    double smtpDownSeconds = (System.nanoTime() - smtpDownAt) / 1e9;
    progress.accept(String.format(Locale.ROOT, "SMTP back after %.0f s", smtpDownSeconds));
    Map<String, Object> channelFigures = new LinkedHashMap<>();
    channelFigures.put("tenants with Slack and email targets (CRITICAL alerts)", String.join(", ", CHANNEL_TENANTS.stream().sorted().toList()));
    channelFigures.put("Slack 429 storm (s)", faultsFor.toSeconds());
    channelFigures.put("Slack Retry-After (s)", stormSeconds);
    channelFigures.put("Slack postings answered 429", channels.slackRefused());
    channelFigures.put("Slack postings sooner than their 429's Retry-After", channels.slackEarlyRetries());
    channelFigures.put("SMTP down (s)", Math.round(smtpDownSeconds));
    report.figures("channel faults", channelFigures);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("Streams app caught up with the load before the faults after (s)", seconds(streamsCaughtUp));
    figures.put("notifier caught up with the load before the faults after (s)", seconds(notifierCaughtUp));
    figures.put("faulty answers", run.webhooks().faultsAnswered());
    figures.put("other tenants' deliveries before", before.count());
    figures.put("other tenants' p50 before (ms)", round(before.p50()));
    figures.put("other tenants' p99 before (ms)", round(before.p99()));
    figures.put("other tenants' deliveries during", during.count());
    figures.put("other tenants' p50 during (ms)", round(during.p50()));
    figures.put("other tenants' p99 during (ms)", round(during.p99()));
    figures.put("p99 during / before", before.p99() == 0 ? "-" : Math.round(during.p99() / before.p99() * 100) / 100.0);
    report.figures("sink faults", figures);
  }

  /** Waits until the notifiers have committed every notification request and the receivers are quiet. */
  private void awaitDeliveries(PipelineRun run, FlowBack flow, Duration timeout) throws Exception {
    String group = notifierGroup();
    Map<TopicPartition, Long> mark = flow.mark(TopicNames.DEFAULTS.notifications());
    long since = System.nanoTime();
    double seconds = flow.await(group, mark, since, timeout);
    long last = -1;
    while (run.webhooks().deliveries() != last) {
      last = run.webhooks().deliveries();
      Thread.sleep(2000);
    }
    progress.accept(seconds < 0
        ? String.format(Locale.ROOT, "notifiers had not committed every request after %d s; %,d deliveries",
            timeout.toSeconds(), run.webhooks().deliveries())
        : String.format(Locale.ROOT, "notifiers committed every request after %.1f s; %,d deliveries",
            seconds, run.webhooks().deliveries()));
  }

  private void sleepReporting(PipelineRun run, Duration duration, String phase) throws InterruptedException {
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end) {
      Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
      progress.accept(String.format(Locale.ROOT, "%-7s sent %,d  delivered %,d  (repeats %,d, faulty answers %,d)",
          phase, run.drivers().stream().mapToLong(LoadDriver::acked).sum(), run.webhooks().deliveries(),
          run.webhooks().repeats(), run.webhooks().faultsAnswered()));
    }
  }

  /** The Streams app's consumer group (its application id) in this run. */
  private String streamsGroup() {
    return options.pipelineSettings().getOrDefault("streams.APPLICATION_ID", StreamsSettings.DEFAULT_APPLICATION_ID);
  }

  /** The notifiers' consumer group in this run. */
  private String notifierGroup() {
    return options.pipelineSettings().getOrDefault("notifier.NOTIFIER_GROUP_ID", NotifierConfig.DEFAULT_GROUP_ID);
  }

  /** Seconds for the report; -1 for a flow that did not come back within the wait. */
  private static double seconds(double value) {
    return Double.isInfinite(value) ? -1 : round(value);
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
