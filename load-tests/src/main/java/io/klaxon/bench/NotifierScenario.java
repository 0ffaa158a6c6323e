package io.klaxon.bench;

import io.klaxon.bench.reference.LoadGeneratorResult;
import io.klaxon.bench.reference.SmtpLoadGenerator;
import io.klaxon.bench.reference.WebhookLoadGenerator;
import io.klaxon.bench.report.Report;
import io.klaxon.bench.report.SvgCharts;
import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.app.NotifierConfig;
import io.klaxon.ops.Env;
import io.klaxon.sinks.inbox.Capture;
import io.klaxon.sinks.inbox.EmailCapture;
import io.klaxon.sinks.inbox.Inbox;
import io.klaxon.sinks.inbox.InboxChannel;
import io.klaxon.sinks.inbox.InboxEntry;
import io.klaxon.sinks.inbox.InboxQuery;
import io.klaxon.sinks.slack.SlackApiSettings;
import io.klaxon.sinks.slack.SlackApiStandIn;
import io.klaxon.sinks.smtp.SmtpStandIn;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The notifier alone, against the same receivers driven by plain load generators in the same run.
 * Notification requests are written straight to the notifier's input topic (the Streams app idles)
 * and the harness counts what arrives, in phases, one at a time:
 *
 * <ol>
 *   <li>warm-up: webhooks and emails, delivered and not measured;
 *   <li>webhooks: signed webhooks to the bench's webhook receiver ({@link SignedWebhookSink}),
 *       spread over 50 targets; the rate from the first arrival to the last;
 *   <li>the webhook reference: a plain HTTP load generator ({@link WebhookLoadGenerator}) with the
 *       same body, the same signed headers and as many connections as the notifier used, against
 *       the same receiver;
 *   <li>emails to the SMTP stand-in (10 recipients), then the SMTP reference ({@link
 *       SmtpLoadGenerator}: Angus Mail over the notifier's number of SMTP connections, the same
 *       message);
 *   <li>Slack messages to the Slack API stand-in (3 channels), whose arrival times are checked
 *       against the notifier's pace (no window may hold more than burst + pace × its length).
 * </ol>
 *
 * Every phase reports each process's CPU; the run reports each one's peak memory.
 */
final class NotifierScenario {
  private static final double SLACK_PACE = 1.0;
  private static final int SLACK_BURST = 3;
  private static final double WEBHOOK_GOAL = 0.80;
  /** How long a phase may go without a single delivery before the scenario gives up on it. */
  private static final Duration STALL = Duration.ofSeconds(90);

  private final BenchOptions options;
  private final Report report;
  private final Consumer<String> progress;

  NotifierScenario(BenchOptions options, Report report, Consumer<String> progress) {
    this.options = options;
    this.report = report;
    this.progress = progress;
  }

  void run() throws Exception {
    boolean quick = options.quick();
    int warmWebhooks = quick ? 2_000 : 10_000;
    int warmEmails = quick ? 200 : 1_000;
    int webhookCount = quick ? 10_000 : 60_000;
    int emailCount = quick ? 2_000 : 10_000;
    int slackCount = quick ? 24 : 60;
    Duration referenceWarmUp = quick ? Duration.ofSeconds(2) : Duration.ofSeconds(5);
    Duration referenceLength = quick ? Duration.ofSeconds(10) : Duration.ofSeconds(30);
    report.setting("webhook requests", webhookCount).setting("webhook targets", NotifierRequests.WEBHOOK_TARGETS)
        .setting("email requests", emailCount).setting("email targets", NotifierRequests.EMAIL_TARGETS)
        .setting("Slack requests", slackCount).setting("Slack channels", NotifierRequests.SLACK_CHANNELS)
        .setting("Slack pace (messages/s per channel)", SLACK_PACE).setting("Slack burst", SLACK_BURST)
        .setting("notifier settings", "defaults: NOTIFIER_MAX_IN_FLIGHT 200, TENANT_ISOLATION_LEVEL MODERATE,"
            + " TENANT_MAX_IN_FLIGHT 50, TARGET_CONCURRENCY 8 adaptive within 1-256, SMTP_CONNECTIONS 8")
        .setting("warm-up", String.format(Locale.ROOT, "%,d webhooks and %,d emails delivered before measuring; each"
            + " reference generator sends %d s unmeasured first", warmWebhooks, warmEmails,
            referenceWarmUp.toSeconds()))
        .setting("reference runs (s each)", referenceLength.toSeconds())
        .setting("order", "warm-up, Klaxon's webhooks, the HTTP reference, Klaxon's emails, the SMTP reference, Slack;"
            + " one at a time");
    Inbox inbox = new Inbox(emailCount + slackCount + 1_000);
    try (SmtpStandIn smtp = SmtpStandIn.start(0, inbox);
         SlackApiStandIn slack = SlackApiStandIn.start(SlackApiSettings.defaults()
             .withRateLimit(SLACK_PACE, SLACK_BURST), inbox)) {
      Map<String, String> extra = new HashMap<>(options.pipeline(options.guarantee()));
      extra.put("notifier.SLACK_API_URL", slack.methodsUrlPrefix());
      extra.put("notifier.SLACK_BOT_TOKEN", slack.token());
      extra.put("notifier.SMTP_PORT", Integer.toString(smtp.port()));
      extra.put("notifier.SLACK_PACE_PER_SECOND", Double.toString(SLACK_PACE));
      extra.put("notifier.SLACK_PACE_BURST", Integer.toString(SLACK_BURST));
      try (PipelineRun run = PipelineRun.start("notifier", report.dir().resolve("notifier"), 1, extra, null, progress);
           Timeline timeline = new Timeline(run, inbox, progress)) {
        NotifierRequests requests = new NotifierRequests(options.seed(), run.webhooks().baseUrl());
        SignedWebhookSink webhooks = run.webhooks();

        timeline.phase("warm-up");
        long warmStart = System.nanoTime();
        List<NotificationRequest> warm = new ArrayList<>(requests.webhooks("warm", warmWebhooks));
        warm.addAll(requests.emails("warm", warmEmails));
        produce(run, warm);
        awaitUntil("warm-up", () -> webhooks.deliveries() >= warmWebhooks
            && inbox.received(InboxChannel.EMAIL) >= warmEmails, () -> webhooks.deliveries()
            + inbox.received(InboxChannel.EMAIL));
        Map<String, Object> warmUp = new LinkedHashMap<>();
        warmUp.put("webhooks delivered", webhooks.deliveries());
        warmUp.put("emails delivered", inbox.received(InboxChannel.EMAIL));
        warmUp.put("seconds", round((System.nanoTime() - warmStart) / 1e9));
        report.figures("Warm-up (not measured)", warmUp);

        WebhookPhase notifierWebhooks = klaxonWebhooks(run, timeline, requests, webhookCount);
        Map<String, Object> klaxonWebhooks = notifierWebhooks.figures();
        Map<String, Object> referenceWebhooks = referenceWebhooks(run, timeline, notifierWebhooks.arrived(),
            referenceWarmUp, referenceLength);
        long emailsBefore = inbox.received(InboxChannel.EMAIL);
        Map<String, Object> klaxonEmails = klaxonEmails(run, timeline, inbox, requests, emailCount, emailsBefore);
        int smtpConnections = NotifierConfig.from(Env.of(run.launcher().deployment().part("notifier-1").env()))
            .smtpConnections();
        Map<String, Object> referenceEmails = referenceEmails(run, timeline, inbox, smtp, smtpConnections,
            referenceWarmUp, referenceLength);
        Map<String, Object> slackFigures = slackPhase(run, timeline, inbox, requests, slackCount);
        timeline.phase("done");

        report.figures("Webhooks: Klaxon's notifier", klaxonWebhooks)
            .figures("Webhooks: plain HTTP load generator (reference)", referenceWebhooks)
            .figures("Email: Klaxon's notifier", klaxonEmails)
            .figures("Email: plain SMTP client loop (reference)", referenceEmails)
            .figures("Slack", slackFigures);
        Map<String, Object> ratios = new LinkedHashMap<>();
        double webhookShare = Report.ratio(klaxonWebhooks.get("deliveries/s"), referenceWebhooks.get("arrivals/s"));
        ratios.put("webhooks/s, Klaxon ÷ reference (goal ≥ " + WEBHOOK_GOAL + ")", webhookShare);
        ratios.put("webhook goal met", webhookShare >= WEBHOOK_GOAL);
        ratios.put("emails/s, Klaxon ÷ reference", Report.ratio(klaxonEmails.get("emails/s"),
            referenceEmails.get("emails/s")));
        ratios.put("webhooks/s against the goal of 10,000/s", Report.ratio(klaxonWebhooks.get("deliveries/s"), 10_000));
        ratios.put("emails/s against the goal of 500/s", Report.ratio(klaxonEmails.get("emails/s"), 500));
        report.figures("Ratio", ratios);
        Map<String, Object> memory = new LinkedHashMap<>();
        run.peakRssMiB().forEach((process, peak) -> memory.put("peak RSS (MiB): " + process, round(peak)));
        report.figures("Memory", memory);

        report.timeline("notifier", timeline.samples());
        report.chart("notifier-throughput.svg", "deliveries per second, phase after phase", SvgCharts.lineChart(
            "Notifier and references: deliveries per second", "seconds", "per second",
            List.of(LoadScenarios.series("webhooks", timeline.samples(), Sample::deliveredPerSecond),
                LoadScenarios.series("emails", timeline.samples(), Sample::routedPerSecond))));
        report.chart("notifier-vs-reference.svg", "Klaxon's notifier and the plain load generators, same receivers",
            SvgCharts.barChart("Deliveries per second, same receivers", "per second", List.of("webhooks", "emails"),
                List.of("Klaxon's notifier", "plain load generator"), new double[][] {
                    {number(klaxonWebhooks, "deliveries/s"), number(klaxonEmails, "emails/s")},
                    {number(referenceWebhooks, "arrivals/s"), number(referenceEmails, "emails/s")}}));
        report.note("The timeline's routedPerSecond column holds emails per second in this scenario; its phase says"
            + " what ran (the references are phases of their own).");
        report.note("Rates are arrivals at the receiver from the first to the last of a phase. The reference"
            + " generators run in the harness, next to the receivers; the notifier runs in its own process. All"
            + " share the machine's cores.");
      }
    }
  }

  /** What arrived in the webhook phase, and its figures. */
  private record WebhookPhase(Map<String, Object> figures, ArrivalWindow.Snapshot arrived) {}

  private WebhookPhase klaxonWebhooks(PipelineRun run, Timeline timeline, NotifierRequests requests, int count)
      throws InterruptedException {
    timeline.phase("webhooks");
    SignedWebhookSink webhooks = run.webhooks();
    long repeatsBefore = webhooks.repeats();
    ArrivalWindow window = webhooks.startWindow();
    Map<String, Double> cpu = run.cpuSeconds();
    produce(run, requests.webhooks("bench", count));
    awaitUntil("webhooks", () -> window.snapshot().arrivals() >= count, () -> window.snapshot().arrivals());
    ArrivalWindow.Snapshot arrived = window.snapshot();
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("delivered", arrived.arrivals());
    figures.put("repeats (same webhook-id)", webhooks.repeats() - repeatsBefore);
    figures.put("bad signatures", webhooks.badSignatures());
    figures.put("connections used (distinct client ports)", (long) arrived.connections());
    figures.put("mean body bytes", round(arrived.meanBodyBytes()));
    figures.put("seconds from first delivery to last", round(arrived.seconds()));
    figures.put("deliveries/s", round(arrived.perSecond()));
    figures.put("peak deliveries/s (best second)", timeline.best("webhooks", Sample::deliveredPerSecond));
    cpu(figures, cpu, run.cpuSeconds(), arrived.seconds(), arrived.arrivals(), "notifier-1");
    if (arrived.arrivals() < count) {
      report.note(String.format(Locale.ROOT, "Only %,d of %,d webhooks arrived before the wait ended.",
          arrived.arrivals(), count));
    }
    return new WebhookPhase(figures, arrived);
  }

  /**
   * The plain HTTP load generator against the same receiver, with a body the notifier sent and as
   * many connections as the notifier used.
   */
  private Map<String, Object> referenceWebhooks(PipelineRun run, Timeline timeline, ArrivalWindow.Snapshot notifier,
      Duration warmUp, Duration length) throws Exception {
    timeline.phase("http-reference");
    if (notifier.sampleBody() == null) {
      throw new IllegalStateException("no webhook body to copy: the notifier delivered no webhook");
    }
    SignedWebhookSink webhooks = run.webhooks();
    int connections = Math.max(1, notifier.connections());
    AtomicReference<ArrivalWindow> window = new AtomicReference<>();
    AtomicReference<Map<String, Double>> cpu = new AtomicReference<>();
    String body = new String(notifier.sampleBody(), StandardCharsets.UTF_8);
    progress.accept(String.format(Locale.ROOT, "http reference: %d connections, %d-byte body, %d s", connections,
        body.getBytes(StandardCharsets.UTF_8).length, length.toSeconds()));
    LoadGeneratorResult result = new WebhookLoadGenerator(URI.create(webhooks.baseUrl() + "/hooks/reference"),
        webhooks.secret(), body, connections).run(warmUp, length, () -> {
          window.set(webhooks.startWindow());
          cpu.set(run.cpuSeconds());
        });
    ArrivalWindow.Snapshot arrived = window.get().snapshot();
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("concurrency (the notifier's connections)", connections);
    figures.put("connections used (distinct client ports)", (long) arrived.connections());
    figures.put("mean body bytes", round(arrived.meanBodyBytes()));
    figures.put("accepted", result.accepted());
    figures.put("failed", result.failed());
    figures.put("arrivals", arrived.arrivals());
    figures.put("seconds from first arrival to last", round(arrived.seconds()));
    figures.put("arrivals/s", round(arrived.perSecond()));
    cpu(figures, cpu.get(), run.cpuSeconds(), result.seconds(), arrived.arrivals(), ProcessTable.HARNESS);
    return figures;
  }

  private Map<String, Object> klaxonEmails(PipelineRun run, Timeline timeline, Inbox inbox, NotifierRequests requests,
      int count, long before) throws Exception {
    timeline.phase("emails");
    Instant start = Instant.now();
    Map<String, Double> cpu = run.cpuSeconds();
    produce(run, requests.emails("bench", count));
    awaitUntil("emails", () -> inbox.received(InboxChannel.EMAIL) - before >= count,
        () -> inbox.received(InboxChannel.EMAIL));
    List<Instant> arrivals = inbox.captures(EmailCapture.class).stream().map(EmailCapture::receivedAt)
        .filter(t -> !t.isBefore(start)).sorted().toList();
    double seconds = arrivals.size() < 2 ? 0 : secondsBetween(arrivals.getFirst(), arrivals.getLast());
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("delivered", (long) arrivals.size());
    figures.put("seconds from first email to last", round(seconds));
    figures.put("emails/s", seconds > 0 ? round(arrivals.size() / seconds) : 0.0);
    cpu(figures, cpu, run.cpuSeconds(), seconds, arrivals.size(), "notifier-1");
    if (arrivals.size() < count) {
      report.note(String.format(Locale.ROOT, "Only %,d of %,d emails arrived before the wait ended.", arrivals.size(),
          count));
    }
    return figures;
  }

  private Map<String, Object> referenceEmails(PipelineRun run, Timeline timeline, Inbox inbox, SmtpStandIn smtp,
      int connections, Duration warmUp, Duration length) throws Exception {
    timeline.phase("smtp-reference");
    EmailCapture template = inbox.captures(EmailCapture.class).getFirst();
    AtomicLong receivedAtStart = new AtomicLong();
    AtomicReference<Map<String, Double>> cpu = new AtomicReference<>();
    progress.accept(String.format(Locale.ROOT, "smtp reference: %d connections, %d s", connections,
        length.toSeconds()));
    LoadGeneratorResult result = new SmtpLoadGenerator(smtp.host(), smtp.port(), connections, template)
        .run(warmUp, length, () -> {
          receivedAtStart.set(inbox.received(InboxChannel.EMAIL));
          cpu.set(run.cpuSeconds());
        });
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("connections (the notifier's SMTP_CONNECTIONS)", connections);
    figures.put("accepted", result.accepted());
    figures.put("failed", result.failed());
    figures.put("received by the stand-in", inbox.received(InboxChannel.EMAIL) - receivedAtStart.get());
    figures.put("seconds", round(result.seconds()));
    figures.put("emails/s", round(result.acceptedPerSecond()));
    cpu(figures, cpu.get(), run.cpuSeconds(), result.seconds(), result.accepted(), ProcessTable.HARNESS);
    return figures;
  }

  private Map<String, Object> slackPhase(PipelineRun run, Timeline timeline, Inbox inbox, NotifierRequests requests,
      int count) throws Exception {
    timeline.phase("slack");
    long before = inbox.received(InboxChannel.SLACK);
    produce(run, requests.slackMessages("bench", count));
    awaitUntil("slack", () -> inbox.received(InboxChannel.SLACK) - before >= count,
        () -> inbox.received(InboxChannel.SLACK));
    Map<String, List<Instant>> slackByChannel = arrivals(inbox, InboxChannel.SLACK);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("delivered", slackByChannel.values().stream().mapToInt(List::size).sum());
    boolean paced = true;
    for (Map.Entry<String, List<Instant>> channel : slackByChannel.entrySet()) {
      List<Instant> times = channel.getValue().stream().sorted().toList();
      double excess = paceExcess(times, SLACK_PACE, SLACK_BURST);
      paced &= excess <= 0;
      figures.put(channel.getKey() + " messages", times.size());
      figures.put(channel.getKey() + " messages/s after the burst", times.size() > SLACK_BURST + 1
          ? Math.round((times.size() - SLACK_BURST - 1) / secondsBetween(times.get(SLACK_BURST),
              times.getLast()) * 100) / 100.0 : 0.0);
      figures.put(channel.getKey() + " worst window over pace (messages)", excess);
    }
    figures.put("pace respected on every channel", paced);
    return figures;
  }

  /**
   * CPU of every process over a phase, and the CPU per delivery of the process that did the
   * sending ({@code sender}).
   */
  private static void cpu(Map<String, Object> figures, Map<String, Double> before, Map<String, Double> after,
      double seconds, long deliveries, String sender) {
    Map<String, Double> cores = ProcessTable.cores(before, after, seconds);
    cores.forEach((process, used) -> figures.put("CPU (cores): " + process, used));
    Double senderSeconds = after.get(sender) == null || before.get(sender) == null ? null
        : after.get(sender) - before.get(sender);
    if (senderSeconds != null && deliveries > 0) {
      figures.put("CPU per delivery (µs): " + sender, round(senderSeconds / deliveries * 1e6));
    }
  }

  /**
   * How far the busiest window of a channel's arrivals goes over its pace: the largest
   * {@code n - (burst + pace × (t_last - t_first) + 1)} over every run of n consecutive arrivals,
   * with 50 ms allowed for network jitter. Zero or less means the pace was kept.
   */
  static double paceExcess(List<Instant> sortedArrivals, double pace, int burst) {
    double worst = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < sortedArrivals.size(); i++) {
      for (int j = i; j < sortedArrivals.size(); j++) {
        int n = j - i + 1;
        double allowed = burst + pace * (secondsBetween(sortedArrivals.get(i), sortedArrivals.get(j)) + 0.05);
        worst = Math.max(worst, n - Math.max(allowed, 1));
      }
    }
    return sortedArrivals.isEmpty() ? 0 : Math.round(worst * 100) / 100.0;
  }

  private static double secondsBetween(Instant a, Instant b) {
    return Duration.between(a, b).toNanos() / 1e9;
  }

  /**
   * Waits until {@code done}, or until {@code progressCount} has not moved for {@link #STALL}, or
   * 15 minutes in all; the timeline samples meanwhile.
   */
  private void awaitUntil(String phase, BooleanSupplier done, java.util.function.LongSupplier progressCount)
      throws InterruptedException {
    long begin = System.nanoTime();
    long lastCount = -1;
    long lastChange = System.nanoTime();
    while (!done.getAsBoolean()) {
      Thread.sleep(100);
      long count = progressCount.getAsLong();
      if (count != lastCount) {
        lastCount = count;
        lastChange = System.nanoTime();
      }
      if (System.nanoTime() - lastChange > STALL.toNanos() || System.nanoTime() - begin > Duration.ofMinutes(15).toNanos()) {
        progress.accept("notifier: " + phase + " stopped making progress; going on");
        return;
      }
    }
  }

  private static Map<String, List<Instant>> arrivals(Inbox inbox, InboxChannel channel) {
    Map<String, List<Instant>> out = new TreeMap<>();
    for (InboxEntry entry : inbox.list(InboxQuery.ALL)) {
      Capture capture = entry.capture();
      if (capture.channel() == channel) {
        out.computeIfAbsent(capture.destination(), d -> new ArrayList<>()).add(capture.receivedAt());
      }
    }
    return out;
  }

  private static void produce(PipelineRun run, List<NotificationRequest> requests) {
    NotifierRequests.produce(run.bootstrapServers(), run.registry(), requests);
  }

  private static double number(Map<String, Object> figures, String name) {
    return ((Number) figures.get(name)).doubleValue();
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }

  /**
   * One sample a second, on its own thread, for the whole scenario: webhooks and emails that
   * arrived, CPU and memory by process, and the phase running.
   */
  private static final class Timeline implements AutoCloseable {
    private final List<Sample> samples = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Thread thread;
    private final long startNanos = System.nanoTime();
    private volatile String phase = "starting";
    private volatile boolean running = true;

    Timeline(PipelineRun run, Inbox inbox, Consumer<String> progress) {
      thread = Thread.ofPlatform().name("notifier-timeline").daemon().start(() -> {
        long lastWebhooks = run.webhooks().deliveries();
        long lastEmails = inbox.received(InboxChannel.EMAIL);
        Map<String, Double> lastCpu = run.cpuSeconds();
        long last = System.nanoTime();
        while (running) {
          try {
            Thread.sleep(1000);
          } catch (InterruptedException e) {
            return;
          }
          long now = System.nanoTime();
          double seconds = (now - last) / 1e9;
          long webhooks = run.webhooks().deliveries();
          long emails = inbox.received(InboxChannel.EMAIL);
          Map<String, Double> cpu = run.cpuSeconds();
          Map<String, Double> cores = ProcessTable.cores(lastCpu, cpu, seconds);
          Map<String, Double> rss = run.rssMiB();
          Sample sample = new Sample(Math.round((now - startNanos) / 1e8) / 10.0, phase, 0,
              (emails - lastEmails) / seconds, (webhooks - lastWebhooks) / seconds, -1, 0, 0, 0,
              ProcessTable.pipelineTotal(cores), ProcessTable.pipelineTotal(rss), cores, rss);
          samples.add(sample);
          progress.accept(String.format(Locale.ROOT, "notifier %-14s %4.0fs  webhooks %,7.0f/s  emails %,6.0f/s"
              + "  Slack %3d  cpu %s", phase, sample.second(), sample.deliveredPerSecond(), sample.routedPerSecond(),
              inbox.received(InboxChannel.SLACK), cores));
          lastWebhooks = webhooks;
          lastEmails = emails;
          lastCpu = cpu;
          last = now;
        }
      });
    }

    void phase(String name) {
      phase = name;
    }

    List<Sample> samples() {
      return List.copyOf(samples);
    }

    /** The best second of a phase by one figure. */
    double best(String phaseName, java.util.function.ToDoubleFunction<Sample> figure) {
      return samples.stream().filter(s -> s.phase().equals(phaseName)).mapToDouble(figure).max().orElse(0);
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.interrupt();
      thread.join(Duration.ofSeconds(5));
    }
  }
}
