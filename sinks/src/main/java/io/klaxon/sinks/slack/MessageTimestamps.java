package io.klaxon.sinks.slack;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slack message timestamps, {@code <seconds>.<micros>}: a message's id within its channel, so each
 * one is unique and later than the last even when the clock stands still or steps back.
 * Thread-safe.
 */
final class MessageTimestamps {
  private final InstantSource clock;
  private final AtomicLong lastMicros = new AtomicLong();

  MessageTimestamps(InstantSource clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The next timestamp: the clock's, or one microsecond after the last when that is not later. */
  String next() {
    Instant now = clock.instant();
    long nowMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    long micros = lastMicros.updateAndGet(last -> Math.max(last + 1, nowMicros));
    return (micros / 1_000_000L) + "." + String.format(Locale.ROOT, "%06d", micros % 1_000_000L);
  }
}
