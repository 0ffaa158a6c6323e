package io.klaxon.sinks.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MessageTimestampsTest {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T10:00:00.123456789Z"));
  private final MessageTimestamps timestamps = new MessageTimestamps(now::get);

  @Test
  void isTheClockInSecondsAndMicroseconds() {
    assertThat(timestamps.next()).isEqualTo("1795341600.123456");
  }

  @Test
  void staysUniqueAndIncreasingWhenTheClockStandsStillOrStepsBack() {
    String first = timestamps.next();
    String second = timestamps.next();
    now.set(now.get().minusSeconds(5));
    String third = timestamps.next();

    assertThat(second).isEqualTo("1795341600.123457");
    assertThat(third).isEqualTo("1795341600.123458");
    assertThat(first).isLessThan(second);
  }
}
