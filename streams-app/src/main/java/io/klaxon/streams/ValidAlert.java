package io.klaxon.streams;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.TenantConfig;

/**
 * An event that passed validation, with its tenant's configuration as it was then: what the
 * validator hands to the rate limiter and the rate limiter to the deduplicator. Lives only between
 * processors of one task; never serialized.
 *
 * @param event the decoded event, keyed by its tenant id
 * @param tenant the tenant's configuration when the event was validated
 */
public record ValidAlert(AlertEvent event, TenantConfig tenant) {}
