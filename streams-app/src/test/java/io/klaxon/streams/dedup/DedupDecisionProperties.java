package io.klaxon.streams.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.AlertStatus;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * The properties of {@link DedupDecisions} that make redelivery harmless, and why they hold:
 *
 * <ol>
 *   <li><b>Idempotent:</b> an event decided a second time, right after itself (a producer's retry,
 *       a redelivered record), never notifies again, and the state it leaves differs from the
 *       first decision's only by one more suppressed duplicate. It holds because every decision
 *       records the event's time as last seen, so the copy falls inside the window of an event of
 *       its own status, and a passing decision also records it as last notified, so the repeat
 *       interval (positive) has not passed.
 *   <li><b>Order-independent within a burst:</b> N copies of a FIRING alert whose record times lie
 *       within one dedup window and less than the repeat interval apart notify exactly once, carry
 *       N − 1 suppressed duplicates in the state, whatever order they arrive in. It holds because
 *       last seen only moves forward ({@code max}), so every later copy, earlier or later in time,
 *       is within the window of the first.
 *   <li><b>Not order-independent across statuses, by design:</b> FIRING then RESOLVED notifies
 *       twice, RESOLVED then FIRING too, but they leave different states (the alert is firing or
 *       not); {@code DedupOrderProperties} checks that only each fingerprint's own order matters.
 * </ol>
 */
class DedupDecisionProperties {
  private static final long T0 = 1_700_000_000_000L;

  @Provide
  Arbitrary<DedupState> states() {
    Arbitrary<DedupState> remembered = Combinators.combine(Arbitraries.of(true, false),
        Arbitraries.longs().between(-600_000, 600_000), Arbitraries.longs().between(0, 20_000_000),
        Arbitraries.longs().between(0, 1_000)).as((firing, seen, notifiedBefore, suppressed) ->
        new DedupState(firing, T0 + seen, T0 + seen - notifiedBefore, suppressed));
    return Arbitraries.oneOf(Arbitraries.just(null), remembered);
  }

  @Property(tries = 10_000)
  void decidingTheSameEventTwiceNotifiesAtMostOnce(@ForAll("states") DedupState state, @ForAll AlertStatus status,
      @ForAll @LongRange(min = -600_000, max = 600_000) long offset,
      @ForAll @LongRange(min = 0, max = 3_600_000) long windowMs,
      @ForAll @LongRange(min = 1, max = 14_400_000) long repeatMs) {
    long now = T0 + offset;
    DedupDecisions.Decision first = DedupDecisions.decide(state, status, now, windowMs, repeatMs);
    DedupDecisions.Decision again = DedupDecisions.decide(first.state(), status, now, windowMs, repeatMs);

    assertThat(again.pass()).isFalse();
    DedupState expected = first.state();
    assertThat(again.state()).isEqualTo(new DedupState(expected.firing(), expected.lastSeen(), expected.lastNotified(),
        expected.suppressed() + 1));
  }

  @Property(tries = 10_000)
  void aBurstOfCopiesNotifiesOnceInAnyOrder(@ForAll @Size(min = 1, max = 50) List<@IntRange(min = 0, max = 1_000_000) Integer> spread,
      @ForAll @LongRange(min = 1, max = 3_600_000) long windowMs,
      @ForAll @LongRange(min = 1, max = 14_400_000) long repeatMs) {
    long span = Math.min(windowMs, repeatMs - 1);
    DedupState state = null;
    int notified = 0;
    for (int offset : spread) {
      DedupDecisions.Decision decision = DedupDecisions.decide(state, AlertStatus.FIRING, T0 + offset % (span + 1),
          windowMs, repeatMs);
      notified += decision.pass() ? 1 : 0;
      state = decision.state();
    }

    assertThat(notified).isEqualTo(1);
    assertThat(state.suppressed()).isEqualTo(spread.size() - 1L);
  }
}
