package io.klaxon.streams.route;

import io.klaxon.events.TenantConfig;

/**
 * What the route stage turns into notification requests: an alert that passed the rate limit and
 * deduplication, or a rate-limit window's suppression summary. Lives only between processors of one
 * task; never serialized.
 */
public sealed interface Routable permits RoutableAlert, SuppressionSummaryDue {
  /** The tenant whose routing and targets apply. */
  TenantConfig tenant();
}
