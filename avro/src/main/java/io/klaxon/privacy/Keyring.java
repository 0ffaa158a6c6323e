package io.klaxon.privacy;

import io.klaxon.events.DataKey;
import io.klaxon.events.TenantConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenants' data keys as one process knows them, fed from the tenants topic ({@link
 * #update}): which key seals a tenant's new records, and which keys open its old ones. A tenant
 * whose record is an erasure marker or a tombstone has no keys left, so what it sealed reads as
 * erased. Thread-safe: updated by the thread that follows the tenants topic, read by any.
 */
public final class Keyring {
  private static final Logger LOG = LoggerFactory.getLogger(Keyring.class);

  /** What a reader can do with a tenant's sealed record. */
  public enum Status {
    /** The key is here: the record opens. */
    OPEN,
    /** The tenant is known and the key is not among its keys (erased, or the key was destroyed): never opens again. */
    ERASED,
    /** This process has not seen the tenant yet (it may still be reading the tenants topic). */
    UNKNOWN_TENANT,
    /** The key exists but cannot be unwrapped here: no master key, or not the one that wrapped it. */
    UNAVAILABLE
  }

  /** The answer to a lookup: the key when {@link Status#OPEN}, else why not. */
  public record Lookup(Status status, SecretKey key, String problem) {
  }

  /** The key that seals a tenant's new records. */
  public record SealingKey(String keyId, SecretKey key) {
  }

  /** @param sealing the current key when it opened here, else null (made once per update, not per record) */
  private record Entry(boolean erased, String currentKeyId, Map<String, SecretKey> keys, Map<String, String> problems,
      SealingKey sealing) {
  }

  private final MasterKeys masters;
  private final Map<String, Entry> tenants = new ConcurrentHashMap<>();
  private volatile Function<String, TenantConfig> fallback = tenant -> null;

  /** @param masters null when no master key is configured: nothing is sealed, and sealed records do not open */
  public Keyring(MasterKeys masters) {
    this.masters = masters;
  }

  /** A keyring without a master key: it seals nothing and opens nothing. */
  public static Keyring none() {
    return new Keyring(null);
  }

  /** Whether a master key is configured. */
  public boolean enabled() {
    return masters != null;
  }

  /**
   * Where to look for a tenant this keyring has not been told of: a process that keeps the tenants
   * table in a store of its own (restored from a checkpoint, so not every tenant passes through
   * {@link #update} at start) reads it there.
   */
  public void fallback(Function<String, TenantConfig> source) {
    this.fallback = Objects.requireNonNull(source, "source");
  }

  private Entry entry(String tenant) {
    Entry entry = tenants.get(tenant);
    if (entry == null) {
      TenantConfig config = fallback.apply(tenant);
      if (config != null) {
        update(tenant, config);
        entry = tenants.get(tenant);
      }
    }
    return entry;
  }

  /** Takes in the tenants topic's record of {@code tenant}; {@code config} null for a tombstone. */
  public void update(String tenant, TenantConfig config) {
    if (config == null || config.getErasedAt() != null) {
      tenants.put(tenant, new Entry(true, null, Map.of(), Map.of(), null));
      return;
    }
    List<DataKey> dataKeys = config.getDataKeys();
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    Map<String, String> problems = new LinkedHashMap<>();
    for (DataKey dataKey : dataKeys) {
      if (masters == null) {
        problems.put(dataKey.getKeyId(), "no master key is configured (KLAXON_MASTER_KEY_REF)");
        continue;
      }
      try {
        keys.put(dataKey.getKeyId(), masters.unwrap(tenant, dataKey));
      } catch (SealedDataException e) {
        problems.put(dataKey.getKeyId(), e.getMessage());
      }
    }
    String current = dataKeys.isEmpty() ? null : dataKeys.get(dataKeys.size() - 1).getKeyId();
    Entry previous = tenants.put(tenant, new Entry(false, current, Map.copyOf(keys), Map.copyOf(problems),
        current == null || !keys.containsKey(current) ? null : new SealingKey(current, keys.get(current))));
    // Without any master key this process was configured not to seal; with one, a key it cannot open is a mistake.
    if (masters != null && current != null && problems.containsKey(current)
        && (previous == null || !problems.equals(previous.problems()))) {
      LOG.error("tenant {}: its current data key cannot be opened here, so this process neither seals nor opens its records: {}", tenant,
          problems.get(current));
    }
  }

  /** Whether {@code tenant} is known to be erased (its record is an erasure marker or a tombstone). */
  public boolean erased(String tenant) {
    Entry entry = entry(tenant);
    return entry != null && entry.erased();
  }

  /** The key to seal {@code tenant}'s new records with; empty when the tenant has no usable key (then they go unsealed). */
  public Optional<SealingKey> sealingKey(String tenant) {
    Entry entry = entry(tenant);
    return entry == null ? Optional.empty() : Optional.ofNullable(entry.sealing());
  }

  /** The key {@code keyId} of {@code tenant}, or why it cannot be had. */
  public Lookup lookup(String tenant, String keyId) {
    Entry entry = entry(tenant);
    if (entry == null) {
      return new Lookup(Status.UNKNOWN_TENANT, null, "tenant " + tenant + " is not known here (yet)");
    }
    SecretKey key = entry.keys().get(keyId);
    if (key != null) {
      return new Lookup(Status.OPEN, key, null);
    }
    String problem = entry.problems().get(keyId);
    if (problem != null) {
      return new Lookup(Status.UNAVAILABLE, null, problem);
    }
    return new Lookup(Status.ERASED, null, entry.erased() ? "tenant " + tenant + " was erased: its data keys are destroyed"
        : "data key " + keyId + " of tenant " + tenant + " is destroyed");
  }
}
