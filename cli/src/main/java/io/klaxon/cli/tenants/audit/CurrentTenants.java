package io.klaxon.cli.tenants.audit;

import io.klaxon.cli.read.TopicReader;
import io.klaxon.events.TenantConfig;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The configurations the compacted tenants topic holds now for some tenants: read from its oldest
 * record to its end, the latest record of each key winning, a tombstone removing it. Stateless.
 */
public final class CurrentTenants {
  private CurrentTenants() {}

  /**
   * The current configuration of each of {@code tenantIds} that has one ({@code tenantIds} null:
   * of every tenant).
   *
   * @param onUndecodable told of each record that is not a readable TenantConfig (it is skipped)
   */
  public static Map<String, TenantConfig> read(TopicReader<TenantConfig> tenants, Set<String> tenantIds,
      Consumer<String> onUndecodable) {
    Map<String, TenantConfig> current = new HashMap<>();
    tenants.withTombstones().read(TopicReader.Start.beginning(), false, () -> false, (record, config) -> {
      String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
      if (key != null && (tenantIds == null || tenantIds.contains(key))) {
        if (config == null) {
          current.remove(key);
        } else {
          current.put(key, config);
        }
      }
      return true;
    }, onUndecodable);
    return current;
  }
}
