package io.klaxon.notifier.app;

import io.klaxon.notifier.delivery.DeliveryEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;

/**
 * Starts deliveries on the {@link DeliveryEngine} and hands each back to the consumer loop when it
 * ends: the engine's threads queue the ending, the loop takes it on its own thread. Thread-safe.
 */
final class InFlightDeliveries {
  /**
   * How a delivery ended.
   *
   * @param failure why its outcome is not durable, or null when it is
   */
  record Ended(PendingRequest request, Throwable failure) {
    boolean durable() {
      return failure == null;
    }
  }

  private final DeliveryEngine engine;
  private final ConcurrentLinkedQueue<Ended> ended = new ConcurrentLinkedQueue<>();

  InFlightDeliveries(DeliveryEngine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  /** Starts delivering {@code request}; false when the engine refused it (it is shutting down). */
  boolean start(PendingRequest request) {
    try {
      engine.deliver(request.request()).whenComplete((report, error) -> ended.add(new Ended(request, error)));
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  /** The deliveries that ended since the last call, in the order they ended. */
  List<Ended> takeEnded() {
    List<Ended> taken = new ArrayList<>();
    for (Ended next = ended.poll(); next != null; next = ended.poll()) {
      taken.add(next);
    }
    return taken;
  }
}
