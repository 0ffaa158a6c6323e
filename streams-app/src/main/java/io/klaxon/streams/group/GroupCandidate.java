package io.klaxon.streams.group;

import io.klaxon.streams.route.RoutableAlert;
import io.klaxon.streams.route.RouteMatch;
import java.util.SortedMap;

/**
 * An alert on its way into a group: the alert, the match of a rule that groups (its {@link
 * RouteMatch#group()} is set), and the group it joins, named once by the route node ({@link
 * #of}). Lives only between processors of one task; never serialized.
 *
 * @param groupLabels the groupBy labels and the alert's values of them
 * @param groupKey the group's id ({@link GroupKeys#groupKey})
 */
public record GroupCandidate(RoutableAlert alert, RouteMatch match, SortedMap<String, String> groupLabels,
    String groupKey) {

  /** The candidate of {@code alert} for the group that {@code match}'s rule puts it in. */
  public static GroupCandidate of(String tenantId, RoutableAlert alert, RouteMatch match) {
    SortedMap<String, String> labels = GroupKeys.groupLabels(match.group().getGroupBy(), alert.event().getLabels());
    return new GroupCandidate(alert, match, labels,
        GroupKeys.groupKey(tenantId, match.routeName(), match.target().getId(), labels));
  }
}
