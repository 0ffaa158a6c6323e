package io.klaxon.streams.dedup;

/**
 * The key of a fingerprint's entry in the dedup store: tenant id, U+0000, fingerprint. Tenant ids
 * never contain U+0000 ({@link io.klaxon.contract.TenantIds}), so the tenant is always recoverable.
 * The deduplicator writes under it and the explain endpoint reads under it. Stateless.
 */
public final class DedupStoreKey {
  private static final char SEPARATOR = '\u0000';

  private DedupStoreKey() {}

  /** The store key of {@code fingerprint} for {@code tenantId}. */
  public static String of(String tenantId, String fingerprint) {
    return tenantId + SEPARATOR + fingerprint;
  }

  /** The tenant id a store key belongs to (the whole key when it has no separator). */
  public static String tenantOf(String storeKey) {
    int separator = storeKey.indexOf(SEPARATOR);
    return separator < 0 ? storeKey : storeKey.substring(0, separator);
  }

  /** The fingerprint a store key names (empty when it has no separator). */
  public static String fingerprintOf(String storeKey) {
    int separator = storeKey.indexOf(SEPARATOR);
    return separator < 0 ? "" : storeKey.substring(separator + 1);
  }
}
