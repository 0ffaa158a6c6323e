package io.klaxon.streams.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.Severity;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * A tenant's token buckets never admit more than their rates allow. Over every window of record
 * time [t1, t2] (events in record-time order): events below CRITICAL, which only the main bucket
 * admits, ≤ burst +
 * perMinute × (t2 − t1) / 1 min, and all admitted events, CRITICAL ones drawing on the reserve
 * included, ≤ burst + criticalBurst + (perMinute + criticalPerMinute) × (t2 − t1) / 1 min. Out of
 * order, refill never runs backwards, so over a whole sequence the bound holds with the span from
 * the first event's time to the latest.
 */
class TokenBucketProperties {
  private static final double MINUTE = 60_000.0;

  record Event(long at, Severity severity) {}

  @Provide
  Arbitrary<Limits> limits() {
    return Combinators.combine(Arbitraries.integers().between(1, 12_000), Arbitraries.integers().between(1, 4_000),
        Arbitraries.integers().between(1, 1_200), Arbitraries.integers().between(1, 400)).as(Limits::new);
  }

  @Provide
  Arbitrary<List<Event>> events() {
    // Gaps mostly of milliseconds, sometimes of minutes, so buckets both drain and refill.
    Arbitrary<Long> gap = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, Arbitraries.longs().between(0, 50)),
        net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, 120_000)));
    Arbitrary<Severity> severity = Arbitraries.of(Severity.class);
    return Combinators.combine(gap, severity).as(Event::new).list().ofMinSize(1).ofMaxSize(300).map(gaps -> {
      List<Event> events = new ArrayList<>();
      long at = 1_700_000_000_000L;
      for (Event e : gaps) {
        at += e.at();
        events.add(new Event(at, e.severity()));
      }
      return events;
    });
  }

  @Property(tries = 2_000)
  void overEveryWindowAdmittedEventsStayWithinBurstPlusRefill(@ForAll("limits") Limits limits,
      @ForAll("events") List<Event> events) {
    boolean[] admitted = new boolean[events.size()];
    BucketState state = BucketState.full(limits, events.get(0).at());
    for (int i = 0; i < events.size(); i++) {
      TokenBuckets.Decision decision = TokenBuckets.take(state, limits, events.get(i).severity(), events.get(i).at());
      admitted[i] = decision.allowed();
      state = decision.state();
    }
    for (int from = 0; from < events.size(); from++) {
      int main = 0;
      int all = 0;
      for (int to = from; to < events.size(); to++) {
        main += admitted[to] && events.get(to).severity() != Severity.CRITICAL ? 1 : 0;
        all += admitted[to] ? 1 : 0;
        double minutes = (events.get(to).at() - events.get(from).at()) / MINUTE;
        assertThat(all).as("admitted in [%d, %d]", from, to)
            .isLessThanOrEqualTo((int) Math.floor(limits.burst() + limits.criticalBurst()
                + (limits.perMinute() + limits.criticalPerMinute()) * minutes + 1e-6));
        assertThat(main).as("admitted below CRITICAL (main bucket only) in [%d, %d]", from, to)
            .isLessThanOrEqualTo((int) Math.floor(limits.burst() + limits.perMinute() * minutes + 1e-6));
      }
    }
  }

  @Property(tries = 2_000)
  void outOfOrderRecordTimesRefillNoMoreThanTheirSpan(@ForAll("limits") Limits limits,
      @ForAll @Size(min = 1, max = 300) List<@IntRange(min = 0, max = 600_000) Integer> offsets,
      @ForAll Severity severity) {
    long base = 1_700_000_000_000L;
    BucketState state = BucketState.full(limits, base + offsets.get(0));
    int admitted = 0;
    long latest = base + offsets.get(0);
    for (int offset : offsets) {
      TokenBuckets.Decision decision = TokenBuckets.take(state, limits, severity, base + offset);
      admitted += decision.allowed() ? 1 : 0;
      state = decision.state();
      latest = Math.max(latest, base + offset);
    }
    double minutes = (latest - (base + offsets.get(0))) / MINUTE;
    int reserve = severity == Severity.CRITICAL ? 1 : 0;
    assertThat(admitted).isLessThanOrEqualTo((int) Math.floor(limits.burst() + limits.perMinute() * minutes
        + reserve * (limits.criticalBurst() + limits.criticalPerMinute() * minutes) + 1e-6));
  }
}
