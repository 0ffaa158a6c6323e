package io.klaxon.streams.app;

import io.klaxon.events.Channel;
import io.klaxon.events.DeadLetterReason;
import io.klaxon.events.Severity;
import io.klaxon.events.Tier;
import io.klaxon.ops.CappedTagValues;
import io.klaxon.streams.Outcome;
import io.klaxon.streams.GroupingEvent;
import io.klaxon.streams.LimitEvent;
import io.klaxon.streams.PipelineListener;
import io.klaxon.streams.TenantUpdateRefusal;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Publishes the topology's outcomes as Prometheus metrics:
 *
 * <ul>
 *   <li>{@code klaxon_streams_outcomes_total{outcome,tier,severity}} — every input's outcome
 *       (routed, deduplicated, rate_limited, silenced, acknowledged, dead_lettered; rekeyed for records written back under
 *       their tenant id);
 *   <li>{@code klaxon_streams_tenant_outcomes_total{tenant,outcome}} — the same per tenant, at most
 *       {@code tenantSeriesLimit} tenants, the rest as {@code _other}; only tenants known to the
 *       tenants table get a series (dead letters of unknown, invalid or unreadable tenant ids count
 *       as {@code _other}, so they cannot use up the limit);
 *   <li>{@code klaxon_streams_dead_letters_total{reason}};
 *   <li>{@code klaxon_streams_tenant_updates_refused_total{reason}} — tenants-topic records refused
 *       as bad data (missing_key, undecodable, key_mismatch);
 *   <li>{@code klaxon_streams_notifications_total{tier}} — notification requests routed;
 *   <li>{@code klaxon_streams_grouping_total{event,tier}} — groups and digests sent, repeated,
 *       full (an alert notified on its own), ended unsent or dropped ({@link GroupingEvent});
 *   <li>{@code klaxon_streams_notification_limit_total{event,channel,tier}} — what tenants'
 *       notification limits did: notifications held, CRITICAL ones passed over the limit, summaries
 *       of held notifications sent or dropped ({@link LimitEvent});
 *   <li>{@code klaxon_streams_routing_latency_seconds} — histogram from the event's occurredAt to
 *       routing (wall clock).
 * </ul>
 *
 * Meters are looked up once per tag combination and kept; the ones every input touches by enum
 * ordinals, so recording one builds no key. Thread-safe.
 */
public final class MicrometerPipelineListener implements PipelineListener {
  // Slots per enum in the meter arrays below: one per outcome; for tiers and severities slot 0 is
  // "none", then one per constant.
  private static final int OUTCOMES = Outcome.values().length;
  private static final int TIER_SLOTS = Tier.values().length + 1;
  private static final int SEVERITY_SLOTS = Severity.values().length + 1;

  private final MeterRegistry registry;
  private final CappedTagValues tenants;
  private final LongSupplier clock;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  // The meters every input touches, found by enum ordinals rather than by a key built per record.
  // Filled lazily; two threads filling one slot get the same meter from the registry.
  private final AtomicReferenceArray<Counter> outcomeCounters = new AtomicReferenceArray<>(OUTCOMES * TIER_SLOTS * SEVERITY_SLOTS);
  private final Map<String, AtomicReferenceArray<Counter>> tenantOutcomeCounters = new ConcurrentHashMap<>();
  private final AtomicReferenceArray<Counter> notificationCounters = new AtomicReferenceArray<>(TIER_SLOTS);
  private final AtomicReferenceArray<Timer> routingTimers = new AtomicReferenceArray<>(TIER_SLOTS * SEVERITY_SLOTS);

  public MicrometerPipelineListener(MeterRegistry registry, int tenantSeriesLimit, LongSupplier clock) {
    this.registry = registry;
    this.tenants = new CappedTagValues(tenantSeriesLimit);
    this.clock = clock;
    for (Outcome outcome : Outcome.values()) {
      // Series exist from the start, so rates and alerts see zeros rather than nothing.
      counter("klaxon.streams.outcomes", "outcome", outcome.tag(), "tier", "none", "severity", "none");
    }
  }

  @Override
  public void outcome(Outcome outcome, String tenantId, Tier tier, Severity severity) {
    int slot = (outcome.ordinal() * TIER_SLOTS + slot(tier)) * SEVERITY_SLOTS + slot(severity);
    meter(outcomeCounters, slot, () -> counter("klaxon.streams.outcomes", "outcome", outcome.tag(), "tier", tag(tier),
        "severity", tag(severity))).increment();
    String tenant = tenants.value(tenantId);
    AtomicReferenceArray<Counter> byOutcome = tenantOutcomeCounters.computeIfAbsent(tenant, t -> new AtomicReferenceArray<>(OUTCOMES));
    meter(byOutcome, outcome.ordinal(), () -> counter("klaxon.streams.tenant.outcomes", "tenant", tenant, "outcome",
        outcome.tag())).increment();
  }

  @Override
  public void deadLettered(DeadLetterReason reason) {
    counter("klaxon.streams.dead.letters", "reason", reason.name()).increment();
  }

  @Override
  public void tenantUpdateRefused(TenantUpdateRefusal reason) {
    counter("klaxon.streams.tenant.updates.refused", "reason", reason.tag()).increment();
  }

  @Override
  public void routed(Tier tier, Severity severity, long occurredAtMs, int notifications) {
    meter(notificationCounters, slot(tier), () -> counter("klaxon.streams.notifications", "tier", tag(tier)))
        .increment(notifications);
    long latency = Math.max(0, clock.getAsLong() - occurredAtMs);
    meter(routingTimers, slot(tier) * SEVERITY_SLOTS + slot(severity), () -> Timer.builder("klaxon.streams.routing.latency")
        .description("Time from an event's occurredAt to its routing")
        .tag("tier", tag(tier)).tag("severity", tag(severity))
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofMinutes(5))
        .register(registry)).record(latency, TimeUnit.MILLISECONDS);
  }

  @Override
  public void grouping(GroupingEvent event, Tier tier) {
    counter("klaxon.streams.grouping", "event", event.tag(), "tier", tag(tier)).increment();
  }

  @Override
  public void notificationLimit(LimitEvent event, Channel channel, Tier tier) {
    counter("klaxon.streams.notification.limit", "event", event.tag(), "channel", tag(channel), "tier", tag(tier)).increment();
  }

  private Counter counter(String name, String... tags) {
    String key = name + String.join("|", tags);
    return counters.computeIfAbsent(key, k -> Counter.builder(name).description(DESCRIPTIONS.get(name)).tags(tags)
        .register(registry));
  }

  private static final java.util.Map<String, String> DESCRIPTIONS = java.util.Map.of(
      "klaxon.streams.outcomes", "Input records by outcome: routed, deduplicated, rate_limited, silenced, acknowledged, dead_lettered (rekeyed: written back under the tenant id)",
      "klaxon.streams.tenant.outcomes", "Input records by tenant and outcome; tenants beyond the limit are summed as _other",
      "klaxon.streams.dead.letters", "Records sent to the alerts DLQ, by reason",
      "klaxon.streams.tenant.updates.refused", "Tenants-topic records refused as bad data; the tenants table kept its previous value",
      "klaxon.streams.notifications", "Notification requests written, by tier",
      "klaxon.streams.grouping", "Groups and digests by what happened to them: sent, repeated, full, ended unsent, dropped",
      "klaxon.streams.notification.limit", "What tenants' notification limits per channel did: held, critical_passed, summary_sent, summary_dropped");

  /** The meter in {@code slot} of {@code meters}, registered by {@code register} the first time. */
  private static <M> M meter(AtomicReferenceArray<M> meters, int slot, Supplier<M> register) {
    M meter = meters.get(slot);
    if (meter == null) {
      meter = register.get();
      meters.set(slot, meter);
    }
    return meter;
  }

  /** An enum's slot in the meter arrays: 0 for none, else its ordinal plus one. */
  private static int slot(Enum<?> value) {
    return value == null ? 0 : value.ordinal() + 1;
  }

  private static String tag(Enum<?> value) {
    return value == null ? "none" : value.name().toLowerCase(Locale.ROOT);
  }
}
