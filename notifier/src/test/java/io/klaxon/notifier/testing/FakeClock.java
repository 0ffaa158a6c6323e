package io.klaxon.notifier.testing;

import io.klaxon.notifier.delivery.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock that only moves when told to; its sleeper advances it instead of waiting. */
public final class FakeClock implements InstantSource {
  private Instant now;
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  public FakeClock(Instant start) {
    this.now = start;
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  public synchronized void advance(Duration duration) {
    now = now.plus(duration);
  }

  /** A sleeper that advances this clock and records each sleep. */
  public Sleeper sleeper() {
    return duration -> {
      sleeps.add(duration);
      advance(duration);
    };
  }

  public List<Duration> sleeps() {
    return sleeps;
  }
}
