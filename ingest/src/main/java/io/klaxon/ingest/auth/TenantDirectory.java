package io.klaxon.ingest.auth;

import io.klaxon.events.ChannelTarget;
import java.util.HashMap;
import java.util.Optional;

import io.klaxon.contract.ApiKeys;
import io.klaxon.events.ApiKey;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenants the ingest service knows and their API keys, kept current from the tenants topic
 * ({@link #apply}), and the one place a request's key is turned into a tenant ({@link
 * #authenticate}). Keys are looked up by their SHA-256 ({@link ApiKeys#hash}), so the service holds
 * no key itself; a lookup's timing depends on the hash of what was presented, never on a stored
 * key.
 *
 * <p>A key's hash listed by two tenants authenticates neither (the record that lists it second may
 * have been pasted from the other tenant's file): a key of tenant A can never write for tenant B.
 *
 * <p>Thread-safe: {@link #apply} is called by one thread (the tenants topic reader) and takes
 * effect for the next request; {@link #authenticate} may be called by any number of threads.
 */
public final class TenantDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(TenantDirectory.class);

  /** What the directory remembers of a tenant. */
  private record Known(Tier tier, boolean enabled, List<String> hashes, Map<String, String> slackSigningSecretRefs) {}

  /** One tenant's key, as found by its hash. */
  private record Entry(String tenantId, String keyId, Instant expiresAt, boolean revoked) {}

  private final Map<String, Known> tenants = new ConcurrentHashMap<>();
  private final Map<String, List<Entry>> byHash = new ConcurrentHashMap<>();
  private final Consumer<String> onDeleted;

  /** @param onDeleted told the id of every tenant that is deleted (a tombstone), after the fact */
  public TenantDirectory(Consumer<String> onDeleted) {
    this.onDeleted = Objects.requireNonNull(onDeleted, "onDeleted");
  }

  /**
   * Applies one record of the tenants topic: a configuration replaces the tenant's earlier one and
   * all its keys; null (a tombstone) deletes the tenant. A record whose key is not the tenant id it
   * holds is refused (logged), as the Streams app refuses it.
   *
   * @param recordKey the record's key
   * @param tenant its value, or null for a tombstone
   */
  public synchronized void apply(String recordKey, TenantConfig tenant) {
    if (recordKey == null) {
      LOG.warn("Ignoring a tenant record without a key");
      return;
    }
    if (tenant != null && !recordKey.equals(tenant.getTenantId())) {
      LOG.warn("Ignoring a tenant record keyed '{}' that holds tenant '{}'", recordKey, tenant.getTenantId());
      return;
    }
    Known earlier = tenants.remove(recordKey);
    if (earlier != null) {
      earlier.hashes().forEach(hash -> unindex(hash, recordKey));
    }
    if (tenant == null) {
      if (earlier != null) {
        onDeleted.accept(recordKey);
      }
      return;
    }
    List<String> hashes = new ArrayList<>();
    for (ApiKey key : tenant.getApiKeys()) {
      hashes.add(key.getHash());
      Entry entry = new Entry(recordKey, key.getId(), key.getExpiresAt(), key.getRevoked());
      byHash.compute(key.getHash(), (hash, entries) -> {
        List<Entry> more = entries == null ? new ArrayList<>() : new ArrayList<>(entries);
        more.add(entry);
        if (more.stream().map(Entry::tenantId).distinct().count() > 1) {
          LOG.warn("Tenants {} list the same API key hash; it authenticates none of them until one removes it",
              more.stream().map(e -> e.tenantId() + " (key " + e.keyId() + ")").distinct().toList());
        }
        return List.copyOf(more);
      });
    }
    Map<String, String> signing = new HashMap<>();
    for (ChannelTarget target : tenant.getTargets()) {
      if (target.getSlack() != null && target.getSlack().getSigningSecretRef() != null) {
        signing.put(target.getId(), target.getSlack().getSigningSecretRef());
      }
    }
    tenants.put(recordKey, new Known(tenant.getTier(), tenant.getEnabled(), List.copyOf(hashes), Map.copyOf(signing)));
  }

  private void unindex(String hash, String tenantId) {
    byHash.computeIfPresent(hash, (h, entries) -> {
      List<Entry> rest = entries.stream().filter(e -> !e.tenantId().equals(tenantId)).toList();
      return rest.isEmpty() ? null : rest;
    });
  }

  /**
   * Whose request this is.
   *
   * @param key the key the request presented, or null when it presented none
   * @param now the time a key's expiry is compared with
   */
  public Authentication authenticate(String key, Instant now) {
    if (key == null || key.isEmpty()) {
      return new Authentication.Refused(Authentication.Refusal.MISSING_KEY);
    }
    List<Entry> entries = byHash.get(ApiKeys.hash(key));
    if (entries == null || entries.isEmpty()) {
      return new Authentication.Refused(Authentication.Refusal.UNKNOWN_KEY);
    }
    if (entries.stream().map(Entry::tenantId).distinct().count() > 1) {
      return new Authentication.Refused(Authentication.Refusal.AMBIGUOUS_KEY);
    }
    // One tenant may list a hash twice (a rotation written twice): any usable entry will do.
    Entry usable = null;
    Authentication.Refusal refusal = Authentication.Refusal.UNKNOWN_KEY;
    for (Entry entry : entries) {
      if (entry.revoked()) {
        refusal = Authentication.Refusal.REVOKED_KEY;
      } else if (entry.expiresAt() != null && !now.isBefore(entry.expiresAt())) {
        refusal = refusal == Authentication.Refusal.REVOKED_KEY ? refusal : Authentication.Refusal.EXPIRED_KEY;
      } else {
        usable = entry;
      }
    }
    if (usable == null) {
      return new Authentication.Refused(refusal);
    }
    Known tenant = tenants.get(usable.tenantId());
    if (tenant == null) {
      // Deleted between the two reads.
      return new Authentication.Refused(Authentication.Refusal.UNKNOWN_KEY);
    }
    if (!tenant.enabled()) {
      return new Authentication.Refused(Authentication.Refusal.TENANT_DISABLED);
    }
    return new Authentication.Authenticated(new Caller(usable.tenantId(), usable.keyId(), tenant.tier()));
  }

  /** Whether {@code tenantId} is a tenant the directory knows. */
  public boolean knows(String tenantId) {
    return tenants.containsKey(tenantId);
  }

  /**
   * The secret reference of the signing secret of the Slack app behind the tenant's Slack target
   * {@code targetId}, when the tenant is known, enabled and the target names one.
   */
  public Optional<String> slackSigningSecretRef(String tenantId, String targetId) {
    Known tenant = tenantId == null ? null : tenants.get(tenantId);
    if (tenant == null || !tenant.enabled() || targetId == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(tenant.slackSigningSecretRefs().get(targetId));
  }

  /** How many tenants are known. */
  public int tenantCount() {
    return tenants.size();
  }

  /** How many keys (neither revoked nor ambiguous; expiry is not considered) are known. */
  public int keyCount() {
    return (int) byHash.values().stream()
        .filter(entries -> entries.stream().map(Entry::tenantId).distinct().count() == 1)
        .mapToLong(entries -> entries.stream().filter(e -> !e.revoked()).count())
        .sum();
  }
}
