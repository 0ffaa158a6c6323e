package io.klaxon.notifier.app;

import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.delivery.DeliveryEngine;
import io.klaxon.notifier.metrics.NotifierMetrics;
import io.klaxon.serde.SpecificAvroDeserializer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes notification requests and hands each to the {@link DeliveryEngine} as soon as its
 * tenant may start one ({@link TenantFairQueue}); deliveries run concurrently and finish in any
 * order. A partition's committed offset only moves past records whose outcome is durable ({@link
 * OffsetTracker}), so a crash never loses a delivery; the notifier that takes a partition over
 * skips what its previous owner had delivered ({@link RereadGuard}), so what a crash repeats is
 * mostly the deliveries in flight, under the same notification ids. The engine writes a failed
 * receipt or dead letter again until it is written; the loop never sends a message again for it. A delivery that ends without a durable outcome (the engine closed
 * under it) leaves its record uncommitted, for the partition's next owner.
 *
 * <p>A delivery holds its tenant's slot only while it sends: it gives the slot up while it waits
 * for its backoff or a paused destination, and queues for one again before its next attempt
 * ({@link DeliverySlots}). A partition with too many requests waiting (for a slot, or parked on
 * their destination) is paused while the others are polled ({@link PartitionBackpressure}), so the
 * loop stays in the group however long retries take; one tenant's waiting requests alone pause
 * their partitions only past that tenant's own bound. An undecodable record is dead-lettered with
 * its bytes ({@link RequestDecoder}) and final once that letter is durable; when the schema registry cannot be reached or will
 * not answer, the partition is rewound to the record and every partition is read again after a
 * backoff that grows to 30 s ({@link RegistryOutage}), for as long as it takes. What deliveries report,
 * commits and rebalances go through {@link PartitionBookkeeping}. Runs on one thread; {@link
 * #stop()} may be called from any thread.
 */
public final class NotificationLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationLoop.class);
  /** How long a poll waits for records while no delivery is under way. */
  private static final Duration POLL = Duration.ofMillis(100);
  /**
   * How long a poll waits while deliveries are under way, waiting or paused: what they report (a
   * slot freed or wanted again) is picked up within this, since it is handed on only between polls.
   */
  private static final Duration BUSY_POLL = Duration.ofMillis(5);
  private static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);
  /** How long reading waits before it tries a sealed notification whose key could not be opened again. */
  private static final Duration KEY_RETRY = Duration.ofSeconds(2);

  private final Consumer<String, byte[]> consumer;
  private final String topic;
  private final InstantSource clock;
  private final RequestDecoder decoder;
  private final TenantFairQueue waiting;
  private final InFlightDeliveries inFlight;
  private final DeliverySlots slots;
  private final OffsetTracker offsets;
  private final RereadGuard reread;
  private final PartitionBookkeeping bookkeeping;
  private final PartitionBackpressure backpressure;
  private final RegistryOutage registry;
  private final AtomicReference<Instant> lastPoll = new AtomicReference<>();
  private Instant nextCommit = Instant.MIN;
  private volatile boolean running = true;
  private volatile String keyProblem;

  /**
   * @param limits the tenants' delivery slots
   * @param waitingLimits the bounds on requests read and waiting, past which partitions are paused
   */
  public NotificationLoop(Consumer<String, byte[]> consumer, String topic,
      SpecificAvroDeserializer<NotificationRequest> deserializer, DeliveryEngine engine, NotifierMetrics metrics,
      InstantSource clock, TenantAdmission.Limits limits, PartitionBackpressure.Limits waitingLimits) {
    this(consumer, topic, deserializer, null, DeliveredLookup.NONE, engine, metrics, clock, limits, waitingLimits);
  }

  /**
   * @param sealed opens sealed notifications (null: a sealed one waits, as no master key is configured)
   * @param delivered what was delivered recently, so a partition taken over does not send it again
   */
  NotificationLoop(Consumer<String, byte[]> consumer, String topic, SpecificAvroDeserializer<NotificationRequest> deserializer,
      SealedRequests sealed, DeliveredLookup delivered, DeliveryEngine engine, NotifierMetrics metrics, InstantSource clock,
      TenantAdmission.Limits limits, PartitionBackpressure.Limits waitingLimits) {
    this.consumer = consumer;
    this.topic = topic;
    this.clock = clock;
    this.offsets = new OffsetTracker(clock);
    this.reread = new RereadGuard(delivered, clock, metrics);
    this.decoder = new RequestDecoder(deserializer, sealed, metrics, clock);
    this.waiting = new TenantFairQueue(new TenantAdmission(limits));
    this.inFlight = new InFlightDeliveries(engine);
    this.slots = new DeliverySlots(waiting, limits.sharedCapacity());
    this.bookkeeping = new PartitionBookkeeping(consumer, inFlight::takeEvents, offsets, slots, waiting, reread);
    this.backpressure = new PartitionBackpressure(waitingLimits, clock);
    this.registry = new RegistryOutage(clock, metrics);
    metrics.waitingGauge(waiting::size);
  }

  /** When the loop last polled; null before the first poll. */
  public Instant lastPoll() {
    return lastPoll.get();
  }

  /**
   * What keeps the loop from reading, when something does: the schema registry does not answer, or
   * a sealed notification's data key cannot be opened.
   */
  public Optional<String> registryProblem() {
    Optional<String> registryDown = registry.problem();
    return registryDown.isPresent() ? registryDown : Optional.ofNullable(keyProblem);
  }

  /** Asks the loop to stop; it commits what is final and returns from {@link #run}. */
  public void stop() {
    running = false;
    consumer.wakeup();
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(List.of(topic), bookkeeping);
      while (running) {
        boolean busy = !consumer.paused().isEmpty() || waiting.size() > 0 || slots.active() > 0;
        ConsumerRecords<String, byte[]> records = consumer.poll(busy ? BUSY_POLL : POLL);
        lastPoll.set(clock.instant());
        reread.prepare(consumer);
        submit(records);
        bookkeeping.collectEvents();
        waiting.takeStartable().forEach(this::admitted);
        if (!clock.instant().isBefore(nextCommit)) {
          bookkeeping.commit(false);
          nextCommit = clock.instant().plus(COMMIT_INTERVAL);
        }
        backpressure.apply(consumer, waiting.backlog());
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } finally {
      try {
        bookkeeping.collectEvents();
        bookkeeping.commit(true);
      } catch (KafkaException e) {
        LOG.warn("Final offset commit failed ({}); the next owner repeats those deliveries", e.getClass().getSimpleName());
      }
      // Leave the group even with a static identity: a stopped notifier's partitions move at once.
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5))
          .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }
  }

  private void submit(ConsumerRecords<String, byte[]> records) {
    for (TopicPartition partition : records.partitions()) {
      for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
        if (!accept(partition, record)) {
          break; // the rest of the partition is read again, from this record
        }
      }
    }
  }

  /** Starts, queues or skips one record; false when the registry is away and the record must be read again. */
  private boolean accept(TopicPartition partition, ConsumerRecord<String, byte[]> record) {
    switch (decoder.decode(record)) {
      case RequestDecoder.Decoded.RegistryUnavailable unavailable -> {
        // Not bad data: read this record and the rest of the partition again a little later.
        consumer.seek(partition, record.offset());
        backpressure.holdAll(registry.failed(unavailable.reason()));
        return false;
      }
      case RequestDecoder.Decoded.KeyUnavailable unavailable -> {
        registry.answered();
        keyProblem = unavailable.reason();
        consumer.seek(partition, record.offset());
        backpressure.holdAll(KEY_RETRY);
        return false;
      }
      case RequestDecoder.Decoded.Erased erased -> {
        registry.answered();
        keyProblem = null;
        offsets.skipped(partition, record.offset());
      }
      case RequestDecoder.Decoded.Undecodable undecodable -> {
        registry.answered();
        // Final only once its dead letter is durable: nothing is committed past a record that is not kept.
        offsets.started(partition, record.offset());
        inFlight.deadLetter(partition, record.offset(), undecodable.letter());
      }
      case RequestDecoder.Decoded.Request decoded when reread.alreadyDelivered(partition, record.offset(),
          decoded.request().getNotificationId()) -> {
        registry.answered();
        keyProblem = null;
        offsets.skipped(partition, record.offset());
      }
      case RequestDecoder.Decoded.Request decoded -> {
        registry.answered();
        keyProblem = null;
        offsets.started(partition, record.offset());
        PendingRequest pending = new PendingRequest(partition, record.offset(), decoded.request());
        if (waiting.offer(pending)) {
          deliver(pending);
        }
      }
    }
    return true;
  }

  /** A request the queue admitted with a slot: a delivery that waited goes on, a new one starts. */
  private void admitted(PendingRequest pending) {
    if (!slots.granted(pending)) {
      deliver(pending);
    }
  }

  private void deliver(PendingRequest pending) {
    slots.started(pending);
    if (!inFlight.start(pending)) {
      // The engine is shutting down: the record stays unfinished, so it is delivered again.
      slots.ended(pending);
    }
  }
}
