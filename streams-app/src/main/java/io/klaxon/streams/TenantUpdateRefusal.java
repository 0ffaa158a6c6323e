package io.klaxon.streams;

import java.util.Locale;

/** Why a record of the tenants topic was refused: it is bad data, so the tenants table keeps its previous value. */
public enum TenantUpdateRefusal {
  /** The record has no key, so it names no tenant. */
  MISSING_KEY,
  /** The value does not decode as a {@code TenantConfig} (bad bytes, an unknown or unreadable schema). */
  UNDECODABLE,
  /** The key differs from the configuration's {@code tenantId}: it would route one tenant's alerts with another's targets. */
  KEY_MISMATCH;

  /** The metric tag value. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
