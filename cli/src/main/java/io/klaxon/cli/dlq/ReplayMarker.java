package io.klaxon.cli.dlq;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The header {@value #HEADER} that every replayed record carries: the coordinates of the dead
 * letter it re-injects ({@code <dead-letter topic>-<partition>@<offset>}). The Streams app copies a
 * record's headers onto its dead letter, so a replayed record that fails again comes back to the
 * dead-letter topic still naming the letter it was replayed from; and a run of {@code dlq replay}
 * that stopped before recording its position left its marks in the topics it wrote. Stateless.
 */
final class ReplayMarker {
  static final String HEADER = "klaxon-replay-of";

  private ReplayMarker() {}

  /** The coordinates of the record at {@code offset} of {@code topic}-{@code partition}. */
  static String coordinates(String topic, int partition, long offset) {
    return topic + "-" + partition + "@" + offset;
  }

  /** The coordinates of {@code record}. */
  static String coordinates(ConsumerRecord<?, ?> record) {
    return coordinates(record.topic(), record.partition(), record.offset());
  }

  /** The letter a record was replayed from, when it was. */
  static Optional<String> in(Headers headers) {
    Header header = headers.lastHeader(HEADER);
    return header == null || header.value() == null ? Optional.empty()
        : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
  }

  /** The headers of a replay of the letter at {@code letter}: the original record's, marked as replayed from it. */
  static Headers replayOf(Headers original, String letter) {
    Headers headers = new RecordHeaders(original.toArray());
    headers.remove(HEADER);
    headers.add(HEADER, letter.getBytes(StandardCharsets.UTF_8));
    return headers;
  }

  /**
   * The letters named by the markers of the records written to each partition from {@code from}
   * on, up to its end now.
   */
  static Set<String> writtenSince(Map<String, Object> clientProperties, Map<TopicPartition, Long> from) {
    Set<String> letters = new HashSet<>();
    if (from.isEmpty()) {
      return letters;
    }
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = List.copyOf(from.keySet());
      consumer.assign(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      partitions.forEach(tp -> consumer.seek(tp, from.get(tp)));
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          in(record.headers()).ifPresent(letters::add);
        }
      }
    }
    return letters;
  }
}
