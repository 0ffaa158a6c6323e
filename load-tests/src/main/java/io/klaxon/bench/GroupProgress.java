package io.klaxon.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group has got through a topic, read from the broker (an admin client): the
 * group's committed offsets and the topic's end offsets, each summed over the topic's partitions.
 * Asking costs the group's members nothing, unlike scraping their metrics. Under exactly-once a
 * Streams application commits its offsets with each transaction, so its committed offsets count
 * what it processed and committed. Thread-safe.
 */
public final class GroupProgress implements AutoCloseable {
  private final Admin admin;
  private final Map<String, List<TopicPartition>> partitions = new ConcurrentHashMap<>();

  public GroupProgress(String bootstrapServers) {
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  /** The sum of the group's committed offsets on the topic's partitions (0 where it has none). */
  public long committed(String group, String topic) throws InterruptedException, ExecutionException {
    Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
        .partitionsToOffsetAndMetadata().get();
    return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
        .mapToLong(e -> e.getValue().offset()).sum();
  }

  /** The sum of the topic's end offsets. */
  public long endOffsets(String topic) throws InterruptedException, ExecutionException {
    ListOffsetsResult result = admin.listOffsets(partitions(topic).stream()
        .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())));
    return result.all().get().values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
  }

  private List<TopicPartition> partitions(String topic) throws InterruptedException, ExecutionException {
    List<TopicPartition> known = partitions.get(topic);
    if (known != null) {
      return known;
    }
    List<TopicPartition> found = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
        .stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    partitions.put(topic, found);
    return found;
  }

  @Override
  public void close() {
    admin.close();
  }
}
