package io.klaxon.traffic;

import io.klaxon.events.Tier;
import java.util.List;
import java.util.Objects;

/**
 * A tenant that traffic is generated for.
 *
 * @param tenantId the tenant id (must exist in the pipeline's tenant table to be routed)
 * @param tier the tenant's tier, for reports
 * @param locales locales an alert may name as its override (empty: never overrides)
 * @param weight relative share of the non-storm traffic this tenant sends
 */
public record TenantProfile(String tenantId, Tier tier, List<String> locales, double weight) {
  public TenantProfile {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(tier, "tier");
    locales = List.copyOf(locales);
    if (!(weight > 0)) {
      throw new IllegalArgumentException("weight of tenant " + tenantId + " must be positive, was " + weight);
    }
  }
}
