package io.klaxon.notifier.app;

import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Where each started delivery stands with its delivery slot, so a slot is given back exactly once:
 * a delivery holds its slot while it sends, gives it up to wait on its destination ({@link
 * #released}: it is then parked), asks for one again when its wait is over ({@link #wanted}: it
 * queues in the {@link TenantFairQueue} in front of its tenant's new requests, unless a slot is
 * free at once), and gets it back when the queue admits it ({@link #granted}). A delivery that is
 * parked or queued when its partition moves is withdrawn: it is not granted a slot again and ends
 * without an outcome, for the partition's next owner. Counts the parked deliveries in the queue's
 * {@link Backlog} (they are read and unfinished, so they count against their partition's backpressure).
 *
 * <p>A delivery whose outcome is final ({@link #outcomeFinal}) gives its tenant's share of its
 * slot back while its receipts are still being made durable, so its tenant's next delivery does
 * not wait on the receipt producer's batching and the broker's acknowledgement; it keeps its place
 * in the shared capacity until it ends, so the notifier as a whole has no more deliveries under
 * way than before. At most {@code recordingLimit} deliveries are past their outcome and not yet
 * ended at once; past that, a delivery keeps its whole slot until it ends, so a receipt topic that
 * stops taking writes slows deliveries down instead of letting unrecorded ones pile up.
 *
 * <p>Not thread-safe: owned by the consumer loop.
 */
final class DeliverySlots {
  private enum State { HELD, PARKED, QUEUED, WITHDRAWN, RECORDING }

  private final TenantFairQueue queue;
  private final int recordingLimit;
  private int recording;
  private final Map<PendingRequest, State> states = new IdentityHashMap<>();
  private final Map<PendingRequest, CompletableFuture<Void>> grants = new IdentityHashMap<>();

  /** @param recordingLimit how many deliveries may be past their outcome, writing receipts, without their tenant's share */
  DeliverySlots(TenantFairQueue queue, int recordingLimit) {
    this.queue = Objects.requireNonNull(queue, "queue");
    if (recordingLimit < 0) {
      throw new IllegalArgumentException("recordingLimit must not be negative, was " + recordingLimit);
    }
    this.recordingLimit = recordingLimit;
  }

  /** {@code request} started delivering with a slot the queue gave it. */
  void started(PendingRequest request) {
    states.put(request, State.HELD);
  }

  /** The delivery gave its slot up to wait. */
  void released(PendingRequest request) {
    if (states.replace(request, State.PARKED) == State.HELD) {
      queue.release(request);
      queue.backlog().add(request);
    }
  }

  /**
   * The delivery's wait is over and it wants a slot: granted at once when one is free, else
   * queued; withdrawn (the grant cancelled) when its partition is no longer {@code owned}.
   */
  void wanted(PendingRequest request, CompletableFuture<Void> grant, boolean owned) {
    if (states.get(request) != State.PARKED) {
      grant.cancel(false);
      return;
    }
    unpark(request);
    if (!owned) {
      states.put(request, State.WITHDRAWN);
      grant.cancel(false);
    } else if (queue.offerFirst(request)) {
      states.put(request, State.HELD);
      grant.complete(null);
    } else {
      states.put(request, State.QUEUED);
      grants.put(request, grant);
    }
  }

  /**
   * The queue admitted {@code request} with a slot: returns true when it was a delivery waiting to
   * go on (it goes on now), false when it is a new request to start.
   */
  boolean granted(PendingRequest request) {
    CompletableFuture<Void> grant = grants.remove(request);
    if (grant == null) {
      return false;
    }
    states.put(request, State.HELD);
    grant.complete(null);
    return true;
  }

  /**
   * The delivery's outcome is final: gives its tenant's share back now (it keeps its place in the
   * shared capacity until it ends), unless {@code recordingLimit} deliveries are already writing
   * their receipts this way.
   */
  void outcomeFinal(PendingRequest request) {
    if (states.get(request) == State.HELD && recording < recordingLimit) {
      states.put(request, State.RECORDING);
      recording++;
      queue.releaseTenantShare(request);
    }
  }

  /** Deliveries past their outcome that gave their tenant's share back and have not ended. */
  int recording() {
    return recording;
  }

  /** The delivery ended: gives its slot back if it held one, and forgets it. */
  void ended(PendingRequest request) {
    State state = states.remove(request);
    if (state == null) {
      return;
    }
    switch (state) {
      case HELD -> queue.release(request);
      case PARKED -> unpark(request);
      case QUEUED -> {
        queue.remove(request);
        grants.remove(request).cancel(false);
      }
      case WITHDRAWN -> {
        // Holds nothing.
      }
      case RECORDING -> {
        recording--;
        queue.releaseShared(request);
      }
    }
  }

  /** Deliveries started and not yet ended. */
  int active() {
    return states.size();
  }

  /** {@code moved} went to another consumer: its queued deliveries are withdrawn, its parked ones will be. */
  void forget(Collection<TopicPartition> moved) {
    for (Iterator<Map.Entry<PendingRequest, CompletableFuture<Void>>> it = grants.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<PendingRequest, CompletableFuture<Void>> entry = it.next();
      PendingRequest request = entry.getKey();
      CompletableFuture<Void> grant = entry.getValue();
      if (moved.contains(request.partition())) {
        it.remove();
        states.put(request, State.WITHDRAWN);
        grant.cancel(false);
      }
    }
  }

  private void unpark(PendingRequest request) {
    queue.backlog().remove(request);
  }
}
