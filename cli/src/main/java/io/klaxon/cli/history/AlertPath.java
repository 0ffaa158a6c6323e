package io.klaxon.cli.history;

import io.klaxon.events.AlertAcknowledged;
import io.klaxon.events.Outcome;
import java.time.Instant;
import java.util.List;

/**
 * One alert's path through the pipeline: the input record received, its outcome, and each
 * notification it caused with every delivery attempt; or an acknowledgement made in Klaxon and the
 * notifications that told the tenant's PagerDuty targets of it. Immutable.
 *
 * @param eventId the event's id (null when the input did not decode)
 * @param receivedAt the input record's timestamp
 * @param title the alert's title, when a notification request carries it; else null
 * @param fingerprint the dedup fingerprint, from the outcome or the notification request; else null
 * @param outcome what the Streams app decided; null when no outcome was read for the notifications
 *     (written before {@code --since}, or with the outcome audit off)
 * @param notifications the notifications, in the order of the outcome's notification ids
 * @param acknowledgement for the path of an acknowledgement, who made it, when and why (then
 *     {@code eventId}, {@code title} and {@code outcome} are null and {@code receivedAt} is its
 *     time); null for an alert's path
 */
public record AlertPath(String eventId, Instant receivedAt, String title, String fingerprint, Outcome outcome,
    List<NotificationPath> notifications, AlertAcknowledged acknowledgement) {
  public AlertPath {
    notifications = List.copyOf(notifications);
  }
}
