package io.klaxon.streams;

import io.klaxon.events.TenantConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Tenants' configurations as the global tenants store holds them, decoded once per change rather
 * than once per input. The store keeps each configuration as Avro bytes, and reading one back is a
 * full decode: about a tenth of the stream thread's time in the ceiling benchmark, for a table that
 * changes a few times a day.
 *
 * <p>Every change the tenants updater makes to the store ({@link TenantStoreUpdater}, the store's
 * only writer) ends with {@link #changed()}, which starts a new generation; a configuration read
 * in an earlier generation is never served again. A reader takes the generation before it reads
 * the store, so a configuration read while an update lands is kept under the old generation and
 * read again on the next lookup. Between the updater's write and its {@code changed()} a reader may
 * still be given the previous configuration, as it would have been a moment earlier.
 *
 * <p>Unknown tenants are not kept (made-up tenant ids must not fill the cache), and the cache holds
 * at most {@value #MAX_KEPT} tenants; when full it is emptied. The configurations handed out are
 * shared between stream threads: callers must not modify them (none does). Thread-safe.
 */
public final class TenantConfigs {
  static final int MAX_KEPT = 10_000;

  private record Kept(long generation, TenantConfig config) {}

  private final AtomicLong generation = new AtomicLong();
  private final Map<String, Kept> kept = new ConcurrentHashMap<>();

  /** The configuration of {@code tenantId} in {@code store}, or null when the store has none. */
  public TenantConfig get(KeyValueStore<String, TenantConfig> store, String tenantId) {
    long now = generation.get();
    Kept known = kept.get(tenantId);
    if (known != null && known.generation() == now) {
      return known.config();
    }
    TenantConfig config = store.get(tenantId);
    if (config != null) {
      if (kept.size() >= MAX_KEPT) {
        kept.clear();
      }
      kept.put(tenantId, new Kept(now, config));
    }
    return config;
  }

  /** Says the store changed: every configuration read before now is read again. */
  public void changed() {
    generation.incrementAndGet();
  }

  /** Tenants kept decoded now. */
  int kept() {
    return kept.size();
  }
}
