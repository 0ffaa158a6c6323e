package io.klaxon.streams.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klaxon.events.Severity;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class BucketStateTest {
  private final Serde<BucketState> serde = BucketState.serde();

  @Test
  void theStoreFormatReadsBackWhatItWrote() {
    BucketState state = new BucketState(12.5, 3.25, 1_000L, 900L, new long[] {1, 2, 0, 4});

    byte[] bytes = serde.serializer().serialize("rate-limit-store", state);
    BucketState read = serde.deserializer().deserialize("rate-limit-store", bytes);

    assertThat(bytes).hasSize(65);
    assertThat(read.tokens()).isEqualTo(12.5);
    assertThat(read.criticalTokens()).isEqualTo(3.25);
    assertThat(read.lastRefill()).isEqualTo(1_000L);
    assertThat(read.windowStart()).isEqualTo(900L);
    assertThat(read.suppressed()).containsExactly(1, 2, 0, 4);
  }

  @Test
  void anotherLayoutIsRefusedNamingItsSize() {
    assertThatThrownBy(() -> serde.deserializer().deserialize("rate-limit-store", new byte[] {1, 2, 3}))
        .isInstanceOf(SerializationException.class).hasMessageContaining("3 bytes");
  }

  @Test
  void suppressedCountsBySeverityLeaveOutSeveritiesWithout() {
    BucketState state = new BucketState(0, 0, 0, 0, new long[] {0, 3, 0, 7});

    assertThat(state.suppressedBySeverity()).containsExactly(Map.entry(Severity.HIGH, 3L), Map.entry(Severity.INFO, 7L));
  }

  @Test
  void aNewWindowKeepsTheTokensAndForgetsTheCounts() {
    BucketState state = new BucketState(1.5, 2.5, 100, 0, new long[] {0, 3, 0, 7});

    BucketState next = state.withWindowStartingAt(60_000);

    assertThat(next.tokens()).isEqualTo(1.5);
    assertThat(next.criticalTokens()).isEqualTo(2.5);
    assertThat(next.lastRefill()).isEqualTo(100);
    assertThat(next.windowStart()).isEqualTo(60_000);
    assertThat(next.suppressedTotal()).isZero();
  }
}
