package io.klaxon.streams.dedup;

import static io.klaxon.events.AlertStatus.FIRING;
import static io.klaxon.events.AlertStatus.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.AlertStatus;
import org.junit.jupiter.api.Test;

class DedupDecisionsTest {
  private static final long MINUTE = 60_000L;
  private static final long WINDOW = 5 * MINUTE;
  private static final long REPEAT = 60 * MINUTE;
  private static final long T0 = 1_000_000_000L;

  private DedupState state;

  /** Decides an event at {@code time} against what was remembered so far, and remembers the outcome. */
  private DedupDecisions.Decision see(AlertStatus status, long time) {
    DedupDecisions.Decision decision = DedupDecisions.decide(state, status, time, WINDOW, REPEAT);
    state = decision.state();
    return decision;
  }

  @Test
  void theFirstFiringPasses() {
    DedupDecisions.Decision first = see(FIRING, T0);

    assertThat(first.pass()).isTrue();
    assertThat(first.repeat()).isFalse();
    assertThat(first.duplicatesSuppressed()).isZero();
    assertThat(state).isEqualTo(new DedupState(true, T0, T0, 0));
  }

  @Test
  void firingAgainWithinTheWindowIsSuppressedAndCounted() {
    see(FIRING, T0);

    assertThat(see(FIRING, T0 + MINUTE).pass()).isFalse();
    assertThat(see(FIRING, T0 + 2 * MINUTE).pass()).isFalse();
    assertThat(state.suppressed()).isEqualTo(2);
    assertThat(state.lastSeen()).isEqualTo(T0 + 2 * MINUTE);
    assertThat(state.lastNotified()).isEqualTo(T0);
  }

  @Test
  void theWindowRunsFromTheLastEventSeenSoASteadyStreamStaysSuppressed() {
    see(FIRING, T0);
    for (long t = T0 + 4 * MINUTE; t <= T0 + 40 * MINUTE; t += 4 * MINUTE) {
      assertThat(see(FIRING, t).pass()).as("at +%d min", (t - T0) / MINUTE).isFalse();
    }
  }

  @Test
  void firingAfterAQuietWindowIsANewOccurrence() {
    see(FIRING, T0);
    see(FIRING, T0 + MINUTE);

    DedupDecisions.Decision later = see(FIRING, T0 + MINUTE + WINDOW + 1);

    assertThat(later.pass()).isTrue();
    assertThat(later.repeat()).isFalse();
    assertThat(later.duplicatesSuppressed()).as("a new occurrence starts counting afresh").isZero();
  }

  @Test
  void exactlyAtTheEndOfTheWindowItIsStillADuplicate() {
    see(FIRING, T0);

    assertThat(see(FIRING, T0 + WINDOW).pass()).isFalse();
  }

  @Test
  void aStillFiringAlertRepeatsAfterTheRepeatIntervalCarryingItsDuplicateCount() {
    see(FIRING, T0);
    int duplicates = 0;
    for (long t = T0 + 4 * MINUTE; t < T0 + REPEAT; t += 4 * MINUTE) {
      see(FIRING, t);
      duplicates++;
    }

    DedupDecisions.Decision repeat = see(FIRING, T0 + REPEAT);

    assertThat(repeat.pass()).isTrue();
    assertThat(repeat.repeat()).isTrue();
    assertThat(repeat.duplicatesSuppressed()).isEqualTo(duplicates);
    assertThat(state).isEqualTo(new DedupState(true, T0 + REPEAT, T0 + REPEAT, 0));
    assertThat(see(FIRING, T0 + REPEAT + MINUTE).pass()).as("the repeat interval starts again").isFalse();
  }

  @Test
  void resolvedAfterFiringPassesAndClearsSoTheNextFiringNotifies() {
    see(FIRING, T0);
    see(FIRING, T0 + MINUTE);

    DedupDecisions.Decision resolved = see(RESOLVED, T0 + 2 * MINUTE);

    assertThat(resolved.pass()).isTrue();
    assertThat(resolved.duplicatesSuppressed()).as("the suppressed count rides on the resolution").isEqualTo(1);
    assertThat(state.firing()).isFalse();
    assertThat(see(FIRING, T0 + 3 * MINUTE).pass()).as("fires again within the window").isTrue();
  }

  @Test
  void aSecondResolvedWithinTheWindowIsADuplicate() {
    see(FIRING, T0);
    see(RESOLVED, T0 + MINUTE);

    assertThat(see(RESOLVED, T0 + MINUTE + 1).pass()).isFalse();
    assertThat(see(RESOLVED, T0 + MINUTE + 1 + WINDOW + 1).pass()).as("after the window").isTrue();
  }

  @Test
  void resolvedForAnUnknownFingerprintPassesSoReceiversLearnItIsOver() {
    DedupDecisions.Decision resolved = see(RESOLVED, T0);

    assertThat(resolved.pass()).isTrue();
    assertThat(resolved.duplicatesSuppressed()).isZero();
    assertThat(state.firing()).isFalse();
  }

  @Test
  void aLateEventNeverMovesLastSeenBack() {
    see(FIRING, T0 + MINUTE);

    see(FIRING, T0);

    assertThat(state.lastSeen()).isEqualTo(T0 + MINUTE);
  }

  @Test
  void stateExpiresOnceTheWindowHasPassedSinceTheLastEvent() {
    see(FIRING, T0);
    see(FIRING, T0 + 2 * MINUTE);

    assertThat(DedupDecisions.expired(state, T0 + 2 * MINUTE + WINDOW, WINDOW)).isFalse();
    assertThat(DedupDecisions.expired(state, T0 + 2 * MINUTE + WINDOW + 1, WINDOW)).isTrue();
  }

  @Test
  void forgettingExpiredStateChangesNoDecision() {
    see(FIRING, T0);
    long later = T0 + WINDOW + 1;
    DedupState remembered = state;

    DedupDecisions.Decision withState = DedupDecisions.decide(remembered, FIRING, later, WINDOW, REPEAT);
    DedupDecisions.Decision forgotten = DedupDecisions.decide(null, FIRING, later, WINDOW, REPEAT);

    assertThat(DedupDecisions.expired(remembered, later, WINDOW)).isTrue();
    assertThat(withState).isEqualTo(forgotten);
  }
}
