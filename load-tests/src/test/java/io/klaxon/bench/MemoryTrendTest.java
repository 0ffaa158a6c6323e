package io.klaxon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class MemoryTrendTest {

  @Test
  void aProcessThatFillsUpEarlyAndThenHoldsIsFlat() {
    // Grows 10 MiB a second for the first 100 s, then holds at 1,500 MiB for 500 s.
    List<Sample> samples = samples(600, second -> Math.min(500 + 10.0 * second, 1_500), second -> 400);

    MemoryTrend.Trend streams = MemoryTrend.of(samples).get("streams-1");

    assertThat(streams.firstMiB()).isEqualTo(500.0);
    assertThat(streams.halfWayMiB()).isEqualTo(1_500.0);
    assertThat(streams.lastMiB()).isEqualTo(1_500.0);
    assertThat(streams.maxMiB()).isEqualTo(1_500.0);
    assertThat(streams.secondHalfMiBPerHour()).isEqualTo(0.0);
    assertThat(streams.flat()).isTrue();
  }

  @Test
  void aProcessThatKeepsGrowingIsNotFlatAndItsSlopeIsPerHour() {
    // 1,000 MiB plus 0.1 MiB a second: 360 MiB an hour, 36% of what it holds.
    List<Sample> samples = samples(600, second -> 1_000 + 0.1 * second, second -> 400);

    Map<String, MemoryTrend.Trend> trends = MemoryTrend.of(samples);

    assertThat(trends.get("streams-1").secondHalfMiBPerHour()).isCloseTo(360.0, Offset.offset(0.5));
    assertThat(trends.get("streams-1").flat()).isFalse();
    assertThat(trends.get("notifier-1").flat()).isTrue();
    assertThat(trends.get("pipeline (all but the harness)").secondHalfMiBPerHour())
        .as("the pipeline's total grows with its one growing process").isCloseTo(360.0, Offset.offset(0.5));
  }

  @Test
  void growthJustBelowTheThresholdIsFlatAndJustAboveIsNot() {
    // Half-way RSS ~1,000 MiB: 5% an hour is 50 MiB an hour, 0.01389 MiB a second.
    assertThat(MemoryTrend.of(samples(3_600, second -> 1_000 + 0.0130 * (second - 1_800), s -> 1))
        .get("streams-1").flat()).isTrue();
    assertThat(MemoryTrend.of(samples(3_600, second -> 1_000 + 0.0150 * (second - 1_800), s -> 1))
        .get("streams-1").flat()).isFalse();
  }

  @Test
  void tooFewSamplesGiveNoTrend() {
    assertThat(MemoryTrend.of(samples(3, second -> 100, second -> 100))).isEmpty();
  }

  private static List<Sample> samples(int seconds, IntToDoubleFunction streams, IntToDoubleFunction notifier) {
    List<Sample> samples = new ArrayList<>();
    for (int second = 0; second < seconds; second++) {
      double s = streams.applyAsDouble(second);
      double n = notifier.applyAsDouble(second);
      samples.add(new Sample(second, "soak", 0, 0, 0, 0, 0, 0, 0, 0, s + n, Map.of(),
          Map.of("streams-1", s, "notifier-1", n, ProcessTable.HARNESS, 700.0)));
    }
    return samples;
  }
}
