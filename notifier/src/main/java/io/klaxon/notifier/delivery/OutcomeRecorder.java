package io.klaxon.notifier.delivery;

import io.klaxon.events.DeadLetter;
import io.klaxon.events.DeliveryReceipt;
import io.klaxon.events.FailedNotification;
import java.util.concurrent.CompletableFuture;

/**
 * Records the outcomes of deliveries: a {@link DeliveryReceipt} per attempt and, after the budget
 * or a permanent failure, a dead letter; and the dead letters of input records that cannot be read. Each call returns a future completed when the record is
 * durable (acknowledged by the broker), so offsets are committed only after it, or failed with
 * the reason it could not be written. Implementations are thread-safe.
 */
public interface OutcomeRecorder {
  /** Writes the receipt of one attempt. */
  CompletableFuture<?> receipt(DeliveryReceipt receipt);

  /** Writes the dead letter of a notification that will not be delivered, keyed by its tenant. */
  CompletableFuture<?> deadLetter(String tenantId, FailedNotification failed);

  /**
   * Writes the dead letter of an input record that is not a readable notification request, with
   * its original bytes (a {@link FailedNotification} holds a request, which such a record is not).
   */
  CompletableFuture<?> undecodable(DeadLetter letter);
}
