package io.klaxon.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.klaxon.events.DeadLetter;
import io.klaxon.events.DeliveryReceipt;
import io.klaxon.events.FailedNotification;
import io.klaxon.notifier.metrics.NotifierMetrics;
import io.klaxon.notifier.testing.FakeClock;
import io.klaxon.notifier.testing.RecordingOutcomes;
import io.klaxon.notifier.testing.Requests;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryingOutcomeRecorderTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-22T12:00:00Z"));
  private final NotifierMetrics metrics = NotifierMetrics.inMemory();
  private final RecordingOutcomes outcomes = new RecordingOutcomes();
  private final RetryingOutcomeRecorder recorder = new RetryingOutcomeRecorder(outcomes,
      new OutcomeWriteBackoff(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofSeconds(30)), clock, metrics);

  @AfterEach
  void close() {
    recorder.close();
  }

  private static DeliveryReceipt receipt(String id) {
    return DeliveryReceipt.newBuilder().setNotificationId(id).setTenantId("acme").setTargetId("hook-1")
        .setChannel(io.klaxon.events.Channel.WEBHOOK).setAttempt(1).setOutcome(io.klaxon.events.DeliveryOutcome.DELIVERED)
        .setLatencyMs(1L).setAttemptedAt(Instant.parse("2026-11-22T12:00:00Z")).build();
  }

  private static FailedNotification deadLetter() {
    return FailedNotification.newBuilder().setRequest(Requests.request(Requests.webhook("https://h.example/x", "env:H")).build())
        .setFailure("webhook answered HTTP 410").setPermanent(true).setAttempts(1)
        .setFailedAt(Instant.parse("2026-11-22T12:00:00Z")).build();
  }

  @Test
  void aWriteThatFailsIsTriedAgainUntilItIsWritten() {
    outcomes.failingFirst(3);

    CompletableFuture<?> written = recorder.receipt(receipt("n1"));

    await().until(written::isDone);
    assertThat(written).isCompleted();
    assertThat(outcomes.writes()).isEqualTo(4);
    assertThat(outcomes.receipts).extracting(DeliveryReceipt::getNotificationId).containsExactly("n1");
    assertThat(metrics.count("klaxon.notifier.outcome.write.failures", "record", "receipt")).isEqualTo(3.0);
    assertThat(recorder.failing()).isZero();
  }

  @Test
  void aWriteThatKeepsFailingIsFailingAndStuckOnlyAfterTheGraceTime() {
    outcomes.failingFirst(Integer.MAX_VALUE);

    CompletableFuture<?> written = recorder.deadLetter("acme", deadLetter());

    await().until(() -> outcomes.writes() >= 3);
    assertThat(written).isNotDone();
    assertThat(recorder.failing()).isEqualTo(1);
    assertThat(metrics.registry().get("klaxon.notifier.outcome.writes.failing").gauge().value()).isEqualTo(1.0);
    assertThat(metrics.count("klaxon.notifier.outcome.write.failures", "record", "dead_letter")).isGreaterThanOrEqualTo(2.0);
    assertThat(recorder.stuck()).isZero();

    clock.advance(Duration.ofSeconds(30));
    assertThat(recorder.stuck()).isEqualTo(1);
  }

  @Test
  void aWriteThatThrowsIsTriedAgainLikeOneThatFails() {
    AtomicInteger tries = new AtomicInteger();
    OutcomeRecorder throwing = new OutcomeRecorder() {
      @Override
      public CompletableFuture<?> receipt(DeliveryReceipt receipt) {
        if (tries.incrementAndGet() == 1) {
          throw new IllegalStateException("registry unavailable");
        }
        return CompletableFuture.completedFuture(null);
      }

      @Override
      public CompletableFuture<?> deadLetter(String tenantId, FailedNotification failed) {
        throw new UnsupportedOperationException();
      }

      @Override
      public CompletableFuture<?> undecodable(DeadLetter letter) {
        throw new UnsupportedOperationException();
      }
    };
    try (RetryingOutcomeRecorder retrying = new RetryingOutcomeRecorder(throwing,
        new OutcomeWriteBackoff(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ZERO), clock,
        NotifierMetrics.inMemory())) {
      CompletableFuture<?> written = retrying.receipt(receipt("n2"));

      await().until(written::isDone);
      assertThat(written).isCompleted();
      assertThat(tries.get()).isEqualTo(2);
    }
  }

  @Test
  void closingGivesUpOnWritesStillFailing() {
    outcomes.failingFirst(Integer.MAX_VALUE);
    CompletableFuture<?> written = recorder.receipt(receipt("n3"));
    await().until(() -> outcomes.writes() >= 2);

    recorder.close();

    // Failed with a CancellationException: the write was given up, not refused.
    assertThat(written).isCancelled();
    assertThat(recorder.failing()).isZero();
  }
}
