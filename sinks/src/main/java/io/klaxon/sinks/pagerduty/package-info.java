/**
 * A local stand-in for PagerDuty's Events API v2 ({@link io.klaxon.sinks.pagerduty.PagerDutyStandIn}):
 * {@code POST /v2/enqueue} validated as PagerDuty validates it ({@link
 * io.klaxon.sinks.pagerduty.EventValidator}), an incident per routing key and dedup key ({@link
 * io.klaxon.sinks.pagerduty.Incidents}), an optional per-routing-key rate limit ({@link
 * io.klaxon.sinks.pagerduty.RoutingKeyLimits}); every event answered 202 or 400 goes to the inbox.
 */
package io.klaxon.sinks.pagerduty;
