package io.klaxon.notifier.delivery;

import static io.klaxon.notifier.testing.Requests.request;
import static io.klaxon.notifier.testing.Requests.slackChannel;
import static io.klaxon.notifier.testing.Requests.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.klaxon.events.Channel;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.DeliveryOutcome;
import io.klaxon.events.DeliveryReceipt;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.Severity;
import io.klaxon.notifier.metrics.NotifierMetrics;
import io.klaxon.notifier.render.MessageBundles;
import io.klaxon.notifier.render.PagerDutyMessage;
import io.klaxon.notifier.render.RenderedMessage;
import io.klaxon.notifier.render.Renderer;
import io.klaxon.notifier.render.WebhookMessage;
import io.klaxon.notifier.testing.FakeClock;
import io.klaxon.notifier.testing.RecordingOutcomes;
import io.klaxon.notifier.testing.Requests;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DeliveryEngineTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-22T12:00:00Z"));
  private final RecordingOutcomes outcomes = new RecordingOutcomes();
  private final NotifierMetrics metrics = NotifierMetrics.inMemory();
  private final Renderer renderer = new Renderer(MessageBundles.builtIn(), "en", metrics);

  /**
   * A sender whose answers are scripted by attempt number, and which records when it was called.
   * On Slack it paces by channel, as the Slack sender does.
   */
  private final class FakeSender implements Sender<RenderedMessage> {
    final Channel channel;
    final Function<Integer, SendResult> script;
    final List<Instant> calls = new CopyOnWriteArrayList<>();
    final List<String> channels = new CopyOnWriteArrayList<>();

    FakeSender(Channel channel, Function<Integer, SendResult> script) {
      this.channel = channel;
      this.script = script;
    }

    ChannelPipeline<?> pipeline() {
      return switch (channel) {
        case SLACK -> ChannelPipeline.slack(renderer, this);
        case EMAIL -> ChannelPipeline.email(renderer, this);
        case WEBHOOK -> ChannelPipeline.webhook(renderer, this);
      };
    }

    @Override
    public Optional<String> pacingKey(NotificationRequest request) {
      return channel == Channel.SLACK ? Optional.of(request.getTarget().getSlack().getChannel()) : Optional.empty();
    }

    @Override
    public SendResult send(NotificationRequest request, RenderedMessage message) {
      calls.add(clock.instant());
      channels.add(request.getTarget().getSlack() == null ? "-" : request.getTarget().getSlack().getChannel());
      clock.advance(Duration.ofMillis(10));
      return script.apply(calls.size());
    }
  }

  private DeliveryEngine engine(FakeSender sender, RetryPolicy retry, DoubleSupplier random) {
    return engine(sender.pipeline(), retry, random);
  }

  private DeliveryEngine engine(ChannelPipeline<?> channel, RetryPolicy retry, DoubleSupplier random) {
    return new DeliveryEngine(List.of(channel), outcomes, new DeliverySettings(retry, 1.0, 3, 2), clock,
        clock.sleeper(), random, metrics);
  }

  private static RetryPolicy policy(int maxAttempts) {
    return new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(10), 2.0, maxAttempts, Duration.ofHours(1));
  }

  private static NotificationRequest hook(String id) {
    return request(webhook("https://hooks.acme.example/in", "env:HOOK")).setNotificationId(id).build();
  }

  @Test
  void deliveredAtFirstAttemptWritesOneReceipt() throws Exception {
    FakeSender sender = new FakeSender(Channel.WEBHOOK, n -> new SendResult.Delivered(204));
    DeliveryReport report = engine(sender, policy(5), () -> 0.5).deliverNow(hook("n1")).get();

    assertThat(report.delivered()).isTrue();
    assertThat(outcomes.receipts).singleElement().satisfies(r -> {
      assertThat(r.getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED);
      assertThat(r.getAttempt()).isEqualTo(1);
      assertThat(r.getStatusCode()).isEqualTo(204);
      assertThat(r.getNotificationId()).isEqualTo("n1");
      assertThat(r.getLatencyMs()).isEqualTo(10);
    });
    assertThat(outcomes.deadLetters).isEmpty();
    assertThat(metrics.count("klaxon.notifier.deliveries", "channel", "webhook", "outcome", "delivered")).isEqualTo(1.0);
  }

  @Test
  void aBrokenTemplateOverrideIsCountedAndReportedInEveryReceiptWhileTheDefaultTextIsSent() throws Exception {
    FakeSender sender = new FakeSender(Channel.WEBHOOK, n -> n < 2 ? new SendResult.Retryable(Duration.ZERO, "HTTP 503", 503)
        : new SendResult.Delivered(204));
    NotificationRequest request = NotificationRequest.newBuilder(hook("n-broken"))
        .setTemplateOverrides(java.util.Map.of("alert.headline", "ALARM {title", "field.source", "Origin"))
        .build();

    DeliveryReport report = engine(sender, policy(5), () -> 0.5).deliverNow(request).get();

    assertThat(report.delivered()).isTrue();
    assertThat(outcomes.receipts).hasSize(2).allSatisfy(r -> assertThat(r.getTemplateProblems())
        .containsExactly("templateOverrides.alert.headline: Unmatched '{' braces at position 6; the default text is used"));
    assertThat(metrics.count("klaxon.notifier.template.fallbacks", "key", "alert.headline")).isEqualTo(1.0);
  }

  @Test
  void aGroupIsCountedUnderItsMostSevereSeverityNotUnderTheAlertItCarriesForOlderReaders() throws Exception {
    FakeSender sender = new FakeSender(Channel.WEBHOOK, n -> new SendResult.Delivered(204));
    NotificationRequest group = Requests.groupRequest(webhook("https://hooks.acme.example/in", "env:HOOK"))
        .setAlert(Requests.alert().setSeverity(Severity.INFO).build()).build();

    engine(sender, policy(5), () -> 0.5).deliverNow(group).get();

    assertThat(metrics.count("klaxon.notifier.deliveries", "channel", "webhook", "severity", "critical")).isEqualTo(1.0);
    assertThat(metrics.count("klaxon.notifier.deliveries", "channel", "webhook", "severity", "info")).isZero();
  }

  @Test
  void aGroupOrDigestRequestWithoutItsGroupOrDigestIsRefusedForGoodAndNeverSentAsItsAlert() throws Exception {
    ChannelTarget target = webhook("https://hooks.acme.example/in", "env:HOOK");
    for (NotificationRequest broken : List.of(Requests.groupRequest(target).setGroup(null).build(),
        Requests.digestRequest(target).setDigest(null).setAlert(Requests.alert().build()).build())) {
      FakeSender sender = new FakeSender(Channel.WEBHOOK, n -> new SendResult.Delivered(204));

      DeliveryReport report = engine(sender, policy(5), () -> 0.5).deliverNow(broken).get();

      assertThat(report.delivered()).as(broken.getType().name()).isFalse();
      assertThat(sender.calls).isEmpty();
      assertThat(report.deadLetter().getPermanent()).isTrue();
      assertThat(report.deadLetter().getFailure()).isEqualTo("rendering failed (IllegalArgumentException)");
    }
  }

  @Test
  void aDigestIsCountedUnderTheMostSevereSeverityItCountsAndUnderInfoWhenItCountsNone() throws Exception {
    FakeSender sender = new FakeSender(Channel.WEBHOOK, n -> new SendResult.Delivered(204));
    ChannelTarget target = webhook("https://hooks.acme.example/in", "env:HOOK");
    NotificationRequest warning = Requests.digestRequest(target,
        Requests.digest().setBySeverity(Map.of("WARNING", 5L, "INFO", 2L)).build()).build();
    NotificationRequest empty = Requests.digestRequest(target,
        Requests.digest().setFiring(0).setBySeverity(Map.of()).build()).setNotificationId("ntf-digest-2").build();

    DeliveryEngine engine = engine(sender, policy(5), () -> 0.5);
    engine.deliverNow(warning).get();
    engine.deliverNow(empty).get();

    assertThat(metrics.count("klaxon.notifier.deliveries", "channel", "webhook", "severity", "warning")).isEqualTo(1.0);
    assertThat(metrics.count("klaxon.notifier.deliveries", "channel", "webhook", "severity", "info")).isEqualTo(1.0);
    assertThat(metrics.count("klaxon.notifier.deliveries", "channel", "webhook", "severity", "summary")).isZero();
  }

  @Test
  void receiptsOfARenderingWithoutBrokenOverridesReportNone() throws Exception {
    FakeSender sender = new FakeSender(Channel.WEBHOOK, n -> new SendResult.Delivered(204));

    engine(sender, policy(5), () -> 0.5).deliverNow(hook("n-clean")).get();

    assertThat(outcomes.receipts).singleElement().satisfies(r -> assertThat(r.getTemplateProblems()).isEmpty());
  }

  @Test
  void backoffIsExponentialWithFullJitterUnderTheCeiling() throws Exception {
    FakeSender sender = new FakeSender(Channel.WEBHOOK, n -> n < 7 ? new SendResult.Retryable(Duration.ZERO, "HTTP 503", 503)
        : new SendResult.Delivered(200));
    Random seeded = new Random(42);
    List<Double> draws = new ArrayList<>();
    DeliveryReport report = engine(sender, policy(10), () -> {
      double d = seeded.nextDouble();
      draws.add(d);
      return d;
    }).deliverNow(hook("n2")).get();

    assertThat(report.delivered()).isTrue();
    List<DeliveryReceipt> retries = report.receipts().subList(0, 6);
    long[] ceilings = {1_000, 2_000, 4_000, 8_000, 10_000, 10_000};
    for (int i = 0; i < retries.size(); i++) {
      DeliveryReceipt receipt = retries.get(i);
      assertThat(receipt.getOutcome()).isEqualTo(DeliveryOutcome.RETRY_SCHEDULED);
      assertThat(receipt.getRetryAfterMs()).isBetween(0L, ceilings[i])
          .isEqualTo((long) (ceilings[i] * draws.get(i)));
    }
    assertThat(clock.sleeps()).extracting(Duration::toMillis)
        .containsExactlyElementsOf(retries.stream().map(DeliveryReceipt::getRetryAfterMs).toList());
    assertThat(metrics.count("klaxon.notifier.retries", "channel", "webhook")).isEqualTo(6.0);
  }

  @Test
  void retryAfterIsTheMinimumDelay() throws Exception {
    FakeSender sender = new FakeSender(Channel.WEBHOOK, n -> n == 1
        ? new SendResult.Retryable(Duration.ofSeconds(2), "HTTP 429", 429) : new SendResult.Delivered(200));

    DeliveryReport report = engine(sender, policy(5), () -> 0.0).deliverNow(hook("n3")).get();

    assertThat(report.receipts().getFirst().getRetryAfterMs()).isEqualTo(2_000L);
    assertThat(Duration.between(sender.calls.get(0), sender.calls.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void jitterLongerThanRetryAfterWins() throws Exception {
    FakeSender sender = new FakeSender(Channel.WEBHOOK, n -> n == 1
        ? new SendResult.Retryable(Duration.ofMillis(100), "HTTP 429", 429) : new SendResult.Delivered(200));

    DeliveryReport report = engine(sender, policy(5), () -> 0.9).deliverNow(hook("n4")).get();

    assertThat(report.receipts().getFirst().getRetryAfterMs()).isEqualTo(900L);
  }

  @Test
  void spentBudgetDeadLettersWithAReceiptForEveryAttempt() throws Exception {
    FakeSender sender = new FakeSender(Channel.WEBHOOK, n -> new SendResult.Retryable(Duration.ZERO, "webhook timed out"));

    DeliveryReport report = engine(sender, policy(3), () -> 0.5).deliverNow(hook("n5")).get();

    assertThat(report.receipts()).extracting(DeliveryReceipt::getAttempt).containsExactly(1, 2, 3);
    assertThat(report.receipts()).extracting(DeliveryReceipt::getOutcome).containsExactly(
        DeliveryOutcome.RETRY_SCHEDULED, DeliveryOutcome.RETRY_SCHEDULED, DeliveryOutcome.DEAD_LETTERED);
    assertThat(outcomes.receipts).hasSize(3);
    assertThat(outcomes.deadLetters).singleElement().satisfies(dl -> {
      assertThat(dl.getPermanent()).isFalse();
      assertThat(dl.getAttempts()).isEqualTo(3);
      assertThat(dl.getFailure()).isEqualTo("webhook timed out");
      assertThat(dl.getRequest().getNotificationId()).isEqualTo("n5");
    });
    assertThat(metrics.count("klaxon.notifier.dead.letters", "channel", "webhook", "cause", "budget")).isEqualTo(1.0);
  }

  @Test
  void elapsedBudgetStopsRetriesThatWouldStartTooLate() throws Exception {
    FakeSender sender = new FakeSender(Channel.WEBHOOK, n -> new SendResult.Retryable(Duration.ofSeconds(40), "HTTP 429", 429));
    RetryPolicy retry = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(10), 2.0, 100, Duration.ofSeconds(90));

    DeliveryReport report = engine(sender, retry, () -> 0.0).deliverNow(hook("n6")).get();

    // Attempts at about 0 s, 40 s and 80 s; a fourth would start at about 120 s, past 90 s.
    assertThat(report.attempts()).isEqualTo(3);
    assertThat(report.deadLetter().getPermanent()).isFalse();
  }

  @Test
  void aRetryAfterBeyondAnyDateIsCappedAndCounted() throws Exception {
    FakeSender sender = new FakeSender(Channel.WEBHOOK, n -> n == 1
        ? new SendResult.Retryable(Duration.ofSeconds(100_000_000_000_000_000L), "webhook answered HTTP 429", 429)
        : new SendResult.Delivered(200));

    DeliveryReport report = engine(sender, policy(5), () -> 0.0).deliverNow(hook("cap1")).get();

    assertThat(report.delivered()).isTrue();
    assertThat(report.receipts().getFirst().getRetryAfterMs()).isEqualTo(Duration.ofMinutes(10).toMillis());
    assertThat(clock.sleeps()).containsExactly(Duration.ofMinutes(10));
    assertThat(metrics.count("klaxon.notifier.retry.after.capped", "channel", "webhook")).isEqualTo(1.0);
  }

  @Test
  void aRetryAfterOfADayWaitsAtMostTheCapAndAWaitPastTheBudgetDeadLettersAtOnce() throws Exception {
    FakeSender sender = new FakeSender(Channel.WEBHOOK,
        n -> new SendResult.Retryable(Duration.ofDays(1), "webhook answered HTTP 429", 429));
    RetryPolicy retry = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(10), 2.0, 100, Duration.ofMinutes(15));

    DeliveryReport report = engine(sender, retry, () -> 0.0).deliverNow(hook("cap2")).get();

    // Attempts at 0 and 10 min; a third would start at 20 min, past the 15 min budget: no wait for it.
    assertThat(report.attempts()).isEqualTo(2);
    assertThat(clock.sleeps()).containsExactly(Duration.ofMinutes(10));
    assertThat(report.deadLetter().getPermanent()).isFalse();
    assertThat(report.deadLetter().getFailure()).startsWith("webhook answered HTTP 429").contains("retry budget");
    assertThat(metrics.count("klaxon.notifier.retry.after.capped", "channel", "webhook")).isEqualTo(2.0);
  }

  @Test
  void aNotificationWhoseDestinationIsPausedPastItsBudgetDeadLettersWithoutWaiting() throws Exception {
    FakeSender sender = new FakeSender(Channel.WEBHOOK, n -> n == 1
        ? new SendResult.Retryable(Duration.ofDays(1), "webhook answered HTTP 429", 429) : new SendResult.Delivered(200));
    RetryPolicy retry = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(10), 2.0, 5, Duration.ofMinutes(5));
    DeliveryEngine engine = engine(sender, retry, () -> 0.0);

    DeliveryReport first = engine.deliverNow(hook("pause1")).get();
    DeliveryReport second = engine.deliverNow(hook("pause2")).get();

    assertThat(first.deadLetter()).isNotNull();
    assertThat(sender.calls).hasSize(1);
    assertThat(clock.sleeps()).isEmpty();
    assertThat(second.deadLetter()).satisfies(dl -> {
      assertThat(dl.getPermanent()).isFalse();
      assertThat(dl.getAttempts()).isZero();
      assertThat(dl.getFailure()).contains("paused").contains("retry budget");
    });
    assertThat(second.receipts()).singleElement()
        .satisfies(r -> assertThat(r.getOutcome()).isEqualTo(DeliveryOutcome.DEAD_LETTERED));
  }

  @Test
  void anUnexpectedErrorIsDeadLetteredInsteadOfFailingTheDelivery() throws Exception {
    Sender<WebhookMessage> broken = new Sender<>() {
      @Override
      public Optional<String> pacingKey(NotificationRequest request) {
        throw new IllegalStateException("defect");
      }

      @Override
      public SendResult send(NotificationRequest request, WebhookMessage message) {
        return new SendResult.Delivered(200);
      }
    };

    DeliveryReport report = engine(ChannelPipeline.webhook(renderer, broken), policy(5), () -> 0.5)
        .deliverNow(hook("defect1")).get();

    assertThat(report.deadLetter()).satisfies(dl -> {
      assertThat(dl.getPermanent()).isTrue();
      assertThat(dl.getFailure()).isEqualTo("internal error (IllegalStateException)");
    });
    assertThat(outcomes.deadLetters).hasSize(1);
  }

  @Test
  void timedOutAttemptsAreCounted() throws Exception {
    FakeSender sender = new FakeSender(Channel.WEBHOOK, n -> n == 1
        ? SendResult.Retryable.timedOut("webhook timed out") : new SendResult.Delivered(200));

    engine(sender, policy(5), () -> 0.0).deliverNow(hook("t1")).get();

    assertThat(metrics.count("klaxon.notifier.attempt.timeouts", "channel", "webhook")).isEqualTo(1.0);
  }

  @Test
  void permanentFailureDeadLettersAtOnce() throws Exception {
    FakeSender sender = new FakeSender(Channel.WEBHOOK, n -> new SendResult.Permanent("webhook answered HTTP 404", 404));

    DeliveryReport report = engine(sender, policy(5), () -> 0.5).deliverNow(hook("n7")).get();

    assertThat(report.receipts()).singleElement().satisfies(r -> {
      assertThat(r.getOutcome()).isEqualTo(DeliveryOutcome.FAILED_PERMANENT);
      assertThat(r.getStatusCode()).isEqualTo(404);
    });
    assertThat(report.deadLetter().getPermanent()).isTrue();
    assertThat(report.deadLetter().getLastStatusCode()).isEqualTo(404);
    assertThat(clock.sleeps()).isEmpty();
  }

  @Test
  void senderExceptionsAreRetryable() throws Exception {
    FakeSender sender = new FakeSender(Channel.WEBHOOK, n -> {
      if (n == 1) {
        throw new IllegalStateException("boom");
      }
      return new SendResult.Delivered(200);
    });

    DeliveryReport report = engine(sender, policy(5), () -> 0.5).deliverNow(hook("n8")).get();

    assertThat(report.receipts()).extracting(DeliveryReceipt::getOutcome)
        .containsExactly(DeliveryOutcome.RETRY_SCHEDULED, DeliveryOutcome.DELIVERED);
    assertThat(report.receipts().getFirst().getDetail()).isEqualTo("unexpected IllegalStateException");
  }

  @Test
  void requestForAChannelWithoutSenderIsPermanent() throws Exception {
    FakeSender sender = new FakeSender(Channel.SLACK, n -> new SendResult.Delivered(200));

    DeliveryReport report = engine(sender, policy(5), () -> 0.5).deliverNow(hook("n9")).get();

    assertThat(report.deadLetter().getPermanent()).isTrue();
    assertThat(report.deadLetter().getFailure()).isEqualTo("no sender for channel WEBHOOK");
    assertThat(sender.calls).isEmpty();
  }

  @Test
  void aPagerDutyTargetGoesToThePagerDutySenderAndItsReceiptsSaySo() throws Exception {
    List<RenderedMessage> webhookCalls = new CopyOnWriteArrayList<>();
    List<RenderedMessage> pagerDutyCalls = new CopyOnWriteArrayList<>();
    Sender<RenderedMessage> webhooks = (request, message) -> {
      webhookCalls.add(message);
      return new SendResult.Delivered(204);
    };
    Sender<RenderedMessage> pagerDuty = (request, message) -> {
      pagerDutyCalls.add(message);
      return new SendResult.Delivered(202);
    };
    DeliveryEngine engine = new DeliveryEngine(List.of(ChannelPipeline.webhook(renderer, webhooks),
        ChannelPipeline.pagerDuty(renderer, pagerDuty)), outcomes, new DeliverySettings(policy(5), 1.0, 3, 2), clock,
        clock.sleeper(), () -> 0.5, metrics);
    // A PagerDuty target carries WEBHOOK, the only channel symbol readers of version 1 know.
    NotificationRequest paging = request(Requests.pagerDuty("https://events.pagerduty.example/v2/enqueue", "env:PD"))
        .setNotificationId("n-pd").setFingerprint("fp-1").build();

    DeliveryReport report = engine.deliverNow(paging).get();

    assertThat(webhookCalls).isEmpty();
    assertThat(pagerDutyCalls).singleElement().isInstanceOf(PagerDutyMessage.class);
    assertThat(report.receipts()).singleElement().satisfies(receipt -> {
      assertThat(receipt.getOutcome()).isEqualTo(DeliveryOutcome.DELIVERED);
      assertThat(receipt.getChannel()).isEqualTo(Channel.WEBHOOK);
      assertThat(receipt.getDestination()).isEqualTo("pagerduty");
    });
    assertThat(metrics.registry().get("klaxon.notifier.deliveries").tag("channel", "pagerduty").counter().count()).isEqualTo(1.0);

    engine.deliverNow(hook("n-hook")).get();
    assertThat(webhookCalls).hasSize(1);
    assertThat(outcomes.receipts.getLast().getDestination()).isNull();

    engine.deliverNow(request(Requests.pagerDuty("https://events.pagerduty.example/v2/enqueue", "env:PD"))
        .setNotificationId("n-ack").setAlert(null).setFingerprint("fp-1")
        .setAcknowledged(new io.klaxon.events.AlertAcknowledged("jane", clock.instant(), "")).build()).get();
    assertThat(pagerDutyCalls).last().satisfies(message ->
        assertThat(((PagerDutyMessage) message).action()).isEqualTo(PagerDutyMessage.Action.ACKNOWLEDGE));
    assertThat(metrics.registry().get("klaxon.notifier.deliveries").tag("channel", "pagerduty").tag("severity", "ack")
        .counter().count()).as("an acknowledgement is counted as such").isEqualTo(1.0);
  }

  @Test
  void outcomeIsFinalOnlyWhenTheRecorderAcknowledged() throws Exception {
    RecordingOutcomes holding = new RecordingOutcomes().holding();
    FakeSender sender = new FakeSender(Channel.WEBHOOK, n -> new SendResult.Delivered(200));
    DeliveryEngine engine = new DeliveryEngine(List.of(sender.pipeline()), holding, DeliverySettings.defaults(), clock,
        clock.sleeper(), () -> 0.5, metrics);

    CompletableFuture<DeliveryReport> outcome = engine.deliverNow(hook("n10"));

    assertThat(outcome).isNotDone();
    holding.pending.forEach(f -> f.complete(null));
    assertThat(outcome).isCompleted();
  }

  @Test
  void theSlotHearsThatTheOutcomeIsFinalBeforeItsReceiptIsDurable() throws Exception {
    RecordingOutcomes holding = new RecordingOutcomes().holding();
    FakeSender sender = new FakeSender(Channel.WEBHOOK, n -> new SendResult.Delivered(200));
    List<String> slotCalls = new CopyOnWriteArrayList<>();
    DeliverySlot slot = new DeliverySlot() {
      @Override
      public void release() {
        slotCalls.add("release");
      }

      @Override
      public void reacquire() {
        slotCalls.add("reacquire");
      }

      @Override
      public void outcomeFinal() {
        slotCalls.add("outcomeFinal with " + holding.receipts.size() + " receipt(s) written, "
            + holding.pending.stream().filter(f -> !f.isDone()).count() + " not durable");
      }
    };
    try (DeliveryEngine engine = new DeliveryEngine(List.of(sender.pipeline()), holding, DeliverySettings.defaults(),
        clock, clock.sleeper(), () -> 0.5, metrics)) {
      CompletableFuture<DeliveryReport> outcome = engine.deliver(hook("n11"), slot);

      await().atMost(Duration.ofSeconds(30)).until(() -> !slotCalls.isEmpty());
      assertThat(slotCalls).containsExactly("outcomeFinal with 1 receipt(s) written, 1 not durable");
      assertThat(outcome).isNotDone();
      holding.pending.forEach(f -> f.complete(null));
      assertThat(outcome.get(30, TimeUnit.SECONDS).delivered()).isTrue();
    }
  }

  @Test
  void aDeliveryWhoseReceiptsAreDurableAtOnceEndsWithoutAnOutcomeFinalCall() throws Exception {
    FakeSender sender = new FakeSender(Channel.WEBHOOK, n -> new SendResult.Delivered(200));
    AtomicInteger finals = new AtomicInteger();
    DeliverySlot slot = new DeliverySlot() {
      @Override
      public void release() {}

      @Override
      public void reacquire() {}

      @Override
      public void outcomeFinal() {
        finals.incrementAndGet();
      }
    };
    try (DeliveryEngine engine = engine(sender, policy(3), () -> 0.5)) {
      assertThat(engine.deliver(hook("n12"), slot).get(30, TimeUnit.SECONDS).delivered()).isTrue();
    }
    assertThat(finals).as("the delivery's end gives the slot back; nothing comes before it").hasValue(0);
  }

  @Test
  void slackChannelsArePacedAndNeverExceedTheirRate() throws Exception {
    FakeSender sender = new FakeSender(Channel.SLACK, n -> new SendResult.Delivered(200));
    DeliveryEngine engine = engine(sender, policy(3), () -> 0.5);
    for (int i = 0; i < 12; i++) {
      engine.deliverNow(request(slackChannel("#ops")).setNotificationId("p" + i).build()).get();
    }

    List<Instant> sends = sender.calls;
    assertThat(sends).hasSize(12);
    // Token bucket of 1/s with a burst of 3: any run of k sends spans at least k - 3 seconds.
    for (int i = 0; i < sends.size(); i++) {
      for (int j = i; j < sends.size(); j++) {
        int count = j - i + 1;
        double seconds = Duration.between(sends.get(i), sends.get(j)).toNanos() / 1e9;
        assertThat(count).as("sends %d..%d", i, j).isLessThanOrEqualTo(3 + (int) Math.floor(seconds + 1e-9));
      }
    }
    // The burst goes out at once, then about one message a second.
    assertThat(Duration.between(sends.get(0), sends.get(2))).isLessThan(Duration.ofSeconds(1));
    assertThat(Duration.between(sends.get(2), sends.get(11))).isGreaterThanOrEqualTo(Duration.ofSeconds(9).minusMillis(30));
    assertThat(metrics.count("klaxon.notifier.pacing.waits", "channel", "slack")).isEqualTo(9.0);
  }

  @Test
  void eachSlackChannelHasItsOwnPace() throws Exception {
    FakeSender sender = new FakeSender(Channel.SLACK, n -> new SendResult.Delivered(200));
    DeliveryEngine engine = engine(sender, policy(3), () -> 0.5);
    for (int i = 0; i < 4; i++) {
      engine.deliverNow(request(slackChannel("#ops")).setNotificationId("a" + i).build()).get();
    }
    Instant beforeOther = clock.instant();

    engine.deliverNow(request(slackChannel("#dev")).setNotificationId("b0").build()).get();

    assertThat(sender.calls.getLast()).isEqualTo(beforeOther);
  }

  @Test
  void retryAfterOnOneNotificationHoldsTheWholeChannel() throws Exception {
    FakeSender sender = new FakeSender(Channel.SLACK, n -> n == 1
        ? new SendResult.Retryable(Duration.ofSeconds(2), "Slack API answered HTTP 429", 429) : new SendResult.Delivered(200));
    DeliveryEngine engine = engine(sender, policy(1), () -> 0.0);

    DeliveryReport first = engine.deliverNow(request(slackChannel("#ops")).setNotificationId("r1").build()).get();
    DeliveryReport second = engine.deliverNow(request(slackChannel("#ops")).setNotificationId("r2").build()).get();

    assertThat(first.deadLetter()).isNotNull();
    assertThat(second.delivered()).isTrue();
    assertThat(Duration.between(sender.calls.get(0), sender.calls.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void attemptsInFlightPerTargetAreLimited() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    Sender<WebhookMessage> blocking = new Sender<>() {
      @Override
      public SendResult send(NotificationRequest request, WebhookMessage message) {
        calls.incrementAndGet();
        most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        inFlight.decrementAndGet();
        return new SendResult.Delivered(200);
      }
    };
    try (DeliveryEngine engine = engine(ChannelPipeline.webhook(renderer, blocking), policy(3), () -> 0.5)) {
      List<CompletableFuture<DeliveryReport>> outcomes = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        outcomes.add(engine.deliver(hook("c" + i)));
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> inFlight.get() == 2);
      // The other three wait for a permit of the same target and cannot have called the sender.
      assertThat(calls.get()).isEqualTo(2);

      release.countDown();
      CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }
    assertThat(calls.get()).isEqualTo(5);
    assertThat(most.get()).isEqualTo(2);
  }

  @Test
  void aDeliveryThatWaitedForAPermitWhileItsDestinationWasPausedWaitsOutThePauseBeforeSending() throws Exception {
    CountDownLatch firstAnswers = new CountDownLatch(1);
    CountDownLatch secondAnswers = new CountDownLatch(1);
    Map<String, Instant> sentAt = new ConcurrentHashMap<>();
    Sender<WebhookMessage> sender = new Sender<>() {
      @Override
      public SendResult send(NotificationRequest request, WebhookMessage message) {
        String id = request.getNotificationId();
        sentAt.putIfAbsent(id, clock.instant());
        try {
          if (id.equals("p1")) {
            firstAnswers.await();
            return new SendResult.Retryable(Duration.ofSeconds(30), "webhook answered HTTP 429", 429);
          }
          if (id.equals("p2")) {
            secondAnswers.await();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return new SendResult.Delivered(200);
      }
    };
    try (DeliveryEngine engine = engine(ChannelPipeline.webhook(renderer, sender), policy(1), () -> 0.0)) {
      CompletableFuture<DeliveryReport> first = engine.deliver(hook("p1"));
      CompletableFuture<DeliveryReport> second = engine.deliver(hook("p2"));
      await().atMost(Duration.ofSeconds(30)).until(() -> sentAt.size() == 2);
      // Both of the target's 2 permits are taken: the third passes the (not yet paused) destination
      // and waits for a permit.
      CompletableFuture<DeliveryReport> third = engine.deliver(hook("p3"));
      await().atMost(Duration.ofSeconds(30)).until(() -> engine.waitingOnDestination() == 1);

      Instant answered = clock.instant();
      firstAnswers.countDown();

      assertThat(third.get(30, TimeUnit.SECONDS).delivered()).isTrue();
      assertThat(first.get(30, TimeUnit.SECONDS).deadLetter()).isNotNull();
      // The first answer's Retry-After paused the destination before the third got its permit.
      assertThat(Duration.between(answered, sentAt.get("p3"))).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
      secondAnswers.countDown();
      assertThat(second.get(30, TimeUnit.SECONDS).delivered()).isTrue();
    }
  }

  @Test
  void asyncDeliveryRunsOnVirtualThreads() throws Exception {
    List<Boolean> virtual = new CopyOnWriteArrayList<>();
    Sender<WebhookMessage> sender = new Sender<>() {
      @Override
      public SendResult send(NotificationRequest request, WebhookMessage message) {
        virtual.add(Thread.currentThread().isVirtual());
        return new SendResult.Delivered(200);
      }
    };
    try (DeliveryEngine engine = engine(ChannelPipeline.webhook(renderer, sender), policy(3), () -> 0.5)) {
      DeliveryReport report = engine.deliver(hook("v1")).get();
      assertThat(report.delivered()).isTrue();
    }
    assertThat(virtual).containsExactly(true);
  }

  @Test
  void aSenderWithAPaceOfItsOwnKeepsEachOfItsKeysToIt() throws Exception {
    List<Instant> sends = new CopyOnWriteArrayList<>();
    Sender<RenderedMessage> pagerDuty = new Sender<>() {
      @Override
      public SendResult send(NotificationRequest request, RenderedMessage message) {
        sends.add(clock.instant());
        return new SendResult.Delivered(202);
      }

      @Override
      public Optional<String> pacingKey(NotificationRequest request) {
        return Optional.of("routing-key:one");
      }

      @Override
      public Optional<ChannelPacer.Pace> pace() {
        return Optional.of(new ChannelPacer.Pace(4.0, 6));
      }
    };
    DeliveryEngine engine = engine(ChannelPipeline.pagerDuty(renderer, pagerDuty), policy(3), () -> 0.5);
    for (int i = 0; i < 14; i++) {
      engine.deliverNow(request(Requests.pagerDuty("https://events.pagerduty.example/v2/enqueue", "env:PD"))
          .setNotificationId("pd" + i).setFingerprint("fp-" + i).build()).get();
    }

    assertThat(sends).hasSize(14);
    // Not the engine's Slack pace (1/s, burst 3): a burst of 6 at once, then 4 a second.
    assertThat(Duration.between(sends.get(0), sends.get(5))).isZero();
    assertThat(Duration.between(sends.get(5), sends.get(13))).isBetween(Duration.ofMillis(1_950), Duration.ofMillis(2_050));
    assertThat(metrics.count("klaxon.notifier.pacing.waits", "channel", "pagerduty")).isEqualTo(8.0);
  }

  @Test
  void aPaceNeedsAPositiveRateAndBurst() {
    assertThatThrownBy(() -> new ChannelPacer.Pace(0, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ChannelPacer.Pace(1.0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void targetsWhoseSenderNamesNoPacingKeyAreNotRatePaced() throws Exception {
    FakeSender sender = new FakeSender(Channel.WEBHOOK, n -> new SendResult.Delivered(200));
    DeliveryEngine engine = engine(sender, policy(3), () -> 0.5);
    for (int i = 0; i < 6; i++) {
      engine.deliverNow(hook("w" + i)).get();
    }

    assertThat(clock.sleeps()).isEmpty();
    assertThat(metrics.count("klaxon.notifier.pacing.waits", "channel", "webhook")).isZero();
  }

  @Test
  void retryAfterOfATargetWithoutPacingKeyHoldsOnlyThatTarget() throws Exception {
    FakeSender sender = new FakeSender(Channel.WEBHOOK, n -> n == 1
        ? new SendResult.Retryable(Duration.ofSeconds(2), "HTTP 429", 429) : new SendResult.Delivered(200));
    DeliveryEngine engine = engine(sender, policy(1), () -> 0.0);

    engine.deliverNow(hook("h1")).get();
    Instant afterFirst = clock.instant();
    ChannelTarget hook2 = ChannelTarget.newBuilder(Requests.webhook("https://hooks.acme.example/other", "env:HOOK"))
        .setId("hook-2").build();
    NotificationRequest otherTarget = request(hook2).setNotificationId("h2").build();
    engine.deliverNow(otherTarget).get();
    engine.deliverNow(hook("h3")).get();

    assertThat(sender.calls.get(1)).isEqualTo(afterFirst);
    assertThat(Duration.between(sender.calls.get(0), sender.calls.get(2))).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void twoPipelinesForOneChannelAreRefused() {
    FakeSender one = new FakeSender(Channel.SLACK, n -> new SendResult.Delivered(200));
    FakeSender two = new FakeSender(Channel.SLACK, n -> new SendResult.Delivered(200));

    assertThatThrownBy(() -> new DeliveryEngine(List.of(one.pipeline(), two.pipeline()), outcomes,
        DeliverySettings.defaults(), clock, clock.sleeper(), () -> 0.5, metrics))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SLACK");
  }
}
