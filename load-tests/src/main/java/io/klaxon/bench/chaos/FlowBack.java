package io.klaxon.bench.chaos;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Time to flow back after a fault: from the moment of the fault until a consumer group has
 * committed, on every partition of a topic, past the end offset that partition had at the fault.
 * So it covers the whole interruption: the failure detection, the rebalance, the restoration, an
 * open transaction of the dead instance that holds back {@code read_committed} readers, and the
 * catching up on what piled up meanwhile. The Streams app (exactly-once) commits with every
 * transaction and the notifier once deliveries are durable, so a committed offset means done.
 * Read from the broker with an admin client. Thread-safe.
 */
public final class FlowBack implements AutoCloseable {
  private final Admin admin;

  public FlowBack(String bootstrapServers) {
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  /** The topic's end offsets now, by partition: what a fault happening now leaves to be done. */
  public Map<TopicPartition, Long> mark(String topic) throws InterruptedException, ExecutionException {
    Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames().get()
        .get(topic).partitions().stream()
        .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
    return admin.listOffsets(latest).all().get().entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  /** Whether {@code group} has committed at least {@code mark} on every partition. */
  public boolean reached(String group, Map<TopicPartition, Long> mark) throws InterruptedException, ExecutionException {
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata().get();
    for (Map.Entry<TopicPartition, Long> entry : mark.entrySet()) {
      OffsetAndMetadata offset = committed.get(entry.getKey());
      if (entry.getValue() > 0 && (offset == null || offset.offset() < entry.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** Records of {@code mark} that {@code group} has not committed yet: the backlog at the fault. */
  public long behind(String group, Map<TopicPartition, Long> mark) throws InterruptedException, ExecutionException {
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata().get();
    long behind = 0;
    for (Map.Entry<TopicPartition, Long> entry : mark.entrySet()) {
      OffsetAndMetadata offset = committed.get(entry.getKey());
      behind += Math.max(0, entry.getValue() - (offset == null ? 0 : offset.offset()));
    }
    return behind;
  }

  /**
   * The client ids of the members of {@code group} that are assigned partitions of {@code topic}
   * now: the ones whose death interrupts the flow.
   */
  public Set<String> owners(String group, String topic) throws InterruptedException, ExecutionException {
    return admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get().members().stream()
        .filter(m -> m.assignment().topicPartitions().stream().anyMatch(tp -> tp.topic().equals(topic)))
        .map(MemberDescription::clientId)
        .collect(Collectors.toSet());
  }

  /**
   * Waits until {@code group} has committed past {@code mark} (polled every 100 ms); returns the
   * seconds since {@code sinceNanos}, or -1 when {@code timeout} passed first. A question the
   * broker does not answer (it may be the part that was killed) is asked again until the timeout.
   */
  public double await(String group, Map<TopicPartition, Long> mark, long sinceNanos, Duration timeout)
      throws InterruptedException {
    Map<TopicPartition, Double> each = awaitEach(group, mark, sinceNanos, timeout);
    return each.containsValue(-1.0) ? -1 : each.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
  }

  /**
   * As {@link #await}, by partition: the seconds since {@code sinceNanos} at which the group had
   * committed past each partition's mark (-1 for one it had not when {@code timeout} passed). Tells
   * which partitions held the flow back.
   */
  public Map<TopicPartition, Double> awaitEach(String group, Map<TopicPartition, Long> mark, long sinceNanos,
      Duration timeout) throws InterruptedException {
    long deadline = sinceNanos + timeout.toNanos();
    Map<TopicPartition, Double> reachedAt = new TreeMap<>(
        Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
    while (System.nanoTime() < deadline) {
      try {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata().get();
        double now = (System.nanoTime() - sinceNanos) / 1e9;
        for (Map.Entry<TopicPartition, Long> entry : mark.entrySet()) {
          OffsetAndMetadata offset = committed.get(entry.getKey());
          if (!reachedAt.containsKey(entry.getKey())
              && (entry.getValue() <= 0 || (offset != null && offset.offset() >= entry.getValue()))) {
            reachedAt.put(entry.getKey(), now);
          }
        }
        if (reachedAt.size() == mark.size()) {
          return reachedAt;
        }
      } catch (ExecutionException e) {
        // Unreachable for now: the flow is not back.
      }
      Thread.sleep(100);
    }
    for (TopicPartition partition : mark.keySet()) {
      reachedAt.putIfAbsent(partition, -1.0);
    }
    return reachedAt;
  }

  @Override
  public void close() {
    admin.close();
  }
}
