package io.klaxon.notifier.delivery;

import io.klaxon.events.DeliveryReceipt;
import io.klaxon.events.FailedNotification;
import java.util.List;

/**
 * The outcome of one notification: the receipts of every attempt and the dead letter, if any.
 *
 * @param deadLetter the DLQ record, or null when the notification was delivered
 */
public record DeliveryReport(List<DeliveryReceipt> receipts, FailedNotification deadLetter) {
  public DeliveryReport {
    receipts = List.copyOf(receipts);
  }

  public boolean delivered() {
    return deadLetter == null;
  }

  public int attempts() {
    return receipts.isEmpty() ? 0 : receipts.getLast().getAttempt();
  }
}
