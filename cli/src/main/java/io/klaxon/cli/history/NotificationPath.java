package io.klaxon.cli.history;

import io.klaxon.events.DeliveryReceipt;
import io.klaxon.events.FailedNotification;
import java.util.List;

/**
 * One notification of an alert and what became of it. Immutable.
 *
 * @param notificationId the notification's id
 * @param targetId the tenant's target, from the request (or from a receipt when the request was not read); null when neither was read
 * @param channel the target's channel, likewise; null when unknown
 * @param attempts every delivery attempt read, in attempt order
 * @param deadLetter the notifier's dead letter for it, when it wrote one; else null
 */
public record NotificationPath(String notificationId, String targetId, String channel, List<DeliveryReceipt> attempts,
    FailedNotification deadLetter) {
  public NotificationPath {
    attempts = List.copyOf(attempts);
  }

  /** How the notification ended so far: DELIVERED, FAILED_PERMANENT, DEAD_LETTERED or PENDING. */
  public String ending() {
    if (deadLetter != null) {
      return deadLetter.getPermanent() ? "FAILED_PERMANENT" : "DEAD_LETTERED";
    }
    if (attempts.isEmpty()) {
      return "PENDING";
    }
    return switch (attempts.getLast().getOutcome()) {
      case DELIVERED -> "DELIVERED";
      case FAILED_PERMANENT -> "FAILED_PERMANENT";
      case DEAD_LETTERED -> "DEAD_LETTERED";
      case RETRY_SCHEDULED -> "PENDING";
    };
  }
}
