package io.klaxon.notifier.app;

import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.delivery.DeliveryEngine;
import io.klaxon.notifier.metrics.NotifierMetrics;
import io.klaxon.registry.SchemaRegistryUnavailableException;
import io.klaxon.serde.SpecificAvroDeserializer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
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
 * When {@code maxInFlight} deliveries are pending the loop pauses its partitions and keeps polling,
 * so it stays in the group however long retries take.
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
  private record Completion(TopicPartition partition, long offset, NotificationRequest request, boolean durable) {}

  private final Consumer<String, byte[]> consumer;
  private final String topic;
  private final SpecificAvroDeserializer<NotificationRequest> deserializer;
  private final DeliveryEngine engine;
  private final NotifierMetrics metrics;
  private final InstantSource clock;
  private final int maxInFlight;
  private final Map<TopicPartition, PartitionProgress> progress = new HashMap<>();
  private final ConcurrentLinkedQueue<Completion> completions = new ConcurrentLinkedQueue<>();
  private final AtomicReference<Instant> lastPoll = new AtomicReference<>();
  private Instant decodeBlockedUntil = Instant.MIN;
  private Instant nextCommit = Instant.MIN;
  private volatile boolean running = true;

  public NotificationLoop(Consumer<String, byte[]> consumer, String topic,
      SpecificAvroDeserializer<NotificationRequest> deserializer, DeliveryEngine engine, NotifierMetrics metrics,
      InstantSource clock, int maxInFlight) {
    this.consumer = consumer;
    this.topic = topic;
    this.deserializer = deserializer;
    this.engine = engine;
    this.metrics = metrics;
    this.clock = clock;
    this.maxInFlight = Math.max(1, maxInFlight);
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
          deliver(partition, record.offset(), request);
        }
      }
    }
  }

  private void deliver(TopicPartition partition, long offset, NotificationRequest request) {
    try {
      engine.deliver(request).whenComplete((report, error) ->
          completions.add(new Completion(partition, offset, request, error == null)));
    } catch (RejectedExecutionException e) {
      // The engine is shutting down: leave the record unfinished so it is delivered again.
    }
  }

  private void drainCompletions() {
    for (Completion completion = completions.poll(); completion != null; completion = completions.poll()) {
      PartitionProgress partitionProgress = progress.get(completion.partition());
      if (partitionProgress == null) {
        continue; // the partition moved to another instance, which repeats the delivery
      }
      if (completion.durable()) {
        partitionProgress.finished(completion.offset());
      } else if (running) {
        LOG.warn("Outcome of notification {} could not be written; delivering it again",
            completion.request().getNotificationId());
        deliver(completion.partition(), completion.offset(), completion.request());
      }
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

  private void applyBackpressure() {
    int inFlight = progress.values().stream().mapToInt(PartitionProgress::inFlight).sum();
    if (inFlight >= maxInFlight || clock.instant().isBefore(decodeBlockedUntil)) {
      consumer.pause(consumer.assignment());
    } else if (!consumer.paused().isEmpty()) {
      consumer.resume(consumer.paused());
    }
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
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      partitions.forEach(progress::remove);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      // Progress starts with the first record handed to delivery.
    }
  }
}
