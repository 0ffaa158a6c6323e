package io.klaxon.bench;

import io.klaxon.bench.report.Report;
import io.klaxon.bench.report.SvgCharts;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.Channel;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.EmailTarget;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.NotificationType;
import io.klaxon.events.SlackTarget;
import io.klaxon.events.Tier;
import io.klaxon.events.WebhookTarget;
import io.klaxon.registry.InMemorySchemaRegistry;
import io.klaxon.serde.SpecificAvroSerde;
import io.klaxon.serde.SpecificAvroSerializer;
import io.klaxon.sinks.inbox.Capture;
import io.klaxon.sinks.inbox.Inbox;
import io.klaxon.sinks.inbox.InboxChannel;
import io.klaxon.sinks.inbox.InboxEntry;
import io.klaxon.sinks.inbox.InboxQuery;
import io.klaxon.sinks.slack.SlackApiSettings;
import io.klaxon.sinks.slack.SlackApiStandIn;
import io.klaxon.sinks.smtp.SmtpStandIn;
import io.klaxon.topics.TopicNames;
import io.klaxon.traffic.TenantProfile;
import io.klaxon.traffic.TrafficGenerator;
import io.klaxon.traffic.TrafficMix;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The notifier alone: notification requests are written straight to its input topic (the Streams
 * app idles) and the harness counts what arrives at the local endpoints: signed webhooks at the
 * bench's webhook sink (spread over 50 targets), emails at the SMTP stand-in (10 targets), Slack
 * messages at the Slack API stand-in (3 channels), whose arrival times are checked against the
 * notifier's pace (no window may hold more than burst + pace × its length).
 */
final class NotifierScenario {
  private static final int WEBHOOK_TARGETS = 50;
  private static final int EMAIL_TARGETS = 10;
  private static final int SLACK_CHANNELS = 3;
  private static final double SLACK_PACE = 1.0;
  private static final int SLACK_BURST = 3;

  private final BenchOptions options;
  private final Report report;
  private final Consumer<String> progress;

  NotifierScenario(BenchOptions options, Report report, Consumer<String> progress) {
    this.options = options;
    this.report = report;
    this.progress = progress;
  }

  void run() throws Exception {
    int webhookCount = options.quick() ? 10_000 : 60_000;
    int emailCount = options.quick() ? 2_000 : 10_000;
    int slackCount = options.quick() ? 24 : 60;
    report.setting("webhook requests", webhookCount).setting("webhook targets", WEBHOOK_TARGETS)
        .setting("email requests", emailCount).setting("email targets", EMAIL_TARGETS)
        .setting("Slack requests", slackCount).setting("Slack channels", SLACK_CHANNELS)
        .setting("Slack pace (messages/s per channel)", SLACK_PACE).setting("Slack burst", SLACK_BURST)
        .setting("notifier settings", "defaults: NOTIFIER_MAX_IN_FLIGHT 200, TENANT_ISOLATION_LEVEL MODERATE, TENANT_MAX_IN_FLIGHT 50, TARGET_CONCURRENCY 4, SMTP_CONNECTIONS 4");
    Inbox inbox = new Inbox(emailCount + slackCount + 100);
    try (SmtpStandIn smtp = SmtpStandIn.start(0, inbox);
         SlackApiStandIn slack = SlackApiStandIn.start(SlackApiSettings.defaults()
             .withRateLimit(SLACK_PACE, SLACK_BURST), inbox)) {
      Map<String, String> extra = new HashMap<>(options.pipeline(options.guarantee()));
      extra.put("notifier.SLACK_API_URL", slack.methodsUrlPrefix());
      extra.put("notifier.SLACK_BOT_TOKEN", slack.token());
      extra.put("notifier.SMTP_PORT", Integer.toString(smtp.port()));
      extra.put("notifier.SLACK_PACE_PER_SECOND", Double.toString(SLACK_PACE));
      extra.put("notifier.SLACK_PACE_BURST", Integer.toString(SLACK_BURST));
      try (PipelineRun run = PipelineRun.start("notifier", report.dir().resolve("notifier"), 1, extra, null, progress)) {
        List<NotificationRequest> requests = requests(run.webhooks().baseUrl(), webhookCount, emailCount, slackCount);
        long start = System.currentTimeMillis();
        produce(run, requests);
        double produceSeconds = (System.currentTimeMillis() - start) / 1000.0;
        progress.accept(String.format("notifier: %,d requests written in %.1f s", requests.size(), produceSeconds));
        List<Sample> timeline = await(run, inbox, webhookCount, emailCount, slackCount, start);

        List<Instant> emails = arrivals(inbox, InboxChannel.EMAIL).values().stream().flatMap(List::stream).sorted().toList();
        Map<String, List<Instant>> slackByChannel = arrivals(inbox, InboxChannel.SLACK);
        Map<String, Object> webhookFigures = new LinkedHashMap<>();
        webhookFigures.put("delivered", run.webhooks().deliveries());
        webhookFigures.put("repeats (same webhook-id)", run.webhooks().repeats());
        webhookFigures.put("bad signatures", run.webhooks().badSignatures());
        double webhookSeconds = (run.webhooks().lastArrivalMillis() - start) / 1000.0;
        webhookFigures.put("seconds from first request written to last delivery", webhookSeconds);
        webhookFigures.put("deliveries/s", Math.round(run.webhooks().deliveries() / webhookSeconds));
        webhookFigures.put("peak deliveries/s (best second)",
            timeline.stream().mapToDouble(Sample::deliveredPerSecond).max().orElse(0));
        Map<String, Object> emailFigures = new LinkedHashMap<>();
        emailFigures.put("delivered", emails.size());
        double emailSeconds = emails.isEmpty() ? 0 : (emails.getLast().toEpochMilli() - start) / 1000.0;
        emailFigures.put("seconds from first request written to last email", emailSeconds);
        emailFigures.put("emails/s", emailSeconds > 0 ? Math.round(emails.size() / emailSeconds) : 0);
        Map<String, Object> slackFigures = new LinkedHashMap<>();
        slackFigures.put("delivered", slackByChannel.values().stream().mapToInt(List::size).sum());
        boolean paced = true;
        for (Map.Entry<String, List<Instant>> channel : slackByChannel.entrySet()) {
          List<Instant> times = channel.getValue().stream().sorted().toList();
          double excess = paceExcess(times, SLACK_PACE, SLACK_BURST);
          paced &= excess <= 0;
          slackFigures.put(channel.getKey() + " messages", times.size());
          slackFigures.put(channel.getKey() + " messages/s after the burst", times.size() > SLACK_BURST + 1
              ? Math.round((times.size() - SLACK_BURST - 1) / secondsBetween(times.get(SLACK_BURST),
                  times.getLast()) * 100) / 100.0 : 0.0);
          slackFigures.put(channel.getKey() + " worst window over pace (messages)", excess);
        }
        slackFigures.put("pace respected on every channel", paced);
        report.figures("Webhooks", webhookFigures).figures("Email", emailFigures).figures("Slack", slackFigures);
        report.timeline("notifier", timeline);
        report.chart("notifier-throughput.svg", "webhook deliveries per second", SvgCharts.lineChart(
            "Notifier: deliveries per second", "seconds", "per second",
            List.of(LoadScenarios.series("webhooks", timeline, Sample::deliveredPerSecond),
                LoadScenarios.series("emails", timeline, Sample::routedPerSecond))));
        report.chart("notifier-channels.svg", "deliveries per second by channel", SvgCharts.barChart(
            "Notifier throughput by channel", "deliveries/s", List.of("webhook", "email"), List.of("measured"),
            new double[][] {{((Number) webhookFigures.get("deliveries/s")).doubleValue(),
                ((Number) emailFigures.get("emails/s")).doubleValue()}}));
        report.note("The timeline's routedPerSecond column holds emails per second in this scenario.");
        if (run.webhooks().deliveries() < webhookCount || emails.size() < emailCount) {
          report.note("Not every request was delivered before the wait ended; see the counts above.");
        }
      }
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

  private List<Sample> await(PipelineRun run, Inbox inbox, int webhooks, int emails, int slacks, long startMillis)
      throws InterruptedException {
    List<Sample> timeline = new ArrayList<>();
    long lastDelivered = 0;
    long lastEmails = 0;
    long lastProgressChange = System.nanoTime();
    long begin = System.nanoTime();
    Map<String, Double> lastCpu = run.cpuSeconds();
    while (true) {
      Thread.sleep(1000);
      long delivered = run.webhooks().deliveries();
      long emailed = inbox.received(InboxChannel.EMAIL);
      long slacked = inbox.received(InboxChannel.SLACK);
      Map<String, Double> cpu = run.cpuSeconds();
      Map<String, Double> cores = new java.util.LinkedHashMap<>();
      Map<String, Double> before = lastCpu;
      cpu.forEach((process, used) -> cores.put(process, used - before.getOrDefault(process, used)));
      Map<String, Double> rss = run.rssMiB();
      timeline.add(new Sample((System.currentTimeMillis() - startMillis) / 1000.0, "deliver", 0, emailed - lastEmails,
          delivered - lastDelivered, -1, 0, 0, 0, ProcessTable.pipelineTotal(cores), ProcessTable.pipelineTotal(rss), cores,
          rss));
      lastCpu = cpu;
      progress.accept(String.format("notifier %4.0fs  webhooks %,7d / %,d (%,6d/s)  emails %,6d / %,d (%,5d/s)  Slack %3d / %d",
          (System.nanoTime() - begin) / 1e9, delivered, webhooks, delivered - lastDelivered, emailed, emails,
          emailed - lastEmails, slacked, slacks));
      if (delivered != lastDelivered || emailed != lastEmails) {
        lastProgressChange = System.nanoTime();
      }
      lastDelivered = delivered;
      lastEmails = emailed;
      if (delivered >= webhooks && emailed >= emails && slacked >= slacks) {
        return timeline;
      }
      if (System.nanoTime() - lastProgressChange > 90_000_000_000L && slacked >= slacks) {
        return timeline;
      }
      if (System.nanoTime() - begin > 900_000_000_000L) {
        return timeline;
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

  private void produce(PipelineRun run, List<NotificationRequest> requests) throws Exception {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, run.bootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    try (KafkaProducer<String, NotificationRequest> producer = new KafkaProducer<>(config, new StringSerializer(),
        new SpecificAvroSerializer<>(run.registry(), false, true))) {
      for (NotificationRequest request : requests) {
        producer.send(new ProducerRecord<>(TopicNames.DEFAULTS.notifications(), request.getTenantId(), request));
      }
      producer.flush();
    }
  }

  /** Webhook, email and Slack requests, interleaved, each for a new alert. */
  private List<NotificationRequest> requests(String webhookBase, int webhooks, int emails, int slacks) {
    SpecificAvroSerde<AlertEvent> serde = SpecificAvroSerde.of(new InMemorySchemaRegistry(), AlertEvent.class);
    TrafficMix mix = new TrafficMix(List.of(new TenantProfile("notify", Tier.ENTERPRISE, List.of(), 1)), 0, 0, 0,
        TrafficMix.typicalSeverities(), null, 0, 1_000);
    TrafficGenerator generator = new TrafficGenerator(options.seed(), mix, e -> serde.serializer().serialize("t", e));
    List<Channel> channels = new ArrayList<>();
    channels.addAll(java.util.Collections.nCopies(webhooks, Channel.WEBHOOK));
    channels.addAll(java.util.Collections.nCopies(emails, Channel.EMAIL));
    channels.addAll(java.util.Collections.nCopies(slacks, Channel.SLACK));
    java.util.Collections.shuffle(channels, new java.util.Random(options.seed()));
    List<NotificationRequest> out = new ArrayList<>();
    for (int i = 0; i < channels.size(); i++) {
      AlertEvent alert = serde.deserializer().deserialize("t", generator.next(System.currentTimeMillis()).value());
      String tenant;
      ChannelTarget target;
      switch (channels.get(i)) {
        case SLACK -> {
          int c = i % SLACK_CHANNELS;
          tenant = "chat-" + c;
          target = ChannelTarget.newBuilder().setId("chat").setChannel(Channel.SLACK)
              .setSlack(SlackTarget.newBuilder().setChannel("#alerts-" + c).setWebhookUrlRef(null).build()).build();
        }
        case EMAIL -> {
          int t = i % EMAIL_TARGETS;
          tenant = "mail-" + t;
          target = ChannelTarget.newBuilder().setId("mail").setChannel(Channel.EMAIL)
              .setEmail(EmailTarget.newBuilder().setTo(List.of("oncall-" + t + "@example.test")).setCc(List.of())
                  .build()).build();
        }
        default -> {
          tenant = String.format("notify-%02d", i % WEBHOOK_TARGETS);
          target = ChannelTarget.newBuilder().setId("hook").setChannel(Channel.WEBHOOK)
              .setWebhook(WebhookTarget.newBuilder().setUrl(webhookBase + "/hooks/" + tenant)
                  .setSecretRef(BenchTenants.SECRET_REF).build()).build();
        }
      }
      out.add(NotificationRequest.newBuilder()
          .setNotificationId("bench-" + i)
          .setTenantId(tenant)
          .setTier(Tier.ENTERPRISE)
          .setType(NotificationType.ALERT)
          .setAlert(AlertEvent.newBuilder(alert).setTenantId(tenant).build())
          .setFingerprint(alert.getFingerprint())
          .setTarget(target)
          .setRouteName("bench")
          .setRoutedAt(Instant.now())
          .build());
    }
    return out;
  }
}
