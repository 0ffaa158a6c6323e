package io.klaxon.control;

import io.klaxon.contract.TenantIds;

/**
 * The keys of the compacted control topics. Compaction keeps one record per key, so a key names
 * one silence or one alert, never a bare tenant (which would keep one silence per tenant):
 * {@code <tenantId>/<silenceId>} on the silences topic, {@code <tenantId>/<fingerprint>} on the
 * acks topic. Tenant ids hold no {@code /} ({@link TenantIds#PATTERN}), so the tenant is what
 * precedes the first one. Stateless.
 */
public final class ControlKeys {
  private ControlKeys() {}

  /** The silences topic's key of {@code silence}. */
  public static String of(Silence silence) {
    return silence(silence.getTenantId(), silence.getId());
  }

  /** The acks topic's key of {@code ack}. */
  public static String of(Acknowledgement ack) {
    return ack(ack.getTenantId(), ack.getFingerprint());
  }

  /** The silences topic's key of the tenant's silence {@code silenceId}. */
  public static String silence(String tenantId, String silenceId) {
    return tenantId + "/" + silenceId;
  }

  /** The acks topic's key of the tenant's alert {@code fingerprint}. */
  public static String ack(String tenantId, String fingerprint) {
    return tenantId + "/" + fingerprint;
  }

  /** The alert states topic's key of the tenant's alert {@code fingerprint}. */
  public static String alert(String tenantId, String fingerprint) {
    return tenantId + "/" + fingerprint;
  }

  /** The prefix every key of the tenant's records starts with (for prefix scans of a store). */
  public static String tenantPrefix(String tenantId) {
    return tenantId + "/";
  }

  /** The tenant a key belongs to, or null when the key has no {@code /} or an invalid tenant id before it. */
  public static String tenantOf(String key) {
    int slash = key == null ? -1 : key.indexOf('/');
    if (slash < 0) {
      return null;
    }
    String tenant = key.substring(0, slash);
    return TenantIds.isValid(tenant) ? tenant : null;
  }
}
