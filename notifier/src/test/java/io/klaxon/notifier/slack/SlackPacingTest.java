package io.klaxon.notifier.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.DeliveryOutcome;
import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.delivery.ChannelPipeline;
import io.klaxon.notifier.delivery.DeliveryEngine;
import io.klaxon.notifier.delivery.DeliveryReport;
import io.klaxon.notifier.delivery.DeliverySettings;
import io.klaxon.notifier.delivery.RetryPolicy;
import io.klaxon.notifier.delivery.SendResult;
import io.klaxon.notifier.delivery.Sender;
import io.klaxon.notifier.metrics.NotifierMetrics;
import io.klaxon.notifier.render.MessageBundles;
import io.klaxon.notifier.render.Renderer;
import io.klaxon.notifier.render.SlackMessage;
import io.klaxon.ops.secret.Secret;
import io.klaxon.ops.secret.SecretResolver;
import io.klaxon.ops.secret.TenantSecrets;
import io.klaxon.notifier.testing.FakeClock;
import io.klaxon.notifier.testing.RecordingOutcomes;
import io.klaxon.notifier.testing.Requests;
import io.klaxon.notifier.testing.ScriptedHttpServer;
import io.klaxon.notifier.testing.ScriptedHttpServer.Answer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pacing and Retry-After end to end through the real Slack SDK against a local server that
 * answers 429, with time on a fake clock (the engine waits by advancing it).
 */
class SlackPacingTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-22T12:00:00Z"));
  private final NotifierMetrics metrics = NotifierMetrics.inMemory();
  private final RecordingOutcomes outcomes = new RecordingOutcomes();
  private final List<Instant> attempts = new CopyOnWriteArrayList<>();
  private final List<SendResult> results = new CopyOnWriteArrayList<>();
  private ScriptedHttpServer server;
  private DeliveryEngine engine;

  @BeforeEach
  void start() throws Exception {
    server = new ScriptedHttpServer(Answer.of(200, SlackApiSenderTest.OK));
    SlackSender slack = new SlackSender(SlackSender.config(server.url("/api/"), Duration.ofSeconds(5)), SlackApiSenderTest.LOCAL,
        new TenantSecrets(new SecretResolver(name -> null), null), new Secret("xoxb-test"), clock);
    Sender<SlackMessage> timed = new Sender<>() {
      @Override
      public Optional<String> pacingKey(NotificationRequest request) {
        return slack.pacingKey(request);
      }

      @Override
      public SendResult send(NotificationRequest request, SlackMessage message) {
        attempts.add(clock.instant());
        SendResult result = slack.send(request, message);
        results.add(result);
        return result;
      }
    };
    engine = new DeliveryEngine(List.of(ChannelPipeline.slack(new Renderer(MessageBundles.builtIn(), "en", metrics), timed)),
        outcomes,
        new DeliverySettings(new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(30), 2.0, 5, Duration.ofMinutes(5)),
            1.0, 2, 4),
        clock, clock.sleeper(), () -> 0.0, metrics);
  }

  @AfterEach
  void stop() {
    engine.close();
    server.close();
  }

  private DeliveryReport deliver(String id, String channel) throws Exception {
    return engine.deliverNow(Requests.request(Requests.slackChannel(channel)).setNotificationId(id)
        // Each its own alert: notifications of one alert reply in its thread and update its first message.
        .setFingerprint("alert-" + id).build()).get();
  }

  @Test
  void retryAfterTwoSecondsDelaysTheNextAttemptToTheChannelByAtLeastTwoSeconds() throws Exception {
    server.enqueue(Answer.withHeader(429, "Retry-After", "2", "{\"ok\":false,\"error\":\"ratelimited\"}"));

    DeliveryReport first = deliver("n1", "C0123456789");
    DeliveryReport second = deliver("n2", "C0123456789");

    assertThat(results.getFirst()).isEqualTo(new SendResult.Retryable(Duration.ofSeconds(2), "Slack API answered HTTP 429", 429));
    assertThat(first.receipts()).extracting(r -> r.getOutcome())
        .containsExactly(DeliveryOutcome.RETRY_SCHEDULED, DeliveryOutcome.DELIVERED);
    assertThat(first.receipts().getFirst().getRetryAfterMs()).isEqualTo(2_000L);
    assertThat(Duration.between(attempts.get(0), attempts.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    assertThat(second.delivered()).isTrue();
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void aChannelNeverExceedsItsPace() throws Exception {
    for (int i = 0; i < 10; i++) {
      assertThat(deliver("p" + i, "C0123456789").delivered()).isTrue();
    }

    assertThat(server.requests()).hasSize(10);
    // 1 message/s with a burst of 2: any k consecutive messages span at least k - 2 seconds.
    for (int i = 0; i < attempts.size(); i++) {
      for (int j = i; j < attempts.size(); j++) {
        double seconds = Duration.between(attempts.get(i), attempts.get(j)).toNanos() / 1e9;
        assertThat(j - i + 1).isLessThanOrEqualTo(2 + (int) Math.floor(seconds + 1e-9));
      }
    }
    assertThat(Duration.between(attempts.getFirst(), attempts.getLast())).isGreaterThanOrEqualTo(Duration.ofSeconds(8));
    assertThat(metrics.count("klaxon.notifier.pacing.waits", "channel", "slack")).isEqualTo(8.0);
  }
}
