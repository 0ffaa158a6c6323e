package io.klaxon.notifier.app;

import io.klaxon.contract.DeliveryProfiles;
import io.klaxon.events.IsolationLevel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;

/**
 * Decides which read requests start delivering, and in what order: a request starts when its
 * tenant may take a delivery slot ({@link TenantAdmission}, by the request's isolation level);
 * otherwise it waits in its tenant's queue. Each tenant's requests start in the order they
 * arrived; tenants whose requests wait take turns, one request per tenant per round, and a tenant
 * that was served goes to the back. Counts its waiting requests in all, and in the {@link Backlog}
 * it shares with {@link DeliverySlots} (for backpressure).
 *
 * <p>Not thread-safe: owned by the consumer loop, except {@link #size()}, which any thread may
 * read (a gauge does).
 */
final class TenantFairQueue {
  private final TenantAdmission admission;
  /** Per tenant in arrival order, never empty; the map's order is the tenants' turn. */
  private final Map<String, ArrayDeque<PendingRequest>> byTenant = new LinkedHashMap<>();
  private final Backlog backlog = new Backlog();
  private final AtomicInteger size = new AtomicInteger();

  TenantFairQueue(TenantAdmission admission) {
    this.admission = Objects.requireNonNull(admission, "admission");
  }

  /**
   * Takes a slot for {@code request} and returns true when it may start now: its tenant has a
   * free slot and none of its requests wait. Otherwise queues it and returns false.
   */
  boolean offer(PendingRequest request) {
    return offer(request, false);
  }

  /**
   * Like {@link #offer}, for a delivery that gave its slot up to wait and wants one again: when it
   * must wait for a slot, it goes before its tenant's other waiting requests, which arrived after it.
   */
  boolean offerFirst(PendingRequest request) {
    return offer(request, true);
  }

  private boolean offer(PendingRequest request, boolean first) {
    if (!byTenant.containsKey(request.tenant()) && tryAcquire(request)) {
      return true;
    }
    ArrayDeque<PendingRequest> queue = byTenant.computeIfAbsent(request.tenant(), t -> new ArrayDeque<>());
    if (first) {
      queue.addFirst(request);
    } else {
      queue.addLast(request);
    }
    backlog.add(request);
    size.incrementAndGet();
    return false;
  }

  /** Takes {@code request} (this very one) out of the queue, if it waits there. */
  @SuppressWarnings("ReferenceEquality") // This very request: another with equal fields is another delivery.
  void remove(PendingRequest request) {
    ArrayDeque<PendingRequest> queue = byTenant.get(request.tenant());
    if (queue != null && queue.removeIf(waiting -> waiting == request)) {
      if (queue.isEmpty()) {
        byTenant.remove(request.tenant());
      }
      backlog.remove(request);
      size.decrementAndGet();
    }
  }

  /**
   * Takes the waiting requests that may start now, with a slot each: round after round, each
   * waiting tenant's first request, until a round finds no free slot.
   *
   * @return the requests taken, in the order they should start
   */
  List<PendingRequest> takeStartable() {
    List<PendingRequest> taken = new ArrayList<>();
    boolean progressed = true;
    while (progressed && !byTenant.isEmpty()) {
      progressed = false;
      List<String> served = new ArrayList<>();
      for (Map.Entry<String, ArrayDeque<PendingRequest>> entry : byTenant.entrySet()) {
        PendingRequest head = entry.getValue().peekFirst();
        if (tryAcquire(head)) {
          entry.getValue().pollFirst();
          backlog.remove(head);
          size.decrementAndGet();
          taken.add(head);
          served.add(entry.getKey());
          progressed = true;
        }
      }
      for (String tenant : served) {
        ArrayDeque<PendingRequest> queue = byTenant.remove(tenant);
        if (!queue.isEmpty()) {
          byTenant.put(tenant, queue);
        }
      }
    }
    return taken;
  }

  /** Gives back the slot of a request that {@link #offer}, {@link #offerFirst} or {@link #takeStartable} admitted. */
  void release(PendingRequest started) {
    admission.release(started.tenant(), level(started));
  }

  /** Gives back the tenant's own part of a started request's slot, keeping its place in the shared capacity. */
  void releaseTenantShare(PendingRequest started) {
    admission.releaseTenantShare(started.tenant());
  }

  /** Gives back the shared place of a started request whose tenant share went back already. */
  void releaseShared(PendingRequest started) {
    admission.releaseShared(level(started));
  }

  private IsolationLevel level(PendingRequest request) {
    return admission.effective(DeliveryProfiles.of(request.request()).getIsolationLevel());
  }

  /** The requests waiting here and those parked on their destination ({@link DeliverySlots}). */
  Backlog backlog() {
    return backlog;
  }

  /** Requests waiting in all. */
  int size() {
    return size.get();
  }

  /** Drops the waiting requests of {@code partitions} (they moved to another owner, which delivers them). */
  void forget(Collection<TopicPartition> partitions) {
    for (Iterator<ArrayDeque<PendingRequest>> queues = byTenant.values().iterator(); queues.hasNext(); ) {
      ArrayDeque<PendingRequest> queue = queues.next();
      queue.removeIf(request -> {
        if (!partitions.contains(request.partition())) {
          return false;
        }
        backlog.remove(request);
        size.decrementAndGet();
        return true;
      });
      if (queue.isEmpty()) {
        queues.remove();
      }
    }
  }

  private boolean tryAcquire(PendingRequest request) {
    return admission.tryAcquire(request.tenant(), admission.effective(DeliveryProfiles.of(request.request()).getIsolationLevel()));
  }
}
