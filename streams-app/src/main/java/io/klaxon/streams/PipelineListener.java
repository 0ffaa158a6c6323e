package io.klaxon.streams;

import io.klaxon.events.Channel;
import io.klaxon.events.DeadLetterReason;
import io.klaxon.events.Severity;
import io.klaxon.events.Tier;

/**
 * Told about every outcome, on the stream thread: the seam for metrics. Implementations must be
 * thread-safe and fast; they must not block or call out of the process.
 */
public interface PipelineListener {
  /**
   * An input ended in {@code outcome}. {@code tenantId} names a tenant known to the tenants table,
   * or is null (a dead letter whose tenant id is unknown, invalid or unreadable), so that junk ids
   * never reach per-tenant series; tier and severity are null when unknown (dead letters).
   */
  void outcome(Outcome outcome, String tenantId, Tier tier, Severity severity);

  /** An input was dead-lettered for {@code reason}. */
  void deadLettered(DeadLetterReason reason);

  /** An alert was routed to {@code notifications} targets; {@code occurredAtMs} is when it occurred. */
  void routed(Tier tier, Severity severity, long occurredAtMs, int notifications);

  /** A record of the tenants topic was refused for {@code reason}; called on the global stream thread. */
  void tenantUpdateRefused(TenantUpdateRefusal reason);

  /** Something happened to a group or a digest of a tenant of {@code tier} (null when the tenant is gone). */
  void grouping(GroupingEvent event, Tier tier);

  /**
   * A tenant's notification limit for {@code channel} (null when a dropped summary's target is gone)
   * did {@code event}; {@code tier} is null when the tenant is gone.
   */
  void notificationLimit(LimitEvent event, Channel channel, Tier tier);

  /** A listener that ignores everything. */
  PipelineListener NONE = new PipelineListener() {
    @Override
    public void outcome(Outcome outcome, String tenantId, Tier tier, Severity severity) {}

    @Override
    public void deadLettered(DeadLetterReason reason) {}

    @Override
    public void routed(Tier tier, Severity severity, long occurredAtMs, int notifications) {}

    @Override
    public void tenantUpdateRefused(TenantUpdateRefusal reason) {}

    @Override
    public void grouping(GroupingEvent event, Tier tier) {}

    @Override
    public void notificationLimit(LimitEvent event, Channel channel, Tier tier) {}
  };
}
