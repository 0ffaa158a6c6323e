package io.klaxon.notifier.app;

import io.klaxon.events.DeadLetter;
import io.klaxon.notifier.delivery.DeliveryEngine;
import io.klaxon.notifier.delivery.DeliverySlot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import org.apache.kafka.common.TopicPartition;

/**
 * Starts deliveries, and dead letters of undecodable records, on the {@link DeliveryEngine} and
 * hands what happens to them back to the consumer loop: the engine's threads queue an {@link Event}
 * (a delivery gave its slot up to wait, wants one again, has its outcome, or ended; a dead letter was written), the
 * loop takes them, in order, on its own thread. Thread-safe.
 */
final class InFlightDeliveries {
  /** Something that happened to a started delivery, or to the dead letter of an undecodable record. */
  sealed interface Event {}

  /**
   * A delivery ended.
   *
   * @param failure why its outcome is not durable, or null when it is
   */
  record Ended(PendingRequest request, Throwable failure) implements Event {
    boolean durable() {
      return failure == null;
    }
  }

  /** A delivery gave its slot up to wait for its destination. */
  record SlotReleased(PendingRequest request) implements Event {}

  /** A delivery's outcome is final; it no longer needs its tenant's share of its slot while its receipts are written. */
  record OutcomeFinal(PendingRequest request) implements Event {}

  /**
   * A delivery that waited wants a slot again; it blocks until {@code grant} completes (or is
   * cancelled: the delivery is withdrawn and ends without an outcome).
   */
  record SlotWanted(PendingRequest request, CompletableFuture<Void> grant) implements Event {}

  /**
   * The dead letter of an undecodable record was written.
   *
   * @param failure why it is not durable, or null when it is
   */
  record DeadLettered(TopicPartition partition, long offset, Throwable failure) implements Event {
    boolean durable() {
      return failure == null;
    }
  }

  private final DeliveryEngine engine;
  private final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();

  InFlightDeliveries(DeliveryEngine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  /** Starts delivering {@code request}, which holds a slot; false when the engine refused it (it is shutting down). */
  @SuppressWarnings("FutureReturnValueIgnored") // The callback queues every ending, failed or not; the future whenComplete returns adds nothing.
  boolean start(PendingRequest request) {
    try {
      engine.deliver(request.request(), new Slot(request))
          .whenComplete((report, error) -> events.add(new Ended(request, error)));
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  /** Writes the dead letter of the undecodable record at {@code offset} of {@code partition}. */
  @SuppressWarnings("FutureReturnValueIgnored") // The callback queues every ending, failed or not; the future whenComplete returns adds nothing.
  void deadLetter(TopicPartition partition, long offset, DeadLetter letter) {
    engine.deadLetterUndecodable(letter).whenComplete((written, error) -> events.add(new DeadLettered(partition, offset, error)));
  }

  /** The events since the last call, in the order they happened. */
  List<Event> takeEvents() {
    List<Event> taken = new ArrayList<>();
    for (Event next = events.poll(); next != null; next = events.poll()) {
      taken.add(next);
    }
    return taken;
  }

  /** A delivery's slot as the engine sees it: giving it up and asking for it go through the loop. */
  private final class Slot implements DeliverySlot {
    private final PendingRequest request;

    Slot(PendingRequest request) {
      this.request = request;
    }

    @Override
    public void release() {
      events.add(new SlotReleased(request));
    }

    @Override
    public void reacquire() throws InterruptedException {
      CompletableFuture<Void> grant = new CompletableFuture<>();
      events.add(new SlotWanted(request, grant));
      try {
        grant.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("a slot grant never fails, it is granted or cancelled", e);
      }
    }

    @Override
    public void outcomeFinal() {
      events.add(new OutcomeFinal(request));
    }
  }
}
