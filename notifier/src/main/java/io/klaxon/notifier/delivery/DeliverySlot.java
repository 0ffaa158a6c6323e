package io.klaxon.notifier.delivery;

import java.util.concurrent.CancellationException;

/**
 * The delivery slot a notification holds while it is being delivered: its share of its tenant's
 * and the shared capacity (the consumer loop admits deliveries by these slots). The {@link
 * DeliveryEngine} gives the slot up for every wait (a backoff, a destination paused by its
 * Retry-After, a channel's pacing) and takes it again before the next attempt, so a delivery that
 * waits never keeps other deliveries of its tenant from starting. Implementations are
 * thread-safe; the engine calls {@link #release} and {@link #reacquire} alternately, from the
 * delivery's thread, and {@link #outcomeFinal} at most once, last.
 */
public interface DeliverySlot {
  /** A slot of a delivery outside any admission (tools, tests): giving it up and taking it again are free. */
  DeliverySlot UNMANAGED = new DeliverySlot() {
    @Override
    public void release() {}

    @Override
    public void reacquire() {}
  };

  /** Gives the slot up for a wait. */
  void release();

  /**
   * Blocks until the delivery holds a slot again.
   *
   * @throws InterruptedException when interrupted while waiting (the engine is closing)
   * @throws CancellationException when the delivery was withdrawn while it waited (its partition
   *     moved to another consumer): it ends without an outcome
   */
  void reacquire() throws InterruptedException;

  /**
   * The delivery's outcome is final (nothing more is sent) and only its receipts and dead letters
   * are still being made durable: what the slot holds for its tenant may go to the tenant's next
   * delivery (the admission decides how much). The engine says so only
   * while it holds the slot, and calls neither {@link #release} nor {@link #reacquire} after.
   */
  default void outcomeFinal() {}
}
