package io.klaxon.notifier.testing;

import io.klaxon.events.DeadLetter;
import io.klaxon.events.DeliveryReceipt;
import io.klaxon.events.FailedNotification;
import io.klaxon.notifier.delivery.OutcomeRecorder;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps receipts and dead letters in memory; acknowledges at once unless told to hold or to fail.
 * A failed write is not kept.
 */
public final class RecordingOutcomes implements OutcomeRecorder {
  public final List<DeliveryReceipt> receipts = new CopyOnWriteArrayList<>();
  public final List<FailedNotification> deadLetters = new CopyOnWriteArrayList<>();
  public final List<DeadLetter> undecodable = new CopyOnWriteArrayList<>();
  public final List<CompletableFuture<Void>> pending = new CopyOnWriteArrayList<>();
  private final AtomicInteger writes = new AtomicInteger();
  private volatile boolean hold;
  private volatile int failFirst;
  private volatile Runnable onWrite = () -> {};

  public RecordingOutcomes holding() {
    hold = true;
    return this;
  }

  /** Fails the first {@code count} writes (as a broker refusing the record would); {@link Integer#MAX_VALUE} fails all. */
  public RecordingOutcomes failingFirst(int count) {
    failFirst = count;
    return this;
  }

  /** Runs {@code action} at every write, before it is acknowledged or failed. */
  public RecordingOutcomes onWrite(Runnable action) {
    onWrite = action;
    return this;
  }

  /** How many writes were asked for, failed ones included. */
  public int writes() {
    return writes.get();
  }

  @Override
  public CompletableFuture<?> receipt(DeliveryReceipt receipt) {
    return write(() -> receipts.add(receipt));
  }

  @Override
  public CompletableFuture<?> deadLetter(String tenantId, FailedNotification failed) {
    return write(() -> deadLetters.add(failed));
  }

  @Override
  public CompletableFuture<?> undecodable(DeadLetter letter) {
    return write(() -> undecodable.add(letter));
  }

  private CompletableFuture<Void> write(Runnable keep) {
    onWrite.run();
    CompletableFuture<Void> future = new CompletableFuture<>();
    if (writes.incrementAndGet() <= failFirst) {
      future.completeExceptionally(new IllegalStateException("record refused"));
      return future;
    }
    keep.run();
    if (hold) {
      pending.add(future);
    } else {
      future.complete(null);
    }
    return future;
  }
}
