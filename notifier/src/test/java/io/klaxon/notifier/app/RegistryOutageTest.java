package io.klaxon.notifier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.notifier.metrics.NotifierMetrics;
import io.klaxon.notifier.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryOutageTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-22T12:00:00Z"));
  private final NotifierMetrics metrics = NotifierMetrics.inMemory();
  private final RegistryOutage outage = new RegistryOutage(clock, metrics);

  private double unavailable() {
    return metrics.registry().get("klaxon.notifier.registry.unavailable").gauge().value();
  }

  @Test
  void readsAgainAfterABackoffThatDoublesUpToThirtySecondsForAsLongAsItTakes() {
    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      waits.add(outage.failed("answered HTTP 401"));
    }

    assertThat(waits).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    assertThat(metrics.count("klaxon.notifier.registry.failures")).isEqualTo(8.0);
  }

  @Test
  void anOutageShowsItsReasonUntilTheRegistryAnswersAgain() {
    assertThat(outage.problem()).isEmpty();
    assertThat(unavailable()).isZero();

    outage.failed("unreachable");
    clock.advance(Duration.ofSeconds(5));
    outage.failed("answered HTTP 429");

    assertThat(outage.problem()).hasValueSatisfying(problem -> assertThat(problem)
        .contains("schema registry answered HTTP 429").contains("2 failed read(s) since 2026-11-22T12:00:00Z"));
    assertThat(unavailable()).isEqualTo(1.0);

    outage.answered();

    assertThat(outage.problem()).isEmpty();
    assertThat(unavailable()).isZero();
    assertThat(outage.failed("unreachable")).isEqualTo(Duration.ofSeconds(1));
  }
}
