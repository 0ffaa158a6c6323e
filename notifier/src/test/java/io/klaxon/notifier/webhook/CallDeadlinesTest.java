package io.klaxon.notifier.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CallDeadlinesTest {
  @Test
  void cancelsOnlyTheCallsWhoseTimeIsUp() {
    CallDeadlines deadlines = new CallDeadlines(false);
    AtomicInteger soon = new AtomicInteger();
    AtomicInteger later = new AtomicInteger();
    CallDeadlines.Deadline first = deadlines.watch(soon::incrementAndGet, Duration.ofSeconds(1));
    CallDeadlines.Deadline second = deadlines.watch(later::incrementAndGet, Duration.ofHours(1));

    deadlines.sweep(System.nanoTime() + Duration.ofSeconds(2).toNanos());
    deadlines.sweep(System.nanoTime() + Duration.ofSeconds(3).toNanos());

    assertThat(soon).hasValue(1);
    assertThat(first.expired()).isTrue();
    assertThat(later).hasValue(0);
    assertThat(second.expired()).isFalse();
    assertThat(deadlines.watched()).isEqualTo(1);
  }

  @Test
  void aFinishedCallIsForgottenAndNeverCancelled() {
    CallDeadlines deadlines = new CallDeadlines(false);
    AtomicInteger done = new AtomicInteger();
    try (CallDeadlines.Deadline deadline = deadlines.watch(done::incrementAndGet, Duration.ofSeconds(1))) {
      assertThat(deadlines.watched()).isEqualTo(1);
    }
    deadlines.sweep(System.nanoTime() + Duration.ofMinutes(1).toNanos());

    assertThat(done).hasValue(0);
    assertThat(deadlines.watched()).isZero();
  }
}
