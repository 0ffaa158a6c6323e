package io.klaxon.streams.ratelimit;

import io.klaxon.events.RateLimitOverride;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;

/**
 * A tenant's token buckets: the main bucket every event draws from, and a separate reserve that
 * only CRITICAL events may use once the main bucket is empty, so a flood of lower severities cannot
 * starve them.
 *
 * @param perMinute main bucket refill per minute of record time
 * @param burst main bucket capacity
 * @param criticalPerMinute reserve refill per minute
 * @param criticalBurst reserve capacity
 */
public record Limits(int perMinute, int burst, int criticalPerMinute, int criticalBurst) {

  /** The tier's defaults (SPEC.md), with the reserve at a tenth of them (at least 6/min, burst 5). */
  public static Limits forTier(Tier tier) {
    return switch (tier) {
      case ENTERPRISE -> of(6_000, 2_000);
      case PROFESSIONAL -> of(1_200, 400);
      case STANDARD -> of(300, 100);
      case TRIAL -> of(60, 20);
    };
  }

  /** The tier's defaults with the tenant's overrides applied. */
  public static Limits of(TenantConfig tenant) {
    Limits tier = forTier(tenant.getTier());
    RateLimitOverride override = tenant.getRateLimit();
    if (override == null) {
      return tier;
    }
    int perMinute = override.getPerMinute() != null ? override.getPerMinute() : tier.perMinute();
    int burst = override.getBurst() != null ? override.getBurst() : tier.burst();
    Limits derived = of(perMinute, burst);
    return new Limits(perMinute, burst,
        override.getCriticalPerMinute() != null ? override.getCriticalPerMinute() : derived.criticalPerMinute(),
        override.getCriticalBurst() != null ? override.getCriticalBurst() : derived.criticalBurst());
  }

  private static Limits of(int perMinute, int burst) {
    return new Limits(perMinute, burst, Math.max(6, perMinute / 10), Math.max(5, burst / 10));
  }
}
