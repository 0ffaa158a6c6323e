package io.klaxon.streams;

import static io.klaxon.streams.Samples.MINUTE;
import static io.klaxon.streams.Samples.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BoundedStreamTimeTest {
  private final BoundedStreamTime time = new BoundedStreamTime(Duration.ofMinutes(1));

  @Test
  void streamTimeIsFollowedUpToTheAllowedLeadOverTheWallClock() {
    assertThat(time.at(T0 + MINUTE, T0)).isEqualTo(T0 + MINUTE);
    assertThat(time.at(T0 + 60 * MINUTE, T0)).isEqualTo(T0 + MINUTE);
    assertThat(time.isAhead(T0 + MINUTE, T0)).isFalse();
    assertThat(time.isAhead(T0 + MINUTE + 1, T0)).isTrue();
  }

  @Test
  void streamTimeBehindTheWallClockIsFollowedAsItIsSoReplaysExpireByRecordTime() {
    assertThat(time.at(T0, T0 + 365 * 24 * 60 * MINUTE)).isEqualTo(T0);
  }

  @Test
  void aWallClockNearTheEndOfTimeDoesNotOverflow() {
    assertThat(time.at(Long.MAX_VALUE, Long.MAX_VALUE - 1)).isEqualTo(Long.MAX_VALUE);
    assertThat(time.isAhead(Long.MAX_VALUE, Long.MAX_VALUE - 1)).isFalse();
  }
}
