package io.klaxon.cli.tenants;

import io.klaxon.events.DataKey;
import io.klaxon.events.TenantConfig;
import io.klaxon.privacy.MasterKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The data keys {@code tenants apply} publishes with a tenant: the keys its current record holds
 * (so applying a file never destroys a key), re-wrapped under the current master key, plus a new
 * key when the tenant has none or a rotation is asked for. Without a master key the current keys
 * are kept as they are and none is created.
 */
public final class DataKeys {
  private DataKeys() {
  }

  /** What to publish, and a line telling what was done to the keys (null when nothing was). */
  public record Plan(TenantConfig tenant, String note) {
  }

  public static Plan plan(TenantConfig applied, TenantConfig current, MasterKeys masters, boolean rotate, Instant now) {
    String id = applied.getTenantId();
    List<DataKey> keys = new ArrayList<>(current == null || current.getErasedAt() != null ? List.of() : current.getDataKeys());
    if (masters == null) {
      return new Plan(TenantConfig.newBuilder(applied).setDataKeys(keys).build(), keys.isEmpty() ? null
          : "tenant " + id + ": kept its " + keys.size() + " data key(s) as they are (no master key here, KLAXON_MASTER_KEY_REF)");
    }
    int rewrapped = 0;
    for (int i = 0; i < keys.size(); i++) {
      if (!keys.get(i).getMasterKeyId().equals(masters.current().id())) {
        rewrapped++;
        keys.set(i, masters.rewrap(id, keys.get(i)));
      }
    }
    List<String> done = new ArrayList<>();
    if (rewrapped > 0) {
      done.add("re-wrapped " + rewrapped + " data key(s) under master key " + masters.current().id());
    }
    if (keys.isEmpty() || rotate) {
      DataKey created = masters.newDataKey(id, now);
      keys.add(created);
      done.add((rotate && keys.size() > 1 ? "rotated: new data key " : "created data key ") + created.getKeyId()
          + " (its records are sealed with it from now on)");
    }
    return new Plan(TenantConfig.newBuilder(applied).setDataKeys(keys).build(),
        done.isEmpty() ? null : "tenant " + id + ": " + String.join("; ", done));
  }
}
