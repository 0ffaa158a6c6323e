package io.klaxon.notifier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.IsolationLevel;
import io.klaxon.notifier.testing.Requests;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * A tenant with one slot, and room for one delivery writing its receipts without one: what its
 * deliveries hold while they send, wait, come back and write their receipts, and that each slot is
 * given back exactly once (the admission throws on a slot given back twice).
 */
class DeliverySlotsTest {
  private static final TopicPartition P0 = new TopicPartition("notifications", 0);

  private final TenantAdmission admission =
      new TenantAdmission(new TenantAdmission.Limits(IsolationLevel.MODERATE, 10, 1, 1));
  private final TenantFairQueue queue = new TenantFairQueue(admission);
  private final DeliverySlots slots = new DeliverySlots(queue, 1);
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

  @Test
  void aDeliveryWhoseOutcomeIsFinalLetsTheNextStartWhileItsReceiptsAreWritten() {
    PendingRequest first = request("n1");
    PendingRequest second = request("n2");
    assertThat(offer(first)).isTrue();
    assertThat(offer(second)).isFalse();

    slots.outcomeFinal(first);

    assertThat(slots.recording()).isEqualTo(1);
    assertThat(queue.takeStartable()).containsExactly(second);
    slots.started(second);
    assertThat(slots.active()).as("the first still counts until it ends").isEqualTo(2);
    assertThat(admission.sharedInFlight()).as("the first keeps its place in the shared capacity").isEqualTo(2);
    slots.ended(first);
    assertThat(slots.recording()).isZero();
    assertThat(admission.inFlight("acme")).as("the first's end gives nothing back twice").isEqualTo(1);
    assertThat(admission.sharedInFlight()).isEqualTo(1);
    slots.ended(second);
    assertThat(admission.inFlight("acme")).isZero();
    assertThat(admission.sharedInFlight()).isZero();
    assertThat(queue.backlog().total()).isZero();
  }

  @Test
  void aDeliveryWritingItsReceiptsKeepsItsPlaceInTheSharedCapacity() {
    TenantAdmission tight = new TenantAdmission(new TenantAdmission.Limits(IsolationLevel.MODERATE, 1, 1, 1));
    TenantFairQueue tightQueue = new TenantFairQueue(tight);
    DeliverySlots tightSlots = new DeliverySlots(tightQueue, 5);
    PendingRequest first = request("n1");
    PendingRequest second = request("n2");
    assertThat(tightQueue.offer(first)).isTrue();
    tightSlots.started(first);
    assertThat(tightQueue.offer(second)).isFalse();

    tightSlots.outcomeFinal(first);

    assertThat(tightQueue.takeStartable()).as("the shared capacity (1) is still the first's").isEmpty();
    tightSlots.ended(first);
    assertThat(tightQueue.takeStartable()).containsExactly(second);
    tightSlots.started(second);
    tightSlots.ended(second);
    assertThat(tight.sharedInFlight()).isZero();
    assertThat(tight.inFlight("acme")).isZero();
  }

  @Test
  void pastTheRecordingLimitADeliveryKeepsItsSlotUntilItEnds() {
    PendingRequest first = request("n1");
    PendingRequest second = request("n2");
    PendingRequest third = request("n3");
    offer(first);
    offer(second);
    slots.outcomeFinal(first);
    assertThat(queue.takeStartable()).containsExactly(second);
    slots.started(second);
    assertThat(offer(third)).isFalse();

    // The first is still writing its receipts: the second, past its outcome too, keeps its slot.
    slots.outcomeFinal(second);

    assertThat(slots.recording()).isEqualTo(1);
    assertThat(queue.takeStartable()).isEmpty();
    slots.ended(first);
    assertThat(queue.takeStartable()).as("only an end gives the second's slot back").isEmpty();
    slots.ended(second);
    assertThat(queue.takeStartable()).containsExactly(third);
    slots.started(third);
    slots.ended(third);
    assertThat(admission.inFlight("acme")).isZero();
    assertThat(slots.recording()).isZero();
  }

  @Test
  void anOutcomeOfADeliveryThatDoesNotHoldItsSlotChangesNothing() {
    PendingRequest parked = request("n1");
    offer(parked);
    slots.released(parked);

    slots.outcomeFinal(parked);

    assertThat(slots.recording()).isZero();
    assertThat(queue.backlog().of(P0)).as("still parked").isEqualTo(1);
    slots.ended(parked);
    assertThat(admission.inFlight("acme")).isZero();
    assertThat(queue.backlog().total()).isZero();
  }
}
