package io.klaxon.sinks.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class KeyedRateLimiterTest {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T10:00:00Z"));
  private final InstantSource clock = now::get;

  @Test
  void allowsABurstThenAsksToWaitForTheNextToken() {
    KeyedRateLimiter limiter = new KeyedRateLimiter(1.0, 3, clock);
    assertThat(limiter.acquire("C1")).isZero();
    assertThat(limiter.acquire("C1")).isZero();
    assertThat(limiter.acquire("C1")).isZero();
    assertThat(limiter.acquire("C1")).isEqualTo(Duration.ofSeconds(1));
    assertThat(limiter.acquire("C2")).as("keys are limited separately").isZero();
    now.set(now.get().plusMillis(400));
    assertThat(limiter.acquire("C1")).isBetween(Duration.ofMillis(599), Duration.ofMillis(601));
    now.set(now.get().plusMillis(601));
    assertThat(limiter.acquire("C1")).isZero();
    assertThat(limiter.acquire("C1")).isPositive();
  }

  @Test
  void refillsNoMoreThanTheBurst() {
    KeyedRateLimiter limiter = new KeyedRateLimiter(1.0, 2, clock);
    limiter.acquire("C1");
    now.set(now.get().plusSeconds(60));
    assertThat(limiter.acquire("C1")).isZero();
    assertThat(limiter.acquire("C1")).isZero();
    assertThat(limiter.acquire("C1")).isPositive();
  }

  @Test
  void roundsRetryAfterUpToWholeSeconds() {
    assertThat(KeyedRateLimiter.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
    assertThat(KeyedRateLimiter.retryAfterSeconds(Duration.ofMillis(1_001))).isEqualTo(2);
    assertThat(KeyedRateLimiter.retryAfterSeconds(Duration.ofSeconds(3))).isEqualTo(3);
    assertThat(KeyedRateLimiter.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
  }

  @Test
  void forgetsIdleKeysOnlyWhenTheyHaveRefilled() {
    KeyedRateLimiter limiter = new KeyedRateLimiter(1.0, 1, clock);
    for (int i = 0; i < KeyedRateLimiter.MAX_KEYS; i++) {
      limiter.acquire("C" + i);
    }
    now.set(now.get().plusSeconds(2));
    assertThat(limiter.acquire("new")).isZero();
    assertThat(limiter.acquire("new")).as("the new key is limited as usual").isPositive();
    assertThat(limiter.acquire("C1")).as("a forgotten key starts with a full bucket").isZero();
  }
}
