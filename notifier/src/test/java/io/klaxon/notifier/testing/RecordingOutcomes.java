package io.klaxon.notifier.testing;

import io.klaxon.events.DeliveryReceipt;
import io.klaxon.events.FailedNotification;
import io.klaxon.notifier.delivery.OutcomeRecorder;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps receipts and dead letters in memory; acknowledges at once unless told to hold. */
public final class RecordingOutcomes implements OutcomeRecorder {
  public final List<DeliveryReceipt> receipts = new CopyOnWriteArrayList<>();
  public final List<FailedNotification> deadLetters = new CopyOnWriteArrayList<>();
  public final List<CompletableFuture<Void>> pending = new CopyOnWriteArrayList<>();
  private volatile boolean hold;

  public RecordingOutcomes holding() {
    hold = true;
    return this;
  }

  @Override
  public CompletableFuture<?> receipt(DeliveryReceipt receipt) {
    receipts.add(receipt);
    return ack();
  }

  @Override
  public CompletableFuture<?> deadLetter(String tenantId, FailedNotification failed) {
    deadLetters.add(failed);
    return ack();
  }

  private CompletableFuture<Void> ack() {
    CompletableFuture<Void> future = new CompletableFuture<>();
    if (hold) {
      pending.add(future);
    } else {
      future.complete(null);
    }
    return future;
  }
}
