package io.klaxon.i18n;

/**
 * How much text a tenant's own bundles may hold. They travel in the tenant record and in every
 * notification request of the tenant (the notifier reads no tenant files), so their size is paid
 * on each notification: these limits keep that cost bounded. Sizes count the characters of the
 * keys and the patterns. Klaxon's largest bundle has about 1,450.
 */
public final class TenantBundleLimits {
  /** The most characters one locale's bundle may hold. */
  public static final int MAX_BUNDLE_CHARS = 4_096;

  /** The most characters all of a tenant's bundles may hold together. */
  public static final int MAX_TOTAL_CHARS = 16_384;

  private TenantBundleLimits() {}

  /** The size of a bundle as the limits count it: the characters of its keys and patterns. */
  public static int size(java.util.Map<String, String> bundle) {
    int size = 0;
    for (java.util.Map.Entry<String, String> entry : bundle.entrySet()) {
      size += entry.getKey().length() + entry.getValue().length();
    }
    return size;
  }
}
