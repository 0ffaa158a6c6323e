package io.klaxon.streams;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.TenantConfig;

/**
 * A valid event on its way between the topology's processors (never serialized).
 *
 * @param event the decoded event
 * @param tenant the tenant's configuration when the event was validated
 * @param fingerprint the dedup fingerprint (set by the deduplicator)
 * @param repeat true when a still-firing alert notifies again after the repeat interval
 * @param duplicatesSuppressed duplicates suppressed since the fingerprint last notified
 */
public record InFlight(AlertEvent event, TenantConfig tenant, String fingerprint, boolean repeat, long duplicatesSuppressed) {
  public InFlight withDedup(String fingerprint, boolean repeat, long duplicatesSuppressed) {
    return new InFlight(event, tenant, fingerprint, repeat, duplicatesSuppressed);
  }
}
