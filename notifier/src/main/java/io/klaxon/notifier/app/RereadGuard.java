package io.klaxon.notifier.app;

import io.klaxon.notifier.metrics.NotifierMetrics;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a notifier that takes a partition over from sending again what its previous owner had
 * already delivered. A partition's committed offset stops at its first unfinished record, so
 * records past it may have been delivered, with their receipts written, when the previous owner
 * died; without this guard each of them would reach its receiver a second time.
 *
 * <p>Every commit's metadata says since when the records from its offset on were read ({@link
 * #metadata}). When partitions are assigned, the guard reads their committed offsets and, before
 * their first records are handed on, asks {@link DeliveredLookup} which notifications got a
 * DELIVERED receipt since the earliest of those times (at most {@link #MAX_LOOKBACK} back). A
 * record read from such a partition below the end offset it had then is skipped when its
 * notification is among them; past that end nothing can have been delivered by the previous owner,
 * and the partition is no longer checked.
 *
 * <p>What it cannot see is delivered again, as before: a delivery whose receipt was not yet
 * written when its notifier died (in flight), receipts older than the lookback, a partition whose
 * commit carries no time (written by an older version), and anything when the receipts cannot be
 * read. Not thread-safe: owned by the consumer loop.
 */
final class RereadGuard {
  private static final Logger LOG = LoggerFactory.getLogger(RereadGuard.class);
  /** How far back receipts are read at most. */
  static final Duration MAX_LOOKBACK = Duration.ofMinutes(1);
  private static final String PREFIX = "read-since=";
  private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);

  private final DeliveredLookup lookup;
  private final InstantSource clock;
  private final NotifierMetrics metrics;
  private final Set<TopicPartition> assigned = new HashSet<>();
  /** Partitions still checked, each up to the end offset it had when its receipts were read. */
  private final Map<TopicPartition, Long> checkedBelow = new HashMap<>();
  private Set<String> delivered = Set.of();

  RereadGuard(DeliveredLookup lookup, InstantSource clock, NotifierMetrics metrics) {
    this.lookup = lookup;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** The commit metadata saying the records from the committed offset on were read since {@code readSince}. */
  static String metadata(long readSince) {
    return PREFIX + readSince;
  }

  /** The time a commit's metadata gives, if it gives one. */
  static OptionalLong readSince(OffsetAndMetadata committed) {
    String metadata = committed == null ? null : committed.metadata();
    if (metadata == null || !metadata.startsWith(PREFIX)) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(metadata.substring(PREFIX.length())));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** Partitions were assigned: they are looked at by the next {@link #prepare}. */
  void assigned(Collection<TopicPartition> partitions) {
    assigned.addAll(partitions);
  }

  /** Partitions moved away: nothing more is checked for them. */
  void forget(Collection<TopicPartition> partitions) {
    assigned.removeAll(partitions);
    partitions.forEach(checkedBelow::remove);
    releaseWhenDone();
  }

  /**
   * For the partitions assigned since the last call: reads their commits and, when a commit says
   * since when its records were read, the notifications delivered since then. Call after each
   * poll, before its records are handed on.
   */
  void prepare(Consumer<?, ?> consumer) {
    if (assigned.isEmpty()) {
      return;
    }
    Set<TopicPartition> fresh = Set.copyOf(assigned);
    assigned.clear();
    try {
      Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(fresh, KAFKA_TIMEOUT);
      long earliest = Long.MAX_VALUE;
      Set<TopicPartition> checked = new HashSet<>();
      for (TopicPartition partition : fresh) {
        OptionalLong since = readSince(committed.get(partition));
        if (since.isPresent()) {
          earliest = Math.min(earliest, since.getAsLong());
          checked.add(partition);
        }
      }
      if (checked.isEmpty()) {
        return;
      }
      Map<TopicPartition, Long> ends = consumer.endOffsets(checked, KAFKA_TIMEOUT);
      Instant now = clock.instant();
      Instant since = Instant.ofEpochMilli(earliest).isBefore(now.minus(MAX_LOOKBACK))
          ? now.minus(MAX_LOOKBACK) : Instant.ofEpochMilli(earliest);
      Set<String> found = lookup.deliveredSince(since);
      if (found.isEmpty()) {
        return;
      }
      Set<String> union = new HashSet<>(delivered);
      union.addAll(found);
      delivered = union;
      ends.forEach((partition, end) -> {
        if (end != null && committed.get(partition).offset() < end) {
          checkedBelow.put(partition, end);
        }
      });
      LOG.info("Took over {} partition(s) read since {}: {} notification(s) delivered since then are not sent again",
          checked.size(), since, found.size());
      releaseWhenDone();
    } catch (KafkaException e) {
      LOG.warn("Could not read the commits or ends of {} ({}): what their previous owner delivered may be delivered "
          + "again", fresh, e.getClass().getSimpleName());
    }
  }

  /**
   * Whether the record at {@code offset} of {@code partition} is a notification its previous owner
   * delivered; counts it when so.
   */
  boolean alreadyDelivered(TopicPartition partition, long offset, String notificationId) {
    Long below = checkedBelow.get(partition);
    if (below == null) {
      return false;
    }
    if (offset >= below) {
      checkedBelow.remove(partition);
      releaseWhenDone();
      return false;
    }
    if (delivered.contains(notificationId)) {
      metrics.redeliverySkipped();
      return true;
    }
    return false;
  }

  /** How many partitions are still checked. */
  int checking() {
    return checkedBelow.size();
  }

  private void releaseWhenDone() {
    if (checkedBelow.isEmpty()) {
      delivered = Set.of();
    }
  }
}
