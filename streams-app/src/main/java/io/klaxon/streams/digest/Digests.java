package io.klaxon.streams.digest;

import io.klaxon.events.DigestPolicy;
import io.klaxon.events.Severity;
import io.klaxon.events.TenantConfig;
import io.klaxon.streams.Hashing;
import io.klaxon.streams.TenantKeys;

/**
 * Which alerts go into digests, and the names of digests. A tenant collects digests when its
 * features list {@value #FEATURE}; its {@code digest} policy (or the defaults: 1 h windows, WARNING
 * and INFO, 5 titles) says what and for how long. One digest per tenant and target. Stateless.
 */
public final class Digests {
  /** The feature flag that turns digests on. */
  public static final String FEATURE = "digest";
  private static final DigestPolicy DEFAULTS = DigestPolicy.newBuilder().build();

  private Digests() {}

  /** The tenant's digest policy, or null when it does not collect digests. */
  public static DigestPolicy policy(TenantConfig tenant) {
    if (!tenant.getFeatures().contains(FEATURE)) {
      return null;
    }
    return tenant.getDigest() == null ? DEFAULTS : tenant.getDigest();
  }

  /** Whether an alert of {@code severity} goes into the digest of {@code policy} (null: no digest). */
  public static boolean collects(DigestPolicy policy, Severity severity) {
    return policy != null && severity.ordinal() >= policy.getMaxSeverity().ordinal();
  }

  /** The key of a target's digest: {@code tenant/targetId} ({@link TenantKeys}). */
  public static String storeKey(String tenantId, String targetId) {
    return TenantKeys.of(tenantId, targetId);
  }

  /** The notification id of the digest of a target that opened at {@code windowStart}. */
  public static String notificationId(String tenantId, String targetId, long windowStart) {
    return Hashing.sha256("digest", tenantId, targetId, Long.toString(windowStart)).substring(0, 32);
  }
}
