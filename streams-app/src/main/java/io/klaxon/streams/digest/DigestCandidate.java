package io.klaxon.streams.digest;

import io.klaxon.streams.route.RoutableAlert;
import io.klaxon.streams.route.RouteMatch;

/**
 * An alert on its way into its target's digest. Lives only between processors of one task; never
 * serialized.
 */
public record DigestCandidate(RoutableAlert alert, RouteMatch match) {}
