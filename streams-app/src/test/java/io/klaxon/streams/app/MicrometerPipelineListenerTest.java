package io.klaxon.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.Severity;
import io.klaxon.events.Tier;
import io.klaxon.streams.GroupingEvent;
import io.klaxon.streams.Outcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class MicrometerPipelineListenerTest {
  @Test
  void groupsAndDigestsAreCountedByEventAndTier() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MicrometerPipelineListener listener = new MicrometerPipelineListener(registry, 10, () -> 0L);

    listener.grouping(GroupingEvent.GROUP_FULL, Tier.ENTERPRISE);
    listener.grouping(GroupingEvent.GROUP_FULL, Tier.ENTERPRISE);
    listener.grouping(GroupingEvent.DIGEST_DROPPED, null);

    assertThat(registry.get("klaxon.streams.grouping").tag("event", "group_full").tag("tier", "enterprise").counter()
        .count()).isEqualTo(2.0);
    assertThat(registry.get("klaxon.streams.grouping").tag("event", "digest_dropped").tag("tier", "none").counter()
        .count()).isEqualTo(1.0);
  }

  @Test
  void eachOutcomeIsCountedUnderItsOwnOutcomeTierAndSeverity() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MicrometerPipelineListener listener = new MicrometerPipelineListener(registry, 10, () -> 0L);

    for (int i = 0; i < 3; i++) {
      listener.outcome(Outcome.ROUTED, "acme", Tier.ENTERPRISE, Severity.CRITICAL);
    }
    listener.outcome(Outcome.ROUTED, "acme", Tier.ENTERPRISE, Severity.INFO);
    listener.outcome(Outcome.DEDUPLICATED, "acme", Tier.ENTERPRISE, Severity.CRITICAL);
    listener.outcome(Outcome.DEAD_LETTERED, null, null, null);

    assertThat(outcomes(registry, "routed", "enterprise", "critical")).isEqualTo(3.0);
    assertThat(outcomes(registry, "routed", "enterprise", "info")).isEqualTo(1.0);
    assertThat(outcomes(registry, "deduplicated", "enterprise", "critical")).isEqualTo(1.0);
    assertThat(outcomes(registry, "dead_lettered", "none", "none")).isEqualTo(1.0);
    assertThat(outcomes(registry, "routed", "none", "none")).as("registered at start, never counted").isZero();
  }

  @Test
  void tenantsPastTheLimitAreCountedTogether() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MicrometerPipelineListener listener = new MicrometerPipelineListener(registry, 2, () -> 0L);

    listener.outcome(Outcome.ROUTED, "acme", Tier.ENTERPRISE, Severity.HIGH);
    listener.outcome(Outcome.RATE_LIMITED, "acme", Tier.ENTERPRISE, Severity.HIGH);
    listener.outcome(Outcome.ROUTED, "globex", Tier.STANDARD, Severity.HIGH);
    listener.outcome(Outcome.ROUTED, "initech", Tier.STANDARD, Severity.HIGH);
    listener.outcome(Outcome.ROUTED, "hooli", Tier.STANDARD, Severity.HIGH);

    assertThat(tenantOutcomes(registry, "acme", "routed")).isEqualTo(1.0);
    assertThat(tenantOutcomes(registry, "acme", "rate_limited")).isEqualTo(1.0);
    assertThat(tenantOutcomes(registry, "globex", "routed")).isEqualTo(1.0);
    assertThat(tenantOutcomes(registry, "_other", "routed")).isEqualTo(2.0);
  }

  @Test
  void routedNotificationsAreCountedByTierAndTheirLatencyTimedByTierAndSeverity() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MicrometerPipelineListener listener = new MicrometerPipelineListener(registry, 10, () -> 5_000L);

    listener.routed(Tier.ENTERPRISE, Severity.CRITICAL, 4_000L, 3);
    listener.routed(Tier.ENTERPRISE, Severity.CRITICAL, 3_000L, 2);
    listener.routed(null, Severity.INFO, 5_000L, 1);

    assertThat(registry.get("klaxon.streams.notifications").tag("tier", "enterprise").counter().count()).isEqualTo(5.0);
    assertThat(registry.get("klaxon.streams.notifications").tag("tier", "none").counter().count()).isEqualTo(1.0);
    var timer = registry.get("klaxon.streams.routing.latency").tag("tier", "enterprise").tag("severity", "critical").timer();
    assertThat(timer.count()).isEqualTo(2);
    assertThat(timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(3_000.0);
    assertThat(registry.get("klaxon.streams.routing.latency").tag("tier", "none").tag("severity", "info").timer().count())
        .isEqualTo(1);
  }

  private static double outcomes(SimpleMeterRegistry registry, String outcome, String tier, String severity) {
    return registry.get("klaxon.streams.outcomes").tag("outcome", outcome).tag("tier", tier).tag("severity", severity)
        .counter().count();
  }

  private static double tenantOutcomes(SimpleMeterRegistry registry, String tenant, String outcome) {
    return registry.get("klaxon.streams.tenant.outcomes").tag("tenant", tenant).tag("outcome", outcome).counter().count();
  }
}
