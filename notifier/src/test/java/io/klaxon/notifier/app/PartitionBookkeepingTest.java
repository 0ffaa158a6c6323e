package io.klaxon.notifier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.IsolationLevel;
import io.klaxon.notifier.testing.Requests;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the deliveries' events and the rebalance callbacks do to the offsets and the slots. */
class PartitionBookkeepingTest {
  private static final TopicPartition P0 = new TopicPartition("notifications", 0);
  private static final TopicPartition P1 = new TopicPartition("notifications", 1);

  private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
  private final List<InFlightDeliveries.Event> events = new ArrayList<>();
  private final OffsetTracker offsets = new OffsetTracker();
  private final TenantAdmission admission =
      new TenantAdmission(new TenantAdmission.Limits(IsolationLevel.MODERATE, 10, 10, 1));
  private final TenantFairQueue waiting = new TenantFairQueue(admission);
  private final DeliverySlots slots = new DeliverySlots(waiting, 10);
  private final RereadGuard reread = new RereadGuard(since -> java.util.Set.of("n-1"), java.time.InstantSource.system(),
      io.klaxon.notifier.metrics.NotifierMetrics.inMemory());
  private final PartitionBookkeeping bookkeeping = new PartitionBookkeeping(consumer, () -> {
    List<InFlightDeliveries.Event> taken = List.copyOf(events);
    events.clear();
    return taken;
  }, offsets, slots, waiting, reread);

  @BeforeEach
  void assign() {
    consumer.assign(List.of(P0, P1));
  }

  /** A request of {@code partition} read at {@code offset} and started with a slot, as the loop does. */
  private PendingRequest started(TopicPartition partition, long offset) {
    PendingRequest pending = new PendingRequest(partition, offset, Requests.request(
        Requests.webhook("https://h.example/in", "env:H")).setTenantId("acme").setNotificationId("n" + offset).build());
    offsets.started(partition, offset);
    assertThat(waiting.offer(pending)).isTrue();
    slots.started(pending);
    return pending;
  }

  @Test
  void onlyDurableOutcomesMoveTheCommittedOffset() {
    PendingRequest first = started(P0, 5);
    PendingRequest second = started(P0, 6);
    events.add(new InFlightDeliveries.Ended(second, null));
    events.add(new InFlightDeliveries.Ended(first, new IllegalStateException("engine closed")));

    bookkeeping.collectEvents();
    bookkeeping.commit(true);

    assertThat(CommittedOffsets.of(consumer, P0)).isNull();
    assertThat(admission.inFlight("acme")).isZero();
  }

  @Test
  void anOutcomeGivesTheTenantsShareBackButOnlyTheDurableEndMovesTheOffsetAndFreesTheSharedPlace() {
    PendingRequest pending = started(P0, 40);
    events.add(new InFlightDeliveries.OutcomeFinal(pending));

    bookkeeping.collectEvents();
    bookkeeping.commit(true);

    assertThat(admission.inFlight("acme")).isZero();
    assertThat(admission.sharedInFlight()).as("kept until the receipt is durable").isEqualTo(1);
    assertThat(CommittedOffsets.of(consumer, P0)).as("its receipt is not durable yet").isNull();
    events.add(new InFlightDeliveries.Ended(pending, null));
    bookkeeping.collectEvents();
    bookkeeping.commit(true);
    assertThat(CommittedOffsets.of(consumer, P0)).isEqualTo(41L);
    assertThat(admission.inFlight("acme")).isZero();
    assertThat(admission.sharedInFlight()).isZero();
    assertThat(slots.active()).isZero();
  }

  @Test
  void aDurableDeadLetterIsFinalAndOneNotWrittenIsNot() {
    offsets.started(P0, 3);
    offsets.started(P1, 8);
    events.add(new InFlightDeliveries.DeadLettered(P0, 3, null));
    events.add(new InFlightDeliveries.DeadLettered(P1, 8, new IllegalStateException("broker away")));

    bookkeeping.collectEvents();
    bookkeeping.commit(false);

    assertThat(CommittedOffsets.of(consumer, P0)).isEqualTo(4L);
    assertThat(CommittedOffsets.of(consumer, P1)).isNull();
  }

  @Test
  void revocationAppliesPendingEventsCommitsAndForgetsThePartition() {
    PendingRequest done = started(P0, 10);
    PendingRequest parked = started(P0, 11);
    events.add(new InFlightDeliveries.Ended(done, null));
    events.add(new InFlightDeliveries.SlotReleased(parked));

    bookkeeping.onPartitionsRevoked(List.of(P0));

    assertThat(CommittedOffsets.of(consumer, P0)).isEqualTo(11L);
    assertThat(offsets.tracks(P0)).isFalse();
    // The parked delivery's partition moved: it is not given a slot again.
    CompletableFuture<Void> grant = new CompletableFuture<>();
    events.add(new InFlightDeliveries.SlotWanted(parked, grant));
    bookkeeping.collectEvents();
    assertThat(grant).isCancelled();
  }

  @Test
  void aLostPartitionIsForgottenWithoutACommit() {
    PendingRequest done = started(P1, 20);
    events.add(new InFlightDeliveries.Ended(done, null));
    bookkeeping.collectEvents();

    bookkeeping.onPartitionsLost(List.of(P1));
    bookkeeping.commit(true);

    assertThat(CommittedOffsets.of(consumer, P1)).isNull();
    assertThat(offsets.tracks(P1)).isFalse();
  }

  @Test
  void aWaitingDeliveryOfAnOwnedPartitionGetsAFreeSlotAtOnce() {
    PendingRequest pending = started(P1, 30);
    events.add(new InFlightDeliveries.SlotReleased(pending));
    bookkeeping.collectEvents();
    assertThat(waiting.backlog().of(P1)).isEqualTo(1);

    CompletableFuture<Void> grant = new CompletableFuture<>();
    events.add(new InFlightDeliveries.SlotWanted(pending, grant));
    bookkeeping.collectEvents();

    assertThat(grant).isCompleted().isNotCancelled();
    assertThat(waiting.backlog().of(P1)).isZero();
  }

  @Test
  void partitionsAssignedAreLookedUpAndPartitionsThatMoveAreNoLongerChecked() {
    consumer.commitSync(java.util.Map.of(P0, new org.apache.kafka.clients.consumer.OffsetAndMetadata(3,
        RereadGuard.metadata(System.currentTimeMillis() - 1_000))));
    consumer.updateEndOffsets(java.util.Map.of(P0, 10L));

    bookkeeping.onPartitionsAssigned(List.of(P0));
    reread.prepare(consumer);
    assertThat(reread.alreadyDelivered(P0, 4, "n-1")).isTrue();

    bookkeeping.onPartitionsLost(List.of(P0));
    assertThat(reread.checking()).isZero();
    assertThat(reread.alreadyDelivered(P0, 5, "n-1")).isFalse();
  }
}
