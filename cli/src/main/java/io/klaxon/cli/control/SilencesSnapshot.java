package io.klaxon.cli.control;

import io.klaxon.control.ControlKeys;
import io.klaxon.control.Silence;
import io.klaxon.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The silences of one tenant as the compacted silences topic holds them now: read with a
 * group-less consumer from the beginning up to the end offsets taken at the start (the latest
 * record of a key wins; a tombstone removes it). Records under another tenant's prefix are not
 * even decoded. Not thread-safe; one use.
 */
final class SilencesSnapshot {
  private SilencesSnapshot() {}

  static List<Silence> read(Map<String, Object> clientProperties, Topic<String, Silence> topic, String tenantId,
      Duration timeout) {
    Map<String, Object> config = new LinkedHashMap<>(clientProperties);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    Map<String, byte[]> latest = new LinkedHashMap<>();
    String prefix = ControlKeys.tenantPrefix(tenantId);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), timeout).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!caughtUp(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic.name() + " to its end within " + timeout.toSeconds() + " s");
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.key() != null && record.key().startsWith(prefix)) {
            if (record.value() == null) {
              latest.remove(record.key());
            } else {
              latest.put(record.key(), record.value());
            }
          }
        }
      }
    }
    List<Silence> silences = new ArrayList<>();
    latest.forEach((key, bytes) -> {
      Silence silence = topic.valueSerde().deserializer().deserialize(topic.name(), bytes);
      if (tenantId.equals(silence.getTenantId())) {
        silences.add(silence);
      }
    });
    return silences;
  }

  private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }
}
