package io.klaxon.streams;

/**
 * Store keys scoped by tenant: {@code tenant/name}. Tenant ids never contain {@code /} ({@link
 * io.klaxon.contract.TenantIds}), so both parts are always recoverable, and one tenant's keys sort
 * together. Used by the group and digest stores. Stateless.
 */
public final class TenantKeys {
  private static final char SEPARATOR = '/';

  private TenantKeys() {}

  public static String of(String tenantId, String name) {
    return tenantId + SEPARATOR + name;
  }

  public static String tenantOf(String key) {
    return key.substring(0, key.indexOf(SEPARATOR));
  }

  public static String nameOf(String key) {
    return key.substring(key.indexOf(SEPARATOR) + 1);
  }
}
