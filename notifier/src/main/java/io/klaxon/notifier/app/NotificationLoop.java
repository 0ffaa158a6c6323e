package io.klaxon.notifier.app;

import io.klaxon.contract.DeliveryProfiles;
import io.klaxon.events.IsolationLevel;
import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.delivery.DeliveryEngine;
import io.klaxon.notifier.metrics.NotifierMetrics;
import io.klaxon.registry.SchemaRegistryUnavailableException;
import io.klaxon.serde.SpecificAvroDeserializer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes notification requests and hands each to the {@link DeliveryEngine} as soon as it is
 * polled; deliveries run concurrently and finish in any order. Per partition, the committed
 * offset only moves past records whose outcome is final and durable (every receipt and dead
 * letter acknowledged by the broker), so a crash repeats deliveries (with the same notification
 * id) and never loses one. A delivery whose outcome could not be written is delivered again.
 *
 * <p>How many deliveries run at once is decided per tenant by {@link TenantAdmission} (the
 * tenant's isolation level). A request that may not start yet waits, in its tenant's order, and
 * starts as soon as a slot frees; the tenants waiting for the shared capacity take turns. When a
 * partition has {@code maxWaiting} requests waiting, the loop pauses that partition and keeps
 * polling the others, so it stays in the group however long retries take, and a tenant whose
 * deliveries are slow holds back at most the tenants that share its partition.
 *
 * <p>Undecodable records are counted and logged (position only, never the payload) and skipped.
 * When the schema registry is unreachable the partition is rewound to the record and read again
 * after a second. Runs on one thread; {@link #stop()} may be called from any thread.
 */
public final class NotificationLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationLoop.class);
  private static final Duration POLL = Duration.ofMillis(100);
  /** While paused the loop polls only to stay in the group and to pick up completions promptly. */
  private static final Duration PAUSED_POLL = Duration.ofMillis(5);
  private static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);
  private static final Duration REGISTRY_BACKOFF = Duration.ofSeconds(1);

  /** A delivery that reached its end, reported from a delivery thread to the loop. */
  private record Completion(Pending pending, boolean durable) {}

  /** A request handed to this loop, with where it came from and the isolation level it is admitted under. */
  private record Pending(TopicPartition partition, long offset, NotificationRequest request, IsolationLevel level) {
    String tenant() {
      return request.getTenantId();
    }
  }

  private final Consumer<String, byte[]> consumer;
  private final String topic;
  private final SpecificAvroDeserializer<NotificationRequest> deserializer;
  private final DeliveryEngine engine;
  private final NotifierMetrics metrics;
  private final InstantSource clock;
  private final TenantAdmission admission;
  private final int maxWaiting;
  /** Requests that may not start yet, per tenant in arrival order; the map's order is the tenants' turn. */
  private final Map<String, ArrayDeque<Pending>> waiting = new LinkedHashMap<>();
  private final Map<TopicPartition, Integer> waitingByPartition = new HashMap<>();
  private final AtomicInteger waitingCount = new AtomicInteger();
  private final Map<TopicPartition, PartitionProgress> progress = new HashMap<>();
  private final ConcurrentLinkedQueue<Completion> completions = new ConcurrentLinkedQueue<>();
  private final AtomicReference<Instant> lastPoll = new AtomicReference<>();
  private Instant decodeBlockedUntil = Instant.MIN;
  private Instant nextCommit = Instant.MIN;
  private volatile boolean running = true;

  public NotificationLoop(Consumer<String, byte[]> consumer, String topic,
      SpecificAvroDeserializer<NotificationRequest> deserializer, DeliveryEngine engine, NotifierMetrics metrics,
      InstantSource clock, TenantAdmission.Limits limits) {
    this.consumer = consumer;
    this.topic = topic;
    this.deserializer = deserializer;
    this.engine = engine;
    this.metrics = metrics;
    this.clock = clock;
    this.admission = new TenantAdmission(limits);
    this.maxWaiting = limits.sharedCapacity();
    metrics.waitingGauge(waitingCount::get);
  }

  /** When the loop last polled; null before the first poll. */
  public Instant lastPoll() {
    return lastPoll.get();
  }

  /** Asks the loop to stop; it commits what is final and returns from {@link #run}. */
  public void stop() {
    running = false;
    consumer.wakeup();
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(List.of(topic), new Rebalance());
      while (running) {
        ConsumerRecords<String, byte[]> records = consumer.poll(consumer.paused().isEmpty() ? POLL : PAUSED_POLL);
        lastPoll.set(clock.instant());
        submit(records);
        drainCompletions();
        admitWaiting();
        if (!clock.instant().isBefore(nextCommit)) {
          commitAsync();
          nextCommit = clock.instant().plus(COMMIT_INTERVAL);
        }
        applyBackpressure();
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } finally {
      try {
        drainCompletions();
        commitSync(progress.keySet());
      } catch (KafkaException e) {
        LOG.warn("Final offset commit failed ({}); the next owner repeats those deliveries", e.getClass().getSimpleName());
      }
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  private void submit(ConsumerRecords<String, byte[]> records) {
    for (TopicPartition partition : records.partitions()) {
      PartitionProgress partitionProgress = progress.computeIfAbsent(partition, p -> new PartitionProgress());
      for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
        NotificationRequest request;
        try {
          request = deserializer.deserialize(record.topic(), record.value());
        } catch (SchemaRegistryUnavailableException e) {
          // Not bad data: read this record and the rest of the partition again a little later.
          LOG.warn("Schema registry unavailable; reading {} again from offset {}", partition, record.offset());
          consumer.seek(partition, record.offset());
          decodeBlockedUntil = clock.instant().plus(REGISTRY_BACKOFF);
          break;
        } catch (KafkaException | IllegalArgumentException e) {
          request = null;
          skip(record, e.getClass().getSimpleName());
        }
        partitionProgress.started(record.offset());
        if (request == null) {
          if (record.value() == null) {
            skip(record, "no value");
          }
          partitionProgress.finished(record.offset());
        } else {
          IsolationLevel level = admission.effective(DeliveryProfiles.of(request).getIsolationLevel());
          offer(new Pending(partition, record.offset(), request, level));
        }
      }
    }
  }

  /** Starts the request now when its tenant has a free slot and nothing of its tenant waits; else queues it. */
  private void offer(Pending pending) {
    ArrayDeque<Pending> queue = waiting.get(pending.tenant());
    if ((queue == null || queue.isEmpty()) && admission.tryAcquire(pending.tenant(), pending.level())) {
      deliver(pending);
      return;
    }
    waiting.computeIfAbsent(pending.tenant(), t -> new ArrayDeque<>()).addLast(pending);
    waitingByPartition.merge(pending.partition(), 1, Integer::sum);
    waitingCount.incrementAndGet();
  }

  /**
   * Starts waiting requests while slots are free, one per tenant per round so that tenants
   * waiting for the shared capacity take turns; a tenant that took a turn moves to the back.
   */
  private void admitWaiting() {
    boolean progressed = true;
    while (progressed && !waiting.isEmpty()) {
      progressed = false;
      List<String> served = new ArrayList<>();
      for (Iterator<Map.Entry<String, ArrayDeque<Pending>>> it = waiting.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<String, ArrayDeque<Pending>> entry = it.next();
        Pending head = entry.getValue().peekFirst();
        if (head == null) {
          it.remove();
        } else if (admission.tryAcquire(head.tenant(), head.level())) {
          entry.getValue().pollFirst();
          waitingByPartition.merge(head.partition(), -1, (a, b) -> a + b == 0 ? null : a + b);
          waitingCount.decrementAndGet();
          deliver(head);
          served.add(entry.getKey());
          progressed = true;
        }
      }
      for (String tenant : served) {
        ArrayDeque<Pending> queue = waiting.remove(tenant);
        if (!queue.isEmpty()) {
          waiting.put(tenant, queue);
        }
      }
    }
  }

  private void deliver(Pending pending) {
    try {
      engine.deliver(pending.request()).whenComplete((report, error) ->
          completions.add(new Completion(pending, error == null)));
    } catch (RejectedExecutionException e) {
      // The engine is shutting down: leave the record unfinished so it is delivered again.
      admission.release(pending.tenant(), pending.level());
    }
  }

  private void drainCompletions() {
    for (Completion completion = completions.poll(); completion != null; completion = completions.poll()) {
      Pending pending = completion.pending();
      PartitionProgress partitionProgress = progress.get(pending.partition());
      if (partitionProgress != null && !completion.durable() && running) {
        LOG.warn("Outcome of notification {} could not be written; delivering it again",
            pending.request().getNotificationId());
        deliver(pending); // keeps its slot
        continue;
      }
      admission.release(pending.tenant(), pending.level());
      if (partitionProgress != null && completion.durable()) {
        partitionProgress.finished(pending.offset());
      }
      // Without progress the partition moved to another instance, which repeats the delivery.
    }
  }

  /**
   * Commits what is final without waiting for the broker; a failed commit is harmless (the next
   * one covers it, and a crash before then only repeats deliveries).
   */
  private void commitAsync() {
    Map<TopicPartition, OffsetAndMetadata> offsets = committable(progress.keySet());
    if (!offsets.isEmpty()) {
      consumer.commitAsync(offsets, (committed, error) -> {
        if (error != null) {
          LOG.debug("Offset commit failed ({}); the next commit covers it", error.getClass().getSimpleName());
        }
      });
    }
  }

  private void commitSync(Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> offsets = committable(partitions);
    if (!offsets.isEmpty()) {
      consumer.commitSync(offsets);
    }
  }

  private Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition partition : partitions) {
      PartitionProgress partitionProgress = progress.get(partition);
      long offset = partitionProgress == null ? -1 : partitionProgress.takeCommittable();
      if (offset >= 0) {
        offsets.put(partition, new OffsetAndMetadata(offset));
      }
    }
    return offsets;
  }

  /** Pauses the partitions whose waiting requests reached the limit (all while the registry is away), resumes the rest. */
  private void applyBackpressure() {
    boolean blocked = clock.instant().isBefore(decodeBlockedUntil);
    Set<TopicPartition> pause = new HashSet<>();
    Set<TopicPartition> resume = new HashSet<>();
    Set<TopicPartition> paused = consumer.paused();
    for (TopicPartition partition : consumer.assignment()) {
      boolean full = blocked || waitingByPartition.getOrDefault(partition, 0) >= maxWaiting;
      if (full && !paused.contains(partition)) {
        pause.add(partition);
      } else if (!full && paused.contains(partition)) {
        resume.add(partition);
      }
    }
    if (!pause.isEmpty()) {
      consumer.pause(pause);
    }
    if (!resume.isEmpty()) {
      consumer.resume(resume);
    }
  }

  /** Forgets the waiting requests of partitions that moved; their new owner delivers them. */
  private void forgetWaiting(Collection<TopicPartition> partitions) {
    for (ArrayDeque<Pending> queue : waiting.values()) {
      queue.removeIf(pending -> partitions.contains(pending.partition()));
    }
    waiting.values().removeIf(ArrayDeque::isEmpty);
    partitions.forEach(waitingByPartition::remove);
    waitingCount.set(waitingByPartition.values().stream().mapToInt(Integer::intValue).sum());
  }

  private void skip(ConsumerRecord<String, byte[]> record, String why) {
    metrics.undecodable();
    LOG.warn("Skipping undecodable notification request at {}-{}@{} ({})", record.topic(), record.partition(),
        record.offset(), why);
  }

  /** Commits what is final before partitions move, and forgets partitions that moved. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      try {
        drainCompletions();
        commitSync(partitions);
      } catch (KafkaException e) {
        LOG.warn("Commit on revocation failed ({}); the next owner repeats those deliveries",
            e.getClass().getSimpleName());
      }
      partitions.forEach(progress::remove);
      forgetWaiting(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      partitions.forEach(progress::remove);
      forgetWaiting(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      // Progress starts with the first record handed to delivery.
    }
  }
}
