package io.klaxon.streams.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.Severity;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {
  private static final long T0 = 1_000_000L;
  /** TRIAL's defaults: 60/min (one token a second), burst 20; reserve 6/min, burst 5. */
  private static final Limits TRIAL = new Limits(60, 20, 6, 5);

  private BucketState state = BucketState.full(TRIAL, T0);

  /** Offers {@code count} events at {@code time}; returns how many passed. */
  private int offer(int count, Severity severity, long time) {
    int allowed = 0;
    for (int i = 0; i < count; i++) {
      TokenBuckets.Decision decision = TokenBuckets.take(state, TRIAL, severity, time);
      state = decision.state();
      allowed += decision.allowed() ? 1 : 0;
    }
    return allowed;
  }

  @Test
  void aFullBucketPassesItsBurstThenRefuses() {
    assertThat(offer(25, Severity.HIGH, T0)).isEqualTo(20);
  }

  @Test
  void tokensComeBackWithRecordTimeNotWallClockTime() {
    offer(20, Severity.HIGH, T0);

    assertThat(offer(1, Severity.HIGH, T0 + 999)).as("less than a second later").isZero();
    assertThat(offer(5, Severity.HIGH, T0 + 5_000)).as("five seconds later, five tokens").isEqualTo(5);
    assertThat(offer(1, Severity.HIGH, T0 + 5_000)).isZero();
  }

  @Test
  void aQuietPeriodRefillsNoMoreThanTheBurst() {
    offer(20, Severity.HIGH, T0);

    assertThat(offer(30, Severity.HIGH, T0 + 3_600_000)).isEqualTo(20);
  }

  @Test
  void aRecordFromThePastRefillsNothingAndDoesNotMoveTheClockBack() {
    offer(20, Severity.HIGH, T0 + 10_000);

    assertThat(offer(1, Severity.HIGH, T0)).isZero();
    assertThat(state.lastRefill()).isEqualTo(T0 + 10_000);
    assertThat(offer(2, Severity.HIGH, T0 + 11_000)).as("one second after the latest record").isEqualTo(1);
  }

  @Test
  void criticalAlertsDrawOnTheirReserveOnceTheMainBucketIsEmpty() {
    offer(20, Severity.INFO, T0);

    assertThat(offer(1, Severity.HIGH, T0)).as("HIGH has no reserve").isZero();
    assertThat(offer(10, Severity.CRITICAL, T0)).as("the reserve's burst").isEqualTo(5);
    assertThat(state.tokens()).isLessThan(1);
    assertThat(state.criticalTokens()).isLessThan(1);
  }

  @Test
  void criticalAlertsSpendTheMainBucketFirstAndKeepTheReserve() {
    assertThat(offer(20, Severity.CRITICAL, T0)).isEqualTo(20);

    assertThat(state.criticalTokens()).isEqualTo(5);
  }

  @Test
  void theReserveRefillsAtItsOwnRate() {
    offer(20, Severity.INFO, T0);
    offer(5, Severity.CRITICAL, T0);

    // The reserve refills 6/min: one token every ten seconds (the main bucket gets ten meanwhile).
    offer(10, Severity.INFO, T0 + 10_000);
    assertThat(offer(2, Severity.CRITICAL, T0 + 10_000)).isEqualTo(1);
  }

  @Test
  void refusedEventsAreCountedBySeverityInTheWindow() {
    offer(20, Severity.INFO, T0);
    offer(7, Severity.INFO, T0 + 10);
    offer(3, Severity.HIGH, T0 + 20);

    assertThat(state.suppressed()).containsExactly(0, 3, 0, 7);
    assertThat(state.suppressedTotal()).isEqualTo(10);
    assertThat(state.windowStart()).isEqualTo(T0);
  }

  @Test
  void theSameRecordsGiveTheSameDecisions() {
    long[] times = {T0, T0 + 10, T0 + 700, T0 + 1_500, T0 + 1_500, T0 + 40_000};
    StringBuilder first = new StringBuilder();
    StringBuilder replay = new StringBuilder();
    for (StringBuilder run : new StringBuilder[] {first, replay}) {
      state = BucketState.full(TRIAL, T0);
      for (long time : times) {
        run.append(offer(8, Severity.WARNING, time)).append(',');
      }
    }

    assertThat(replay).hasToString(first.toString());
    assertThat(first).hasToString("8,8,4,1,0,8,");
  }
}
