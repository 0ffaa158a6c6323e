package io.klaxon.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private final Instant t0 = Instant.parse("2026-11-22T12:00:00Z");

  @Test
  void burstThenOnePerSecondByReservation() {
    TokenBucket bucket = new TokenBucket(1.0, 2, t0);
    assertThat(bucket.reserve(t0)).isZero();
    assertThat(bucket.reserve(t0)).isZero();
    assertThat(bucket.reserve(t0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(bucket.reserve(t0)).isEqualTo(Duration.ofSeconds(2));
    assertThat(bucket.reserve(t0.plusSeconds(10))).isZero();
  }

  @Test
  void pauseHoldsReservationsUntilItEnds() {
    TokenBucket bucket = new TokenBucket(1.0, 3, t0);
    bucket.pauseUntil(t0.plusSeconds(2));
    assertThat(bucket.reserve(t0)).isEqualTo(Duration.ofSeconds(2));
    assertThat(bucket.reserve(t0.plusSeconds(1))).isEqualTo(Duration.ofSeconds(1));
    bucket.pauseUntil(t0.plusSeconds(1));
    assertThat(bucket.reserve(t0.plusSeconds(3))).isZero();
  }

  @Test
  void unpacedBucketOnlyPauses() {
    TokenBucket bucket = new TokenBucket(0, 1, t0);
    for (int i = 0; i < 100; i++) {
      assertThat(bucket.reserve(t0)).isZero();
    }
    bucket.pauseUntil(t0.plusMillis(500));
    assertThat(bucket.reserve(t0)).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void retryAfterHeaderReadsSecondsAndDates() {
    Instant now = Instant.parse("2015-10-21T07:28:00Z");
    assertThat(RetryAfter.parse("2", now)).isEqualTo(Duration.ofSeconds(2));
    assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:30 GMT", now)).isEqualTo(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse("soon", now)).isZero();
    assertThat(RetryAfter.parse(null, now)).isZero();
    assertThat(RetryAfter.parse("-5", now)).isZero();
    // Too large to be honoured, but never mistaken for "no wait": the engine caps it.
    assertThat(RetryAfter.parse("99999999999999999999999", now)).isGreaterThan(Duration.ofDays(365));
    assertThat(RetryAfter.parse("Fri, 31 Dec 9999 23:59:59 GMT", now)).isGreaterThan(Duration.ofDays(365));
  }
}
