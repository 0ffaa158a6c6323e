package io.klaxon.streams.route;

import io.klaxon.events.ChannelTarget;
import io.klaxon.events.GroupPolicy;

/**
 * A target an alert goes to, and the rule that chose it.
 *
 * @param routeName the rule's name, or {@code default:<tier>} for tier default routing
 * @param target the tenant's target
 * @param group how the rule groups its alerts, or null when each alert is its own notification
 */
public record RouteMatch(String routeName, ChannelTarget target, GroupPolicy group) {
  /** A match of a rule that does not group. */
  public RouteMatch(String routeName, ChannelTarget target) {
    this(routeName, target, null);
  }
}
