package io.klaxon.streams.group;

import io.klaxon.streams.route.RoutableAlert;
import io.klaxon.streams.route.RouteMatch;

/**
 * An alert on its way into a group: the alert, and the match of a rule that groups (its {@link
 * RouteMatch#group()} is set). Lives only between processors of one task; never serialized.
 */
public record GroupCandidate(RoutableAlert alert, RouteMatch match) {}
