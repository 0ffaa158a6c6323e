package io.klaxon.control;

import static io.klaxon.control.ControlRulesTest.m;
import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.MatchOp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SilenceRoomAndStateTest {
  private static final SilenceLimits TWO = new SilenceLimits(2, 8192);

  /** A silence of acme from {@code start} to {@code end} (epoch milliseconds). */
  private static Silence silence(String id, long start, long end) {
    return Silence.newBuilder(ControlRulesTest.silence(m("env", MatchOp.EQ, "prod"))).setId(id)
        .setStartsAt(Instant.ofEpochMilli(start)).setEndsAt(Instant.ofEpochMilli(end)).build();
  }

  @Test
  void onlySilencesThatHaveNotEndedCountAgainstTheLimit() {
    Instant now = Instant.ofEpochMilli(1_500L);
    List<Silence> held = List.of(silence("a", 1_000L, 2_000L), silence("b", 1_600L, 2_000L), silence("c", 0L, 1_500L));

    assertThat(ControlRules.checkRoom(held, null, TWO, now)).singleElement()
        .satisfies(p -> assertThat(p.message()).contains("already has 2 silences that have not ended"));
    assertThat(ControlRules.checkRoom(held, "a", TWO, now)).as("an update replaces a").isEmpty();
    assertThat(ControlRules.checkRoom(held.subList(1, 3), null, TWO, now)).isEmpty();
  }

  @Test
  void theStateIsPendingBeforeTheStartActiveUntilTheEndAndExpiredFromIt() {
    Silence silence = silence("a", 1_000L, 2_000L);

    assertThat(SilenceState.of(silence, Instant.ofEpochMilli(999L)).apiName()).isEqualTo("pending");
    assertThat(SilenceState.of(silence, Instant.ofEpochMilli(1_000L)).apiName()).isEqualTo("active");
    assertThat(SilenceState.of(silence, Instant.ofEpochMilli(1_999L)).apiName()).isEqualTo("active");
    assertThat(SilenceState.of(silence, Instant.ofEpochMilli(2_000L)).apiName()).isEqualTo("expired");
  }
}
