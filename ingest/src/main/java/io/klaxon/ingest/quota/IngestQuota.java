package io.klaxon.ingest.quota;

import io.klaxon.events.Tier;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The per-tenant ingest quota: one token bucket per tenant, sized by the tenant's tier, refilled by
 * the wall clock (requests arrive in real time; unlike the Streams app's rate limit there is no
 * record time to replay). A request takes all its alerts' tokens or none, so a refused request can
 * be retried whole. Each copy of the service keeps its own buckets: N copies behind a load balancer
 * admit up to N times the quota, which is what a flood guard in front of the alerts topic needs
 * (the Streams app's rate limit, per tenant across all copies, is the exact one). Thread-safe.
 */
public final class IngestQuota {
  private final Map<Tier, QuotaLimit> limits;
  private final LongSupplier nanoClock;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  /**
   * @param limits the quota of each tier; every tier must have one
   * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime})
   */
  public IngestQuota(Map<Tier, QuotaLimit> limits, LongSupplier nanoClock) {
    this.limits = new EnumMap<>(limits);
    for (Tier tier : Tier.values()) {
      if (!this.limits.containsKey(tier)) {
        throw new IllegalArgumentException("no ingest quota for tier " + tier);
      }
    }
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
  }

  /** The quota of {@code tier}. */
  public QuotaLimit limit(Tier tier) {
    return limits.get(tier);
  }

  /** Takes {@code alerts} tokens from the tenant's bucket, if it holds that many. */
  public QuotaDecision take(String tenantId, Tier tier, int alerts) {
    QuotaLimit limit = limits.get(tier);
    if (alerts > limit.burst()) {
      return new QuotaDecision.TooMany(limit.burst());
    }
    if (alerts <= 0) {
      return new QuotaDecision.Granted();
    }
    Bucket bucket = buckets.computeIfAbsent(tenantId, id -> new Bucket(limit.burst(), nanoClock.getAsLong()));
    return bucket.take(alerts, limit, nanoClock.getAsLong());
  }

  /** Forgets a tenant's bucket (the tenant was deleted). */
  public void forget(String tenantId) {
    buckets.remove(tenantId);
  }

  /** A token bucket; its limit is passed on each call, so a tier change applies at once. */
  private static final class Bucket {
    private static final double NANOS_PER_MINUTE = 60e9;

    private double tokens;
    private long lastNanos;

    Bucket(double tokens, long nowNanos) {
      this.tokens = tokens;
      this.lastNanos = nowNanos;
    }

    synchronized QuotaDecision take(int alerts, QuotaLimit limit, long nowNanos) {
      tokens = Math.min(limit.burst(), tokens + Math.max(0, nowNanos - lastNanos) * (double) limit.perMinute() / NANOS_PER_MINUTE);
      lastNanos = Math.max(lastNanos, nowNanos);
      if (tokens >= alerts) {
        tokens -= alerts;
        return new QuotaDecision.Granted();
      }
      long waitNanos = (long) Math.ceil((alerts - tokens) * NANOS_PER_MINUTE / limit.perMinute());
      return new QuotaDecision.Exhausted(Duration.ofNanos(waitNanos));
    }
  }
}
