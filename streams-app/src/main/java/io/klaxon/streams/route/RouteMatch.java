package io.klaxon.streams.route;

import io.klaxon.events.ChannelTarget;

/**
 * A target an alert goes to, and the rule that chose it.
 *
 * @param routeName the rule's name, or {@code default:<tier>} for tier default routing
 * @param target the tenant's target
 */
public record RouteMatch(String routeName, ChannelTarget target) {}
