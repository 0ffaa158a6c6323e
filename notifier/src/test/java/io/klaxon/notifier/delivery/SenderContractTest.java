package io.klaxon.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.metrics.NotifierMetrics;
import io.klaxon.notifier.render.MessageBundles;
import io.klaxon.notifier.render.RenderedMessage;
import io.klaxon.notifier.render.Renderer;
import io.klaxon.notifier.testing.FakeClock;
import io.klaxon.embedded.junit.LogCapture;
import io.klaxon.notifier.testing.RecordingOutcomes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Sender} keeps, run against a real local server of its channel: an
 * accepted message is delivered; a server error or rate limit is retryable (a rate limit after
 * exactly its Retry-After); any other refusal is permanent; a server that does not answer, or
 * stalls in the middle of its answer, is a retryable timeout; and the secret the sender uses never shows in a result, receipt, dead letter
 * or log line. Each channel's test extends this class and scripts its server.
 */
public abstract class SenderContractTest<M extends RenderedMessage> {
  /** The secret the sender under test must use and must never reveal. */
  protected static final String SECRET = "s3cr3t-Value-9f8e7d6c5b4a";

  protected final NotifierMetrics metrics = NotifierMetrics.inMemory();
  protected final Renderer renderer = new Renderer(MessageBundles.builtIn(), "en", metrics);

  /** The sender under test, talking to the test server, paired with its channel's rendering. */
  protected abstract ChannelPipeline<M> pipeline();

  /** A request whose target is the test server. */
  protected abstract NotificationRequest request();

  /** The server accepts the next message. */
  protected abstract void serverAccepts();

  /** The server fails the next message transiently (HTTP 5xx, SMTP 4xx). */
  protected abstract void serverFailsTransiently();

  /** The server refuses the next message for good (HTTP 4xx, SMTP 5xx). */
  protected abstract void serverRefuses();

  /** The server never answers the next message. */
  protected abstract void serverHangs();

  /**
   * The server starts answering the next message and then stalls in the middle of its answer (an
   * HTTP body announced but never sent, an SMTP reply that never ends), each piece arriving well
   * within a per-read timeout.
   */
  protected abstract void serverStallsMidAnswer();

  /** Whether the channel's rate-limit answer says how long to wait (HTTP Retry-After). */
  protected boolean hasRetryAfter() {
    return true;
  }

  /** The status code of the channel's rate-limit answer. */
  protected int rateLimitStatus() {
    return 429;
  }

  /**
   * The server answers the next message with a rate limit, asking to wait {@code seconds} when
   * the channel can say so.
   */
  protected abstract void serverRateLimits(int seconds);

  protected final SendResult send() {
    NotificationRequest request = request();
    ChannelPipeline<M> pipeline = pipeline();
    return pipeline.sender().send(request, pipeline.render(request));
  }

  @Test
  void acceptedMessageIsDelivered() {
    serverAccepts();
    assertThat(send()).isInstanceOf(SendResult.Delivered.class);
  }

  @Test
  void serverErrorIsRetryable() {
    serverFailsTransiently();
    assertThat(send()).isInstanceOf(SendResult.Retryable.class);
  }

  @Test
  void rateLimitIsRetryableAfterExactlyItsRetryAfter() {
    serverRateLimits(7);
    SendResult result = send();
    assertThat(result).isInstanceOfSatisfying(SendResult.Retryable.class, r -> {
      assertThat(r.after()).isEqualTo(hasRetryAfter() ? Duration.ofSeconds(7) : Duration.ZERO);
      assertThat(r.statusCode()).isEqualTo(rateLimitStatus());
    });
  }

  @Test
  void refusalIsPermanent() {
    serverRefuses();
    assertThat(send()).isInstanceOf(SendResult.Permanent.class);
  }

  @Test
  void timeoutIsRetryable() {
    serverHangs();
    assertThat(send()).isInstanceOfSatisfying(SendResult.Retryable.class, r -> {
      assertThat(r.reason()).containsIgnoringCase("timed out");
      assertThat(r.timedOut()).isTrue();
    });
  }

  @Test
  void aStalledAnswerTimesOutLikeNoAnswer() {
    serverStallsMidAnswer();

    CompletableFuture<SendResult> result = CompletableFuture.supplyAsync(this::send);

    await().atMost(Duration.ofSeconds(10)).until(result::isDone);
    assertThat(result.join()).isInstanceOfSatisfying(SendResult.Retryable.class, r -> {
      assertThat(r.reason()).containsIgnoringCase("timed out");
      assertThat(r.timedOut()).isTrue();
    });
  }

  @Test
  void secretNeverShowsInResultsReceiptsDeadLettersOrLogs() throws Exception {
    List<Runnable> scenarios = List.of(this::serverAccepts, this::serverFailsTransiently,
        this::serverRefuses, this::serverHangs, () -> serverRateLimits(3));
    FakeClock clock = new FakeClock(Instant.parse("2026-11-22T12:00:00Z"));
    RecordingOutcomes outcomes = new RecordingOutcomes();
    List<String> seen = new ArrayList<>();
    try (LogCapture logs = new LogCapture()) {
      DeliveryEngine engine = new DeliveryEngine(List.of(pipeline()), outcomes,
          new DeliverySettings(new RetryPolicy(Duration.ZERO, Duration.ZERO, 1.0, 1, Duration.ofHours(1)), 100, 100, 4),
          clock, clock.sleeper(), () -> 0.0, metrics);
      for (Runnable scenario : scenarios) {
        scenario.run();
        seen.add(send().toString());
        scenario.run();
        seen.add(engine.deliverNow(request()).get().toString());
      }
      seen.addAll(logs.lines());
    }
    outcomes.receipts.forEach(r -> seen.add(r.toString()));
    outcomes.deadLetters.forEach(d -> seen.add(d.toString()));
    assertThat(outcomes.receipts).hasSizeGreaterThanOrEqualTo(scenarios.size());
    assertThat(seen).noneSatisfy(line -> assertThat(line).contains(SECRET));
  }
}
