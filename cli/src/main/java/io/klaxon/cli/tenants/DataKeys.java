package io.klaxon.cli.tenants;

import io.klaxon.events.DataKey;
import io.klaxon.events.TenantConfig;
import io.klaxon.privacy.MasterKeys;
import io.klaxon.ops.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The data keys {@code tenants apply} and {@code tenants retain} publish with a tenant: the keys its
 * current record holds (so applying a file never destroys a key), re-wrapped under the current
 * master key, plus a new key when the tenant has none, a rotation is asked for, or its retention
 * makes one due; with a retention, minus the keys whose every record is older than it. Without a
 * master key the current keys are kept as they are and none is created or destroyed.
 */
public final class DataKeys {
  private DataKeys() {
  }

  /** What to publish, and a line telling what was done to the keys (null when nothing was). */
  public record Plan(TenantConfig tenant, String note) {
  }

  /** The shortest retention a tenant may set. */
  public static final Duration MIN_RETENTION = Duration.ofHours(1);

  /**
   * How often a tenant with {@code retention} gets a new data key: a tenth of it, at least hourly,
   * so a record reads as erased at most that long after it passed the retention.
   */
  public static Duration rotationPeriod(Duration retention) {
    Duration tenth = retention.dividedBy(10);
    return tenth.compareTo(MIN_RETENTION) < 0 ? MIN_RETENTION : tenth;
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
    Duration retention = applied.getRetentionMs() == null ? null : Duration.ofMillis(applied.getRetentionMs());
    boolean due = retention != null && !keys.isEmpty()
        && keys.getLast().getCreatedAt().plus(rotationPeriod(retention)).isBefore(now);
    if (keys.isEmpty() || rotate || due) {
      DataKey created = masters.newDataKey(id, now);
      keys.add(created);
      done.add((keys.size() > 1 ? "rotated: new data key " : "created data key ") + created.getKeyId()
          + (due && !rotate ? " (the last one is older than " + Durations.format(rotationPeriod(retention)) + ")" : "")
          + " (its records are sealed with it from now on)");
    }
    if (retention != null) {
      // A key's records were all sealed before its successor was made: once that is longer ago than
      // the retention, every one of them is past it, and the key goes.
      List<String> expired = new ArrayList<>();
      while (keys.size() > 1 && keys.get(1).getCreatedAt().plus(retention).isBefore(now)) {
        expired.add(keys.removeFirst().getKeyId());
      }
      if (!expired.isEmpty()) {
        done.add("retention " + Durations.format(retention) + ": destroyed data key(s) " + String.join(", ", expired)
            + " (what they sealed reads as erased)");
      }
    }
    return new Plan(TenantConfig.newBuilder(applied).setDataKeys(keys).build(),
        done.isEmpty() ? null : "tenant " + id + ": " + String.join("; ", done));
  }
}
