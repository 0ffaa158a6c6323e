package io.klaxon.traffic;

import io.klaxon.events.Severity;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The shape of generated traffic. Ratios are shares of all records, between 0 and 1; whatever the
 * duplicate, resolve and poison ratios leave is new alerts.
 *
 * @param tenants who sends (at least one)
 * @param duplicateRatio share of records that re-send an alert already firing
 * @param resolveRatio share of records that resolve a firing alert
 * @param poisonRatio share of records that must be dead-lettered (spread over every poison kind)
 * @param severityWeights relative weights of severities for new alerts
 * @param stormTenant a tenant that floods (null for none)
 * @param stormShare share of all records that come from the storm tenant
 * @param activeAlertsPerTenant how many firing alerts each tenant keeps (the pool duplicates and
 *     resolves draw from)
 */
public record TrafficMix(
    List<TenantProfile> tenants,
    double duplicateRatio,
    double resolveRatio,
    double poisonRatio,
    Map<Severity, Double> severityWeights,
    String stormTenant,
    double stormShare,
    int activeAlertsPerTenant) {

  public TrafficMix {
    tenants = List.copyOf(tenants);
    if (tenants.isEmpty()) {
      throw new IllegalArgumentException("a traffic mix needs at least one tenant");
    }
    ratio("duplicateRatio", duplicateRatio);
    ratio("resolveRatio", resolveRatio);
    ratio("poisonRatio", poisonRatio);
    ratio("stormShare", stormShare);
    if (duplicateRatio + resolveRatio + poisonRatio > 1) {
      throw new IllegalArgumentException("duplicateRatio + resolveRatio + poisonRatio must not exceed 1");
    }
    severityWeights = Map.copyOf(new EnumMap<>(Objects.requireNonNull(severityWeights, "severityWeights")));
    if (severityWeights.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
      throw new IllegalArgumentException("severityWeights must have a positive weight");
    }
    if (stormTenant != null && tenants.stream().noneMatch(t -> t.tenantId().equals(stormTenant))) {
      throw new IllegalArgumentException("storm tenant " + stormTenant + " is not among the tenants");
    }
    if (activeAlertsPerTenant < 1) {
      throw new IllegalArgumentException("activeAlertsPerTenant must be at least 1");
    }
  }

  /** Severity weights seen in production alerting: mostly informational, few critical. */
  public static Map<Severity, Double> typicalSeverities() {
    return Map.of(Severity.CRITICAL, 0.05, Severity.HIGH, 0.15, Severity.WARNING, 0.30, Severity.INFO, 0.50);
  }

  /** A realistic default: 20% duplicates, 10% resolves, no poison, no storm. */
  public static TrafficMix typical(List<TenantProfile> tenants) {
    return new TrafficMix(tenants, 0.20, 0.10, 0.0, typicalSeverities(), null, 0.0, 50);
  }

  public TrafficMix withPoison(double ratio) {
    return new TrafficMix(tenants, duplicateRatio, resolveRatio, ratio, severityWeights, stormTenant, stormShare,
        activeAlertsPerTenant);
  }

  public TrafficMix withStorm(String tenant, double share) {
    return new TrafficMix(tenants, duplicateRatio, resolveRatio, poisonRatio, severityWeights, tenant, share,
        activeAlertsPerTenant);
  }

  public TrafficMix withDuplicates(double ratio) {
    return new TrafficMix(tenants, ratio, resolveRatio, poisonRatio, severityWeights, stormTenant, stormShare,
        activeAlertsPerTenant);
  }

  private static void ratio(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
    }
  }
}
