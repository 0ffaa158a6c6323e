package io.klaxon.streams.group;

import io.klaxon.streams.Hashing;
import io.klaxon.streams.TenantKeys;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Names of groups and of their entries in the group stores. A group is identified by its tenant,
 * rule, target and the values of its {@code groupBy} labels; its store key is {@code
 * tenant/groupKey} ({@link TenantKeys}), and each member alert lives under {@code
 * storeKey NUL fingerprint}, so one range scan finds a group's members. Stateless.
 */
public final class GroupKeys {
  /** The {@code groupBy} entry that groups by every label, as in Alertmanager. */
  public static final String ALL_LABELS = "...";
  private static final char MEMBER_SEPARATOR = '\u0000';
  private static final char AFTER_SEPARATOR = '\u0001';

  private GroupKeys() {}

  /**
   * The labels that define an alert's group: each {@code groupBy} name with the alert's value
   * ({@code ""} when it lacks the label), or every label when {@code groupBy} is {@code ["..."]}.
   * Sorted by name.
   */
  public static SortedMap<String, String> groupLabels(List<String> groupBy, Map<String, String> labels) {
    if (groupBy.contains(ALL_LABELS)) {
      return new TreeMap<>(labels);
    }
    SortedMap<String, String> out = new TreeMap<>();
    for (String name : groupBy) {
      out.put(name, labels.getOrDefault(name, ""));
    }
    return out;
  }

  /** The id of the group of {@code groupLabels} for a tenant's rule and target: 32 hex digits. */
  public static String groupKey(String tenantId, String routeName, String targetId, SortedMap<String, String> groupLabels) {
    String[] parts = new String[4 + 2 * groupLabels.size()];
    parts[0] = "group";
    parts[1] = tenantId;
    parts[2] = routeName;
    parts[3] = targetId;
    int i = 4;
    for (Map.Entry<String, String> label : groupLabels.entrySet()) {
      parts[i++] = label.getKey();
      parts[i++] = label.getValue();
    }
    return Hashing.sha256(parts).substring(0, 32);
  }

  /** The group's key in the groups store. */
  public static String storeKey(String tenantId, String groupKey) {
    return TenantKeys.of(tenantId, groupKey);
  }

  /** The key of one member alert of a group in the members store. */
  public static String memberKey(String storeKey, String fingerprint) {
    return storeKey + MEMBER_SEPARATOR + fingerprint;
  }

  /** The lower bound (inclusive) of a range scan over a group's members. */
  public static String membersFrom(String storeKey) {
    return storeKey + MEMBER_SEPARATOR;
  }

  /** The upper bound (inclusive) of a range scan over a group's members: below every key of a later group. */
  public static String membersTo(String storeKey) {
    return storeKey + AFTER_SEPARATOR;
  }

  /**
   * The notification id of one flush. A group that ends (every alert resolved and notified) and
   * opens again later has a new {@code startedAt}, so its flushes never reuse an earlier group's ids.
   */
  public static String notificationId(String tenantId, String groupKey, long startedAt, long sequence) {
    return Hashing.sha256("group-flush", tenantId, groupKey, Long.toString(startedAt), Long.toString(sequence))
        .substring(0, 32);
  }
}
