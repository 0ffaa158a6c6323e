package io.klaxon.ingest;

import io.klaxon.contract.ApiKeys;
import io.klaxon.events.ApiKey;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import java.time.Instant;
import java.util.List;

/** Tenant configurations with API keys, as the tenants topic carries them. */
public final class TestTenants {
  private TestTenants() {}

  /** An enabled tenant of {@code tier} with {@code keys}. */
  public static TenantConfig tenant(String id, Tier tier, ApiKey... keys) {
    return TenantConfig.newBuilder().setTenantId(id).setTier(tier).setApiKeys(List.of(keys)).build();
  }

  /** A usable key entry for {@code key}. */
  public static ApiKey key(String id, String key) {
    return ApiKey.newBuilder().setId(id).setHash(ApiKeys.hash(key)).build();
  }

  /** A revoked key entry. */
  public static ApiKey revoked(String id, String key) {
    return ApiKey.newBuilder().setId(id).setHash(ApiKeys.hash(key)).setRevoked(true).build();
  }

  /** A key entry that expires at {@code expiresAt}. */
  public static ApiKey expiring(String id, String key, Instant expiresAt) {
    return ApiKey.newBuilder().setId(id).setHash(ApiKeys.hash(key)).setExpiresAt(expiresAt).build();
  }
}
