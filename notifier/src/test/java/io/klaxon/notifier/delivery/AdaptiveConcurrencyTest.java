package io.klaxon.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AdaptiveConcurrencyTest {
  private static final Duration FAST = Duration.ofMillis(2);
  private static final SendResult OK = new SendResult.Delivered(200);
  private static final SendResult TOO_MANY = new SendResult.Retryable(Duration.ofSeconds(1), "webhook answered 429", 429);
  private static final SendResult DOWN = new SendResult.Retryable(Duration.ZERO, "webhook answered 503", 503);

  /** Takes every free permit, then completes them all with {@code result} after {@code latency}. */
  private static int round(AdaptiveConcurrency limit, SendResult result, Duration latency) {
    List<AdaptiveConcurrency.Permit> permits = new ArrayList<>();
    for (AdaptiveConcurrency.Permit p = limit.tryAcquire(); p != null; p = limit.tryAcquire()) {
      permits.add(p);
    }
    permits.forEach(p -> p.complete(result, latency));
    return permits.size();
  }

  @Test
  void startsAtTheInitialLimitAndRefusesBeyondIt() {
    AdaptiveConcurrency limit = new AdaptiveConcurrency(new AdaptiveConcurrency.Limits(1, 3, 10));
    List<AdaptiveConcurrency.Permit> held = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      held.add(limit.tryAcquire());
    }
    assertThat(held).doesNotContainNull();
    assertThat(limit.tryAcquire()).isNull();
    assertThat(limit.inFlight()).isEqualTo(3);

    held.getFirst().complete(null, Duration.ZERO);
    assertThat(limit.inFlight()).isEqualTo(2);
    assertThat(limit.tryAcquire()).isNotNull();
  }

  @Test
  void doublesEveryRoundWhileTheDestinationAnswersFastUpToTheMaximum() {
    AdaptiveConcurrency limit = new AdaptiveConcurrency(new AdaptiveConcurrency.Limits(1, 4, 100));
    assertThat(round(limit, OK, FAST)).isEqualTo(4);
    assertThat(limit.limit()).isEqualTo(8);
    assertThat(round(limit, OK, FAST)).isEqualTo(8);
    assertThat(limit.limit()).isEqualTo(16);
    for (int i = 0; i < 10; i++) {
      round(limit, OK, FAST);
    }
    assertThat(limit.limit()).isEqualTo(100);
  }

  @Test
  void halvesOnceForABurstOfFailuresThatWereInFlightTogether() {
    AdaptiveConcurrency limit = new AdaptiveConcurrency(new AdaptiveConcurrency.Limits(1, 32, 100));
    assertThat(round(limit, TOO_MANY, FAST)).isEqualTo(32);
    // 32 failures started under the same limit: one halving, not 32.
    assertThat(limit.limit()).isEqualTo(16);
    round(limit, DOWN, FAST);
    assertThat(limit.limit()).isEqualTo(8);
  }

  @Test
  void timeoutsAndBrokenConnectionsHalveToo() {
    AdaptiveConcurrency limit = new AdaptiveConcurrency(new AdaptiveConcurrency.Limits(2, 16, 100));
    limit.tryAcquire().complete(SendResult.Retryable.timedOut("webhook timed out"), Duration.ofSeconds(10));
    assertThat(limit.limit()).isEqualTo(8);
    limit.tryAcquire().complete(new SendResult.Retryable(Duration.ZERO, "webhook connection failed"), FAST);
    assertThat(limit.limit()).isEqualTo(4);
    limit.tryAcquire().complete(DOWN, FAST);
    limit.tryAcquire().complete(DOWN, FAST);
    assertThat(limit.limit()).isEqualTo(2);
  }

  @Test
  void growsByOnePerRoundAfterASetback() {
    AdaptiveConcurrency limit = new AdaptiveConcurrency(new AdaptiveConcurrency.Limits(1, 20, 100));
    round(limit, OK, FAST);
    assertThat(limit.limit()).isEqualTo(40);
    limit.tryAcquire().complete(TOO_MANY, FAST);
    assertThat(limit.limit()).isEqualTo(20);
    round(limit, OK, FAST);
    assertThat(limit.limit()).isEqualTo(20);
    round(limit, OK, FAST);
    assertThat(limit.limit()).isEqualTo(21);
  }

  @Test
  void stopsGrowingWhenLatencyRisesAndGrowsAgainWhenItRecovers() {
    AdaptiveConcurrency limit = new AdaptiveConcurrency(new AdaptiveConcurrency.Limits(1, 8, 1_000));
    round(limit, OK, Duration.ofMillis(10));
    assertThat(limit.limit()).isEqualTo(16);
    // Ten times the usual latency: the destination queues; the limit holds.
    for (int i = 0; i < 5; i++) {
      round(limit, OK, Duration.ofMillis(100));
    }
    assertThat(limit.limit()).isEqualTo(16);
    for (int i = 0; i < 20; i++) {
      round(limit, OK, Duration.ofMillis(10));
    }
    assertThat(limit.limit()).isGreaterThan(16);
  }

  @Test
  void anIdleDestinationKeepsItsLimit() {
    AdaptiveConcurrency limit = new AdaptiveConcurrency(new AdaptiveConcurrency.Limits(1, 16, 100));
    for (int i = 0; i < 1_000; i++) {
      limit.tryAcquire().complete(OK, FAST);
    }
    assertThat(limit.limit()).isEqualTo(16);
  }

  @Test
  void neverFallsBelowTheMinimumNorMovesWhenFixed() {
    AdaptiveConcurrency adaptive = new AdaptiveConcurrency(new AdaptiveConcurrency.Limits(3, 4, 10));
    for (int i = 0; i < 5; i++) {
      round(adaptive, DOWN, FAST);
    }
    assertThat(adaptive.limit()).isEqualTo(3);

    AdaptiveConcurrency fixed = new AdaptiveConcurrency(AdaptiveConcurrency.Limits.fixed(4));
    round(fixed, OK, FAST);
    round(fixed, DOWN, FAST);
    assertThat(fixed.limit()).isEqualTo(4);
  }

  @Test
  void permanentFailuresTeachNothing() {
    AdaptiveConcurrency limit = new AdaptiveConcurrency(new AdaptiveConcurrency.Limits(1, 4, 100));
    round(limit, new SendResult.Permanent("webhook answered 404", 404), FAST);
    assertThat(limit.limit()).isEqualTo(4);
  }

  @Test
  void aPermitCompletedTwiceIsGivenBackOnce() {
    AdaptiveConcurrency limit = new AdaptiveConcurrency(AdaptiveConcurrency.Limits.fixed(2));
    AdaptiveConcurrency.Permit first = limit.tryAcquire();
    limit.tryAcquire();
    first.complete(OK, FAST);
    first.complete(OK, FAST);
    assertThat(limit.inFlight()).isEqualTo(1);
  }

  @Test
  void aWaiterGetsThePermitThatIsGivenBack() throws Exception {
    AdaptiveConcurrency limit = new AdaptiveConcurrency(AdaptiveConcurrency.Limits.fixed(1));
    AdaptiveConcurrency.Permit held = limit.tryAcquire();
    CompletableFuture<AdaptiveConcurrency.Permit> waiter = new CompletableFuture<>();
    Thread.ofVirtual().start(() -> {
      try {
        waiter.complete(limit.acquire());
      } catch (InterruptedException e) {
        waiter.completeExceptionally(e);
      }
    });
    assertThat(waiter).isNotDone();
    held.complete(OK, FAST);
    assertThat(waiter.get(30, TimeUnit.SECONDS)).isNotNull();
    assertThat(limit.inFlight()).isEqualTo(1);
  }

  @Test
  void boundsMustBeOrdered() {
    assertThatThrownBy(() -> new AdaptiveConcurrency.Limits(0, 1, 2)).hasMessageContaining("min 0");
    assertThatThrownBy(() -> new AdaptiveConcurrency.Limits(4, 2, 8)).hasMessageContaining("initial 2");
    assertThatThrownBy(() -> new AdaptiveConcurrency.Limits(1, 8, 4)).hasMessageContaining("max 4");
  }
}
