package io.klaxon.notifier.app;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Pauses the consumer's partitions that have too many requests waiting, and resumes them when
 * they have room again, so the consumer keeps polling (and stays in its group) however slow
 * deliveries are, and a slow tenant holds back only the tenants that share its partition. While
 * reading is {@link #holdAll held} (the schema registry is away), every partition is paused.
 *
 * <p>Not thread-safe: owned by the consumer loop.
 */
final class PartitionBackpressure {
  private final int maxWaiting;
  private final InstantSource clock;
  private Instant heldUntil = Instant.MIN;

  /** @param maxWaiting waiting requests at which a partition is paused (at least 1) */
  PartitionBackpressure(int maxWaiting, InstantSource clock) {
    if (maxWaiting < 1) {
      throw new IllegalArgumentException("maxWaiting must be at least 1, was " + maxWaiting);
    }
    this.maxWaiting = maxWaiting;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Pauses every partition for {@code duration} from now. */
  void holdAll(Duration duration) {
    heldUntil = clock.instant().plus(duration);
  }

  /** Pauses the assigned partitions that are full and resumes the paused ones that are not. */
  void apply(Consumer<?, ?> consumer, ToIntFunction<TopicPartition> waiting) {
    boolean held = clock.instant().isBefore(heldUntil);
    Set<TopicPartition> pause = new HashSet<>();
    Set<TopicPartition> resume = new HashSet<>();
    Set<TopicPartition> paused = consumer.paused();
    for (TopicPartition partition : consumer.assignment()) {
      boolean full = held || waiting.applyAsInt(partition) >= maxWaiting;
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
}
