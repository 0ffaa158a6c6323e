package io.klaxon.notifier.delivery;

import io.klaxon.events.DeliveryReceipt;
import io.klaxon.events.FailedNotification;
import java.util.concurrent.CompletableFuture;

/**
 * Where the {@link DeliveryEngine} writes what happened: a receipt per attempt and, after the
 * budget or a permanent failure, a dead letter. Each call returns a future completed when the
 * record is durable (acknowledged by the broker), so offsets are committed only after it.
 */
public interface OutcomeSink {
  CompletableFuture<?> receipt(DeliveryReceipt receipt);

  CompletableFuture<?> deadLetter(String tenantId, FailedNotification failed);
}
