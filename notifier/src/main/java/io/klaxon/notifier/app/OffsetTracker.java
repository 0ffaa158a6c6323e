package io.klaxon.notifier.app;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks, per partition this consumer owns, the records handed to delivery (or skipped) and which
 * of them reached their durable outcome ({@link PartitionProgress}), and commits what is final: a
 * partition's committed offset never passes a record whose outcome is not durable. A partition is
 * tracked from its first record until it is {@link #forget forgotten}; what finishes after that is
 * ignored, since the partition's new owner delivers it again. Each commit's metadata says since when
 * the records from its offset on were read ({@link RereadGuard#metadata}), for the partition's next
 * owner.
 *
 * <p>Not thread-safe: owned by the consumer loop.
 */
final class OffsetTracker {
  private static final Logger LOG = LoggerFactory.getLogger(OffsetTracker.class);

  private final Map<TopicPartition, PartitionProgress> partitions = new HashMap<>();
  private final InstantSource clock;

  OffsetTracker() {
    this(InstantSource.system());
  }

  OffsetTracker(InstantSource clock) {
    this.clock = clock;
  }

  /** A record of {@code partition} was handed to delivery. */
  void started(TopicPartition partition, long offset) {
    partitions.computeIfAbsent(partition, p -> new PartitionProgress()).started(offset, clock.millis());
  }

  /** A record reached its durable outcome; ignored for a partition not tracked. */
  void finished(TopicPartition partition, long offset) {
    PartitionProgress progress = partitions.get(partition);
    if (progress != null) {
      progress.finished(offset);
    }
  }

  /** A record is skipped: it is final at once. */
  void skipped(TopicPartition partition, long offset) {
    started(partition, offset);
    finished(partition, offset);
  }

  /** Whether {@code partition} is tracked: a record of it started and it was not forgotten since. */
  boolean tracks(TopicPartition partition) {
    return partitions.containsKey(partition);
  }

  /** The partitions tracked. */
  Set<TopicPartition> partitions() {
    return Set.copyOf(partitions.keySet());
  }

  /**
   * Commits, for those of {@code wanted} whose final offset moved forward since the last commit,
   * that offset: synchronously (throwing the consumer's {@link org.apache.kafka.common.KafkaException})
   * or asynchronously (a failed commit is only logged; the next one covers it, and a crash
   * meanwhile only repeats deliveries).
   */
  void commit(Consumer<?, ?> consumer, Collection<TopicPartition> wanted, boolean sync) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition partition : wanted) {
      PartitionProgress progress = partitions.get(partition);
      PartitionProgress.Committable committable =
          progress == null ? null : progress.takeCommittable(readPosition(consumer, partition), clock::millis);
      if (committable != null) {
        offsets.put(partition, new OffsetAndMetadata(committable.offset(), RereadGuard.metadata(committable.readSince())));
      }
    }
    if (offsets.isEmpty()) {
      return;
    }
    if (sync) {
      consumer.commitSync(offsets);
    } else {
      consumer.commitAsync(offsets, (committed, error) -> {
        if (error != null) {
          LOG.debug("Offset commit failed ({}); the next commit covers it", error.getClass().getSimpleName());
        }
      });
    }
  }

  /**
   * The consumer's position in {@code partition}, or -1 when it has none at hand. Past the last
   * record returned it may stand on transaction markers only, so it is final once every record is.
   */
  private static long readPosition(Consumer<?, ?> consumer, TopicPartition partition) {
    if (!consumer.assignment().contains(partition)) {
      return -1;
    }
    try {
      return consumer.position(partition, Duration.ZERO);
    } catch (KafkaException | IllegalStateException e) {
      return -1;
    }
  }

  /** Stops tracking {@code moved} (revoked or lost). */
  void forget(Collection<TopicPartition> moved) {
    moved.forEach(partitions::remove);
  }
}
