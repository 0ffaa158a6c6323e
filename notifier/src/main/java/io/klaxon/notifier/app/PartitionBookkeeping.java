package io.klaxon.notifier.app;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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
 * <p>Before partitions are handed to another notifier, the deliveries of theirs that are sending
 * are given a bounded time to end ({@link #HAND_OVER_WAIT}), so their outcomes are committed and
 * their receipts written before the next owner looks for them; without the wait, a rebalance (a
 * notifier joining, or one coming back after a crash) made the next owner send again what was in
 * flight here. Deliveries that wait for a backoff or a paused destination are not waited for: they
 * are withdrawn and the next owner delivers them.
 *
 * <p>Not thread-safe: owned by the consumer loop (rebalance callbacks run inside its poll).
 */
final class PartitionBookkeeping implements ConsumerRebalanceListener {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionBookkeeping.class);
  /**
   * How long a revocation waits for the sending deliveries of the partitions that move: a webhook
   * answered in time and its receipt written take far less; a receiver that stalls longer is left
   * to its timeout, and the next owner may send that one again.
   */
  static final Duration HAND_OVER_WAIT = Duration.ofSeconds(5);
  /** How often a revocation looks for deliveries that ended while it waits. */
  private static final Duration HAND_OVER_LOOK = Duration.ofMillis(2);

  private final Consumer<?, ?> consumer;
  private final Supplier<List<InFlightDeliveries.Event>> events;
  private final OffsetTracker offsets;
  private final DeliverySlots slots;
  private final TenantFairQueue waiting;
  private final RereadGuard reread;
  private final Duration handOverWait;
  /** The partitions being revoked: their waiting deliveries get no slot again. */
  private final Set<TopicPartition> leaving = new HashSet<>();
  /** The loop is stopping: its engine no longer delivers, so nothing is waited for. */
  private boolean closing;

  /** @param events the deliveries' events since the last call, in order ({@link InFlightDeliveries#takeEvents}) */
  PartitionBookkeeping(Consumer<?, ?> consumer, Supplier<List<InFlightDeliveries.Event>> events,
      OffsetTracker offsets, DeliverySlots slots, TenantFairQueue waiting, RereadGuard reread) {
    this(consumer, events, offsets, slots, waiting, reread, HAND_OVER_WAIT);
  }

  /** @param handOverWait how long a revocation waits for the moving partitions' sending deliveries */
  PartitionBookkeeping(Consumer<?, ?> consumer, Supplier<List<InFlightDeliveries.Event>> events,
      OffsetTracker offsets, DeliverySlots slots, TenantFairQueue waiting, RereadGuard reread, Duration handOverWait) {
    this.consumer = Objects.requireNonNull(consumer, "consumer");
    this.events = Objects.requireNonNull(events, "events");
    this.offsets = Objects.requireNonNull(offsets, "offsets");
    this.slots = Objects.requireNonNull(slots, "slots");
    this.waiting = Objects.requireNonNull(waiting, "waiting");
    this.reread = Objects.requireNonNull(reread, "reread");
    this.handOverWait = Objects.requireNonNull(handOverWait, "handOverWait");
  }

  /** Applies the deliveries' events since the last call. */
  void collectEvents() {
    for (InFlightDeliveries.Event event : events.get()) {
      switch (event) {
        case InFlightDeliveries.SlotReleased released -> slots.released(released.request());
        case InFlightDeliveries.SlotWanted wanted ->
            slots.wanted(wanted.request(), wanted.grant(), offsets.tracks(wanted.request().partition())
                && !leaving.contains(wanted.request().partition()));
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

  /**
   * The loop stops and its engine has been closed under its deliveries: a revocation from now on
   * (the consumer leaving its group) commits what is final without waiting.
   */
  void closing() {
    closing = true;
  }

  /** Commits what is final in every tracked partition ({@link OffsetTracker#commit}). */
  void commit(boolean sync) {
    offsets.commit(consumer, offsets.partitions(), sync);
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    leaving.addAll(partitions);
    try {
      awaitSending(partitions);
      offsets.commit(consumer, partitions, true);
    } catch (KafkaException e) {
      LOG.warn("Commit on revocation failed ({}); the next owner repeats those deliveries", e.getClass().getSimpleName());
    } finally {
      leaving.removeAll(partitions);
    }
    onPartitionsLost(partitions);
  }

  /** Applies the deliveries' events until none of {@code partitions} is sending, or for {@link #handOverWait} at most. */
  private void awaitSending(Collection<TopicPartition> partitions) {
    long deadline = System.nanoTime() + handOverWait.toNanos();
    collectEvents();
    if (closing) {
      return;
    }
    int sending = slots.sending(partitions);
    while (sending > 0 && System.nanoTime() - deadline < 0) {
      try {
        Thread.sleep(HAND_OVER_LOOK);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      collectEvents();
      sending = slots.sending(partitions);
    }
    if (sending > 0) {
      LOG.warn("{} deliveries of partitions moving to another notifier were still sending after {} ms; the next owner"
          + " may send them again", sending, handOverWait.toMillis());
    }
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
