package io.klaxon.notifier.app;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the consumer loop's per-partition state in step with its deliveries and with the
 * partitions it owns. It applies what deliveries report ({@link InFlightDeliveries.Event}) to the
 * slots and to the offsets; it commits what is final; and, as the loop's rebalance listener, it
 * commits what is final before partitions move and forgets the partitions that moved (their new
 * owner delivers the rest), and tells the {@link RereadGuard} of partitions assigned and moved. A delivery or dead letter that ends without a durable outcome leaves
 * its record uncommitted: sending again here could repeat a message that reached a person.
 *
 * <p>Not thread-safe: owned by the consumer loop (rebalance callbacks run inside its poll).
 */
final class PartitionBookkeeping implements ConsumerRebalanceListener {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionBookkeeping.class);

  private final Consumer<?, ?> consumer;
  private final Supplier<List<InFlightDeliveries.Event>> events;
  private final OffsetTracker offsets;
  private final DeliverySlots slots;
  private final TenantFairQueue waiting;
  private final RereadGuard reread;

  /** @param events the deliveries' events since the last call, in order ({@link InFlightDeliveries#takeEvents}) */
  PartitionBookkeeping(Consumer<?, ?> consumer, Supplier<List<InFlightDeliveries.Event>> events,
      OffsetTracker offsets, DeliverySlots slots, TenantFairQueue waiting, RereadGuard reread) {
    this.consumer = Objects.requireNonNull(consumer, "consumer");
    this.events = Objects.requireNonNull(events, "events");
    this.offsets = Objects.requireNonNull(offsets, "offsets");
    this.slots = Objects.requireNonNull(slots, "slots");
    this.waiting = Objects.requireNonNull(waiting, "waiting");
    this.reread = Objects.requireNonNull(reread, "reread");
  }

  /** Applies the deliveries' events since the last call. */
  void collectEvents() {
    for (InFlightDeliveries.Event event : events.get()) {
      switch (event) {
        case InFlightDeliveries.SlotReleased released -> slots.released(released.request());
        case InFlightDeliveries.OutcomeFinal outcome -> slots.outcomeFinal(outcome.request());
        case InFlightDeliveries.SlotWanted wanted ->
            slots.wanted(wanted.request(), wanted.grant(), offsets.tracks(wanted.request().partition()));
        case InFlightDeliveries.Ended ended -> {
          PendingRequest pending = ended.request();
          slots.ended(pending);
          if (ended.durable()) {
            offsets.finished(pending.partition(), pending.offset());
          } else {
            LOG.warn("Notification {} ended without a durable outcome ({}); its offset stays uncommitted",
                pending.request().getNotificationId(), ended.failure().getClass().getSimpleName());
          }
        }
        case InFlightDeliveries.DeadLettered deadLettered -> {
          if (deadLettered.durable()) {
            offsets.finished(deadLettered.partition(), deadLettered.offset());
          } else {
            LOG.warn("The dead letter of {}-{} was not written ({}); its offset stays uncommitted",
                deadLettered.partition(), deadLettered.offset(), deadLettered.failure().getClass().getSimpleName());
          }
        }
      }
    }
  }

  /** Commits what is final in every tracked partition ({@link OffsetTracker#commit}). */
  void commit(boolean sync) {
    offsets.commit(consumer, offsets.partitions(), sync);
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    try {
      collectEvents();
      offsets.commit(consumer, partitions, true);
    } catch (KafkaException e) {
      LOG.warn("Commit on revocation failed ({}); the next owner repeats those deliveries", e.getClass().getSimpleName());
    }
    onPartitionsLost(partitions);
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    offsets.forget(partitions);
    slots.forget(partitions);
    waiting.forget(partitions);
    reread.forget(partitions);
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    // Tracking starts with the first record handed to delivery; what the previous owner delivered
    // is looked up before the first records are handed on.
    reread.assigned(partitions);
  }
}
