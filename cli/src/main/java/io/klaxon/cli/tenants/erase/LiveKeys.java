package io.klaxon.cli.tenants.erase;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The keys a compacted topic still holds a value for, among those that start with a prefix: read
 * from the oldest record to the end offsets captured at the start, the latest record of a key
 * winning, a tombstone removing it. Values are not decoded, so a record no reader could decode
 * still counts. Stateless.
 */
public final class LiveKeys {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private LiveKeys() {}

  /**
   * @throws IllegalStateException when the topic does not exist
   */
  public static Set<String> read(Map<String, Object> clientProperties, String topic, String prefix) {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    Set<String> live = new LinkedHashSet<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, TIMEOUT).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      if (partitions.isEmpty()) {
        throw new IllegalStateException("topic " + topic + " does not exist");
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp, TIMEOUT) < ends.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.offset() >= ends.get(new TopicPartition(record.topic(), record.partition())) || record.key() == null) {
            continue;
          }
          String key = new String(record.key(), StandardCharsets.UTF_8);
          if (!key.startsWith(prefix)) {
            continue;
          }
          if (record.value() == null) {
            live.remove(key);
          } else {
            live.add(key);
          }
        }
      }
    }
    return live;
  }
}
