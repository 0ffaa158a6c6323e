package io.klaxon.notifier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.IsolationLevel;
import io.klaxon.notifier.testing.Requests;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * A tenant with one slot: what its deliveries hold while they send, wait and come back, and that
 * each slot is given back exactly once (the admission throws on a slot given back twice).
 */
class DeliverySlotsTest {
  private static final TopicPartition P0 = new TopicPartition("notifications", 0);

  private final TenantAdmission admission =
      new TenantAdmission(new TenantAdmission.Limits(IsolationLevel.MODERATE, 10, 1, 1));
  private final TenantFairQueue queue = new TenantFairQueue(admission);
  private final DeliverySlots slots = new DeliverySlots(queue);
  private long nextOffset;

  private PendingRequest request(String id) {
    return new PendingRequest(P0, nextOffset++, Requests.request(Requests.webhook("https://h.example/in", "env:H"))
        .setTenantId("acme").setNotificationId(id).build());
  }

  /** Offers {@code request} as the loop does, starting it when it is admitted at once. */
  private boolean offer(PendingRequest request) {
    boolean admitted = queue.offer(request);
    if (admitted) {
      slots.started(request);
    }
    return admitted;
  }

  @Test
  void aWaitingDeliveryLetsTheNextOneStartAndComesBackBeforeItsTenantsNewerRequests() {
    PendingRequest waiter = request("n1");
    PendingRequest next = request("n2");
    PendingRequest newer = request("n3");
    assertThat(offer(waiter)).isTrue();
    assertThat(offer(next)).isFalse();

    slots.released(waiter);

    // waiter parked, next waiting for the slot
    assertThat(queue.backlog().of(P0)).isEqualTo(2);
    List<PendingRequest> admitted = queue.takeStartable();
    assertThat(queue.backlog().of(P0)).isEqualTo(1);
    assertThat(admitted).containsExactly(next);
    assertThat(slots.granted(next)).isFalse();
    slots.started(next);
    assertThat(offer(newer)).isFalse();

    CompletableFuture<Void> grant = new CompletableFuture<>();
    slots.wanted(waiter, grant, true);

    assertThat(grant).isNotDone();
    // waiter and newer queued for the slot, nothing parked
    assertThat(queue.backlog().of(P0)).isEqualTo(2);
    assertThat(queue.size()).isEqualTo(2);
    slots.ended(next);
    assertThat(queue.takeStartable()).containsExactly(waiter);
    assertThat(slots.granted(waiter)).isTrue();
    assertThat(grant).isCompleted();
    slots.ended(waiter);
    assertThat(queue.takeStartable()).containsExactly(newer);
    slots.started(newer);
    slots.ended(newer);
    assertThat(admission.inFlight("acme")).isZero();
    assertThat(queue.backlog().total()).isZero();
  }

  @Test
  void aDeliveryThatWantsItsSlotWhenOneIsFreeGetsItAtOnce() {
    PendingRequest waiter = request("n1");
    offer(waiter);
    slots.released(waiter);
    CompletableFuture<Void> grant = new CompletableFuture<>();

    slots.wanted(waiter, grant, true);

    assertThat(grant).isCompleted();
    assertThat(admission.inFlight("acme")).isEqualTo(1);
    slots.ended(waiter);
    assertThat(admission.inFlight("acme")).isZero();
    assertThat(queue.backlog().total()).isZero();
  }

  @Test
  void aDeliveryThatEndsWhileParkedOrQueuedGivesNothingBackTwice() {
    PendingRequest parked = request("n1");
    offer(parked);
    slots.released(parked);
    assertThat(queue.backlog().of(P0)).isEqualTo(1);
    slots.ended(parked);
    assertThat(queue.backlog().of(P0)).isZero();

    PendingRequest queued = request("n2");
    PendingRequest holder = request("n3");
    offer(queued);
    slots.released(queued);
    offer(holder);
    CompletableFuture<Void> grant = new CompletableFuture<>();
    slots.wanted(queued, grant, true);
    assertThat(queue.size()).isEqualTo(1);
    slots.ended(queued);

    assertThat(grant).isCancelled();
    assertThat(queue.size()).isZero();
    slots.ended(holder);
    assertThat(admission.inFlight("acme")).isZero();
    assertThat(queue.backlog().total()).isZero();
  }

  @Test
  void deliveriesOfAMovedPartitionAreWithdrawnInsteadOfGoingOn() {
    PendingRequest queued = request("n1");
    PendingRequest parked = request("n2");
    PendingRequest holder = request("n3");
    offer(queued);
    slots.released(queued);
    offer(parked);
    slots.released(parked);
    offer(holder);
    CompletableFuture<Void> queuedGrant = new CompletableFuture<>();
    slots.wanted(queued, queuedGrant, true);
    assertThat(queuedGrant).isNotDone();

    slots.forget(List.of(P0));
    queue.forget(List.of(P0));
    CompletableFuture<Void> parkedGrant = new CompletableFuture<>();
    slots.wanted(parked, parkedGrant, false);

    assertThat(queuedGrant).isCancelled();
    assertThat(parkedGrant).isCancelled();
    slots.ended(queued);
    slots.ended(parked);
    slots.ended(holder);
    assertThat(admission.inFlight("acme")).isZero();
    assertThat(queue.backlog().total()).isZero();
  }
}
