package io.klaxon.bench.chaos;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.ToDoubleFunction;
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
  private static final Comparator<TopicPartition> BY_PARTITION =
      Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);
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

  /** Records of {@code mark} not yet {@code committed} (from {@link #committed}): the backlog at the fault. */
  public static long behind(Map<TopicPartition, Long> mark, Map<TopicPartition, Long> committed) {
    return mark.entrySet().stream()
        .mapToLong(e -> Math.max(0, e.getValue() - committed.getOrDefault(e.getKey(), 0L))).sum();
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

  /** What {@code group} has committed now, by partition (0 where it has committed nothing). */
  public Map<TopicPartition, Long> committed(String group, Set<TopicPartition> partitions)
      throws InterruptedException, ExecutionException {
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata().get();
    Map<TopicPartition, Long> out = new TreeMap<>(BY_PARTITION);
    for (TopicPartition partition : partitions) {
      OffsetAndMetadata offset = committed.get(partition);
      out.put(partition, offset == null ? 0 : offset.offset());
    }
    return out;
  }

  /**
   * Waits until {@code group} has committed past {@code mark} (polled every 100 ms); returns the
   * seconds since {@code sinceNanos}, or -1 when {@code timeout} passed first. A question the
   * broker does not answer (it may be the part that was killed) is asked again until the timeout.
   */
  public double await(String group, Map<TopicPartition, Long> mark, long sinceNanos, Duration timeout)
      throws InterruptedException {
    return latest(awaitEach(group, mark, Map.of(), sinceNanos, timeout), Times::reached);
  }

  /**
   * Waits until {@code group} keeps up with {@code topic}: until everything on the topic at some
   * moment is committed within {@code within} of that moment. Returns the seconds since {@code
   * sinceNanos}, or -1 when {@code timeout} passed first. A pipeline that has only worked off the
   * backlog of an earlier moment may still be far behind: a fault timed from there would be timed
   * with a start-up backlog that has nothing to do with it.
   */
  public double awaitKeepingUp(String group, String topic, Duration within, long sinceNanos, Duration timeout)
      throws InterruptedException {
    long deadline = sinceNanos + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      long at = System.nanoTime();
      Map<TopicPartition, Long> mark;
      try {
        mark = mark(topic);
      } catch (ExecutionException e) {
        Thread.sleep(100); // the broker does not answer now: ask again
        continue;
      }
      double took = await(group, mark, at, Duration.ofNanos(Math.max(0, deadline - at)));
      if (took >= 0 && took <= within.toNanos() / 1e9) {
        return (System.nanoTime() - sinceNanos) / 1e9;
      }
    }
    return -1;
  }

  /** The last partition's time of {@code which} kind, or -1 when a partition never got there. */
  public static double latest(Map<TopicPartition, Times> each, ToDoubleFunction<Times> which) {
    return each.values().stream().anyMatch(t -> which.applyAsDouble(t) < 0) ? -1
        : each.values().stream().mapToDouble(which).max().orElse(0);
  }

  /**
   * When one partition moved again after a fault, and when it flowed back, in seconds since the
   * fault (-1: not before the timeout).
   *
   * @param resumed when the group first committed past what it had committed at the fault, or
   *     reached the mark: the partition is being processed again, whatever backlog it still has
   * @param reached when the group committed past the partition's end offset at the fault
   */
  public record Times(double resumed, double reached) {}

  /**
   * As {@link #await}, by partition, also telling when each partition moved again ({@link Times}):
   * which partitions held the flow back, and how much of that was the interruption itself rather
   * than the backlog. {@code committedAtFault} is {@link #committed} at the fault (a partition not
   * in it counts as resumed only once it reaches its mark).
   */
  public Map<TopicPartition, Times> awaitEach(String group, Map<TopicPartition, Long> mark,
      Map<TopicPartition, Long> committedAtFault, long sinceNanos, Duration timeout) throws InterruptedException {
    long deadline = sinceNanos + timeout.toNanos();
    Map<TopicPartition, Double> resumedAt = new TreeMap<>(BY_PARTITION);
    Map<TopicPartition, Double> reachedAt = new TreeMap<>(BY_PARTITION);
    while (System.nanoTime() < deadline && reachedAt.size() < mark.size()) {
      try {
        Map<TopicPartition, Long> committed = committed(group, mark.keySet());
        double now = (System.nanoTime() - sinceNanos) / 1e9;
        for (Map.Entry<TopicPartition, Long> entry : mark.entrySet()) {
          long offset = committed.get(entry.getKey());
          boolean reached = entry.getValue() <= 0 || offset >= entry.getValue();
          Long before = committedAtFault.get(entry.getKey());
          if (reached || (before != null && offset > before)) {
            resumedAt.putIfAbsent(entry.getKey(), now);
          }
          if (reached) {
            reachedAt.putIfAbsent(entry.getKey(), now);
          }
        }
      } catch (ExecutionException e) {
        // Unreachable for now: the flow is not back.
      }
      if (reachedAt.size() < mark.size()) {
        Thread.sleep(100);
      }
    }
    Map<TopicPartition, Times> out = new TreeMap<>(BY_PARTITION);
    for (TopicPartition partition : mark.keySet()) {
      out.put(partition, new Times(resumedAt.getOrDefault(partition, -1.0), reachedAt.getOrDefault(partition, -1.0)));
    }
    return out;
  }

  @Override
  public void close() {
    admin.close();
  }
}
