package io.klaxon.ingest.auth;

import io.klaxon.events.Tier;
import java.util.Objects;

/**
 * Who a request comes from, as its API key says: the only source of the tenant an ingested alert
 * is written for. Immutable.
 *
 * @param tenantId the tenant the key belongs to
 * @param keyId the key's id within the tenant (for logs; never secret)
 * @param tier the tenant's tier (its ingest quota)
 */
public record Caller(String tenantId, String keyId, Tier tier) {
  public Caller {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(tier, "tier");
  }
}
