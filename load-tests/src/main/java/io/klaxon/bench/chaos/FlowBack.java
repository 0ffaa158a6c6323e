package io.klaxon.bench.chaos;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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
    Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get()
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
   * Waits until {@code group} has committed past {@code mark} (polled every 100 ms); returns the
   * seconds since {@code sinceNanos}, or -1 when {@code timeout} passed first. A question the
   * broker does not answer (it may be the part that was killed) is asked again until the timeout.
   */
  public double await(String group, Map<TopicPartition, Long> mark, long sinceNanos, Duration timeout)
      throws InterruptedException {
    long deadline = sinceNanos + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (reached(group, mark)) {
          return (System.nanoTime() - sinceNanos) / 1e9;
        }
      } catch (ExecutionException e) {
        // Unreachable for now: the flow is not back.
      }
      Thread.sleep(100);
    }
    return -1;
  }

  @Override
  public void close() {
    admin.close();
  }
}
