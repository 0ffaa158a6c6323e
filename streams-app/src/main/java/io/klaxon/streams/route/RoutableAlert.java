package io.klaxon.streams.route;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.TenantConfig;

/**
 * An alert that passed the rate limit and deduplication, with what deduplication learned of it.
 *
 * @param event the alert
 * @param tenant the tenant's configuration when the alert was validated
 * @param fingerprint the alert's dedup fingerprint
 * @param repeat true when a still-firing alert notifies again after the repeat interval
 * @param duplicatesSuppressed duplicates suppressed since the fingerprint last notified
 */
public record RoutableAlert(AlertEvent event, TenantConfig tenant, String fingerprint, boolean repeat,
    long duplicatesSuppressed) implements Routable {}
