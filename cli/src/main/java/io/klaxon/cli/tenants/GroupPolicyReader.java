package io.klaxon.cli.tenants;

import io.klaxon.contract.AlertEventLimits;
import io.klaxon.events.GroupPolicy;
import io.klaxon.ops.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a route's {@code group}: {@code {groupBy?, groupWait?, groupInterval?, repeatInterval?}},
 * with Alertmanager's meanings and defaults (no labels: one group per target; 30s, 5m, 4h).
 * {@code groupBy} lists label names, or is {@code ["..."]} to group by every label. Bounds keep a
 * group's key and its timings sensible: at most {@value #MAX_GROUP_BY} label names; groupWait at
 * most 1h (a CRITICAL alert may wait that long); groupInterval from 1s to 24h; repeatInterval no
 * shorter than groupInterval and at most 30d. Every problem goes to the reader's sink with its
 * path. Stateless.
 */
final class GroupPolicyReader {
  static final int MAX_GROUP_BY = 16;
  private static final Set<String> FIELDS = Set.of("groupBy", "groupWait", "groupInterval", "repeatInterval");
  private static final Duration MAX_WAIT = Duration.ofHours(1);
  private static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
  private static final Duration MAX_INTERVAL = Duration.ofHours(24);
  private static final Duration MAX_REPEAT = Duration.ofDays(30);

  private GroupPolicyReader() {}

  /** The policy under {@code node} at {@code path} (absent: null, the route does not group). */
  static GroupPolicy read(NodeReader r, Located node, String path) {
    if (node == null) {
      return null;
    }
    Located.Mapping map = r.mapping(node, path, FIELDS);
    if (map == null) {
      return null;
    }
    GroupPolicy.Builder policy = GroupPolicy.newBuilder().setGroupBy(groupBy(r, r.optional(map, "groupBy"), path + ".groupBy"));
    Duration wait = duration(r, r.optional(map, "groupWait"), path + ".groupWait", Duration.ZERO, MAX_WAIT);
    Duration interval = duration(r, r.optional(map, "groupInterval"), path + ".groupInterval", MIN_INTERVAL, MAX_INTERVAL);
    Located repeatNode = r.optional(map, "repeatInterval");
    Duration repeat = duration(r, repeatNode, path + ".repeatInterval", MIN_INTERVAL, MAX_REPEAT);
    if (wait != null) {
      policy.setGroupWaitMs(wait.toMillis());
    }
    if (interval != null) {
      policy.setGroupIntervalMs(interval.toMillis());
    }
    if (repeat != null) {
      policy.setRepeatIntervalMs(repeat.toMillis());
    }
    if (repeatNode != null && repeat != null && policy.getRepeatIntervalMs() < policy.getGroupIntervalMs()) {
      r.sink().error(repeatNode, path + ".repeatInterval", "must not be shorter than groupInterval ("
          + Durations.format(Duration.ofMillis(policy.getGroupIntervalMs())) + ")");
    }
    return policy.build();
  }

  private static List<String> groupBy(NodeReader r, Located node, String path) {
    List<String> names = new ArrayList<>();
    List<Located> items = r.sequence(node, path);
    if (items.size() > MAX_GROUP_BY) {
      r.sink().error(node, path, items.size() + " label names, at most " + MAX_GROUP_BY + " allowed");
      return names;
    }
    for (int i = 0; i < items.size(); i++) {
      String itemPath = path + "[" + i + "]";
      String name = r.string(items.get(i), itemPath);
      if (name == null) {
        continue;
      }
      if (name.equals("...")) {
        if (items.size() > 1) {
          r.sink().error(items.get(i), itemPath, "'...' groups by every label and stands alone");
        }
      } else if (!AlertEventLimits.LABEL_NAME.matcher(name).matches()) {
        r.sink().error(items.get(i), itemPath, "'" + name + "' is not a label name (" + AlertEventLimits.LABEL_NAME.pattern() + ")");
        continue;
      } else if (names.contains(name)) {
        r.sink().error(items.get(i), itemPath, "duplicate label name '" + name + "'");
        continue;
      }
      names.add(name);
    }
    return names;
  }

  private static Duration duration(NodeReader r, Located node, String path, Duration min, Duration max) {
    Duration parsed = r.duration(node, path);
    if (parsed != null && (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0)) {
      r.sink().error(node, path, "'" + Durations.format(parsed) + "' is out of range: from " + Durations.format(min)
          + " to " + Durations.format(max));
      return null;
    }
    return parsed;
  }
}
