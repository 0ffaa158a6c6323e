package io.klaxon.notifier.app;

import io.klaxon.events.DeliveryOutcome;
import io.klaxon.events.DeliveryReceipt;
import io.klaxon.ops.ClusterSettings;
import io.klaxon.topics.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the receipts topic ({@code klaxon.deliveries.v1}) from a time to the end offsets it finds
 * then, every partition, with a consumer of its own (no group), and collects the ids of DELIVERED
 * receipts. A receipt that does not decode is skipped. Stops at {@code timeout} with what it has
 * read, and answers an empty set when Kafka cannot be read. Thread-safe (each lookup has its own
 * consumer).
 */
final class KafkaDeliveredLookup implements DeliveredLookup {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaDeliveredLookup.class);

  private final ClusterSettings cluster;
  private final Topic<String, DeliveryReceipt> receipts;
  private final Duration timeout;

  KafkaDeliveredLookup(ClusterSettings cluster, Topic<String, DeliveryReceipt> receipts, Duration timeout) {
    this.cluster = cluster;
    this.receipts = receipts;
    this.timeout = timeout;
  }

  @Override
  public Set<String> deliveredSince(Instant since) {
    Set<String> delivered = new HashSet<>();
    Map<String, Object> props = new HashMap<>(cluster.clientProperties(Map.of(
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000)));
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    Instant started = Instant.now();
    Instant deadline = started.plus(timeout);
    long read = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<PartitionInfo> infos = consumer.partitionsFor(receipts.name(), timeout);
      if (infos == null || infos.isEmpty()) {
        return delivered;
      }
      List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> times = new HashMap<>();
      partitions.forEach(partition -> times.put(partition, since.toEpochMilli()));
      Map<TopicPartition, OffsetAndTimestamp> from = consumer.offsetsForTimes(times, timeout);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      for (TopicPartition partition : partitions) {
        OffsetAndTimestamp start = from.get(partition);
        consumer.seek(partition, start == null ? end.get(partition) : start.offset());
      }
      while (!KafkaSlackThreadLog.caughtUp(consumer, end)) {
        if (Instant.now().isAfter(deadline)) {
          LOG.warn("Read {} receipts since {} in {} s without reaching the end: the notifications delivered in the rest "
              + "may be delivered again", read, since, timeout.toSeconds());
          break;
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          read++;
          if (record.value() == null) {
            continue;
          }
          try {
            DeliveryReceipt receipt = receipts.valueSerde().deserializer().deserialize(receipts.name(), record.value());
            if (receipt.getOutcome() == DeliveryOutcome.DELIVERED) {
              delivered.add(receipt.getNotificationId());
            }
          } catch (RuntimeException e) {
            LOG.debug("Skipping receipt at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                e.getMessage());
          }
        }
      }
    } catch (KafkaException e) {
      LOG.warn("Could not read the receipts since {} ({}): the notifications delivered since then may be delivered again",
          since, e.getClass().getSimpleName());
      return Set.of();
    }
    LOG.debug("Read {} receipts since {} in {} ms: {} delivered", read, since,
        Duration.between(started, Instant.now()).toMillis(), delivered.size());
    return delivered;
  }
}
