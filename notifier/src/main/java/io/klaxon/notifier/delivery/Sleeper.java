package io.klaxon.notifier.delivery;

import java.time.Duration;

/** Waits; injectable so tests run on a fake clock instead of wall time. */
@FunctionalInterface
public interface Sleeper {
  /** Blocks the calling thread for {@code duration}. */
  void sleep(Duration duration) throws InterruptedException;

  /** Real waiting with {@link Thread#sleep(Duration)}. */
  static Sleeper system() {
    return duration -> {
      if (duration.isPositive()) {
        Thread.sleep(duration);
      }
    };
  }
}
