package io.klaxon.notifier.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * How a receipt or dead letter that could not be written is written again: after its {@code n}th
 * failure the write waits {@code min(max, base × 2^(n-1))} and is tried again, for as long as it
 * takes. A write that has been failing for longer than {@code stuckAfter} counts as stuck, and a
 * stuck write makes the notifier not ready.
 *
 * @param base the wait after the first failure (positive)
 * @param max the longest wait between two tries (at least {@code base})
 * @param stuckAfter how long a write may keep failing before it counts as stuck (zero or more)
 */
public record OutcomeWriteBackoff(Duration base, Duration max, Duration stuckAfter) {
  public OutcomeWriteBackoff {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(max, "max");
    Objects.requireNonNull(stuckAfter, "stuckAfter");
    if (!base.isPositive() || max.compareTo(base) < 0 || stuckAfter.isNegative()) {
      throw new IllegalArgumentException("invalid outcome write backoff: need 0 < base <= max and stuckAfter >= 0");
    }
  }

  /** 100 ms doubling up to 30 s; stuck after failing for 30 s. */
  public static OutcomeWriteBackoff defaults() {
    return new OutcomeWriteBackoff(Duration.ofMillis(100), Duration.ofSeconds(30), Duration.ofSeconds(30));
  }

  /** The wait after the {@code failures}th failure of one write (1-based). */
  public Duration delay(int failures) {
    int doublings = Math.min(Math.max(0, failures - 1), 62);
    double millis = base.toMillis() * Math.pow(2, doublings);
    return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
  }
}
