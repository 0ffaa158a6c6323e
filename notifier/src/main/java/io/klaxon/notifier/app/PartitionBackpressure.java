package io.klaxon.notifier.app;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Pauses the consumer's partitions that have too many requests waiting, and resumes them when
 * they have room again, so the consumer keeps polling (and stays in its group) however slow
 * deliveries are. A request waits when it is read and not being sent: queued for a delivery slot,
 * or parked on its destination's backoff ({@link Backlog}). A partition is paused when
 *
 * <ul>
 *   <li>its waiting requests reach {@code partition}, each tenant counted for at most {@code
 *       tenantShare} of them: the partition is behind for many tenants, so what is not yet read
 *       stays in Kafka rather than in memory; or
 *   <li>a tenant with requests waiting on it has {@code tenant} requests waiting over all
 *       partitions: one tenant's pile-up is bounded; or
 *   <li>{@code total} requests wait in all: memory is bounded.
 * </ul>
 *
 * So one tenant whose destination is down or slow holds its own requests in memory, up to its
 * bound, while the other tenants of its partition are read and delivered behind it; only past that
 * bound does it hold back the tenants that share its partition. While reading is {@link #holdAll
 * held} (the schema registry is away), every partition is paused.
 *
 * <p>Not thread-safe: owned by the consumer loop.
 */
final class PartitionBackpressure {
  /**
   * The bounds on waiting requests; every value is at least 1.
   *
   * @param partition waiting requests that pause a partition, each tenant counted for at most {@code tenantShare}
   * @param tenantShare the most one tenant's waiting requests count towards its partition's bound
   * @param tenant waiting requests of one tenant that pause the partitions holding them
   * @param total waiting requests in all that pause every partition
   */
  record Limits(int partition, int tenantShare, int tenant, int total) {
    Limits {
      for (int value : new int[] {partition, tenantShare, tenant, total}) {
        if (value < 1) {
          throw new IllegalArgumentException("backpressure limits must be at least 1, were " + partition + ", "
              + tenantShare + ", " + tenant + ", " + total);
        }
      }
    }
  }

  private final Limits limits;
  private final InstantSource clock;
  private Instant heldUntil = Instant.MIN;

  PartitionBackpressure(Limits limits, InstantSource clock) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Pauses every partition for {@code duration} from now. */
  void holdAll(Duration duration) {
    heldUntil = clock.instant().plus(duration);
  }

  /** Pauses the assigned partitions that are full and resumes the paused ones that are not. */
  void apply(Consumer<?, ?> consumer, Backlog backlog) {
    boolean held = clock.instant().isBefore(heldUntil) || backlog.total() >= limits.total();
    Set<TopicPartition> pause = new HashSet<>();
    Set<TopicPartition> resume = new HashSet<>();
    Set<TopicPartition> paused = consumer.paused();
    for (TopicPartition partition : consumer.assignment()) {
      boolean full = held
          || backlog.pressure(partition, limits.tenantShare()) >= limits.partition()
          || backlog.largestTenantOn(partition) >= limits.tenant();
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
