package io.klaxon.sinks.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class PostingLimitsTest {
  private final InstantSource clock = InstantSource.fixed(Instant.parse("2026-11-22T10:00:00Z"));

  @Test
  void refusesPastTheBurstPerKeyWithWholeSecondsToWaitAndCountsRefusals() {
    PostingLimits limits = new PostingLimits(SlackApiSettings.defaults().withRateLimit(0.5, 2), clock);

    assertThat(limits.retryAfterSeconds("C1")).isEmpty();
    assertThat(limits.retryAfterSeconds("C1")).isEmpty();
    assertThat(limits.retryAfterSeconds("C1")).hasValue(2);
    assertThat(limits.retryAfterSeconds("C2")).as("another channel has its own limit").isEmpty();
    assertThat(limits.retryAfterSeconds("C1")).hasValue(2);
    assertThat(limits.refusedCount()).isEqualTo(2);
  }

  @Test
  void neverRefusesWhenTurnedOff() {
    PostingLimits limits = new PostingLimits(SlackApiSettings.defaults().withRateLimit(0.5, 1).withoutRateLimit(), clock);

    for (int i = 0; i < 10; i++) {
      assertThat(limits.retryAfterSeconds("C1")).isEmpty();
    }
    assertThat(limits.refusedCount()).isZero();
  }
}
