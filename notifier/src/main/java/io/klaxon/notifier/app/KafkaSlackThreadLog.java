package io.klaxon.notifier.app;

import io.klaxon.events.SlackThread;
import io.klaxon.notifier.slack.SlackThreadLog;
import io.klaxon.ops.ClusterSettings;
import io.klaxon.topics.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack thread map on its compacted topic ({@code klaxon.slack.messages.v1}): {@link #restore()}
 * reads every partition from the beginning to the end offsets it found when it started; {@link
 * #append} waits for the broker's acknowledgement ({@code acks=all}, idempotent) for at most the
 * write timeout. A record that does not decode is skipped and logged, never fatal. Thread-safe;
 * {@link #close()} closes the producer.
 */
final class KafkaSlackThreadLog implements SlackThreadLog, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaSlackThreadLog.class);

  private final ClusterSettings cluster;
  private final Topic<String, SlackThread> topic;
  private final Duration timeout;
  private final KafkaProducer<String, SlackThread> producer;

  KafkaSlackThreadLog(ClusterSettings cluster, Topic<String, SlackThread> topic, String clientId, Duration timeout) {
    this.cluster = cluster;
    this.topic = topic;
    this.timeout = timeout;
    this.producer = new KafkaProducer<>(cluster.clientProperties(Map.of(
        ProducerConfig.CLIENT_ID_CONFIG, clientId,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 0,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis(),
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis())),
        topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  @Override
  public Map<String, SlackThread> restore() {
    Map<String, SlackThread> threads = new HashMap<>();
    Map<String, Object> props = cluster.clientProperties(Map.of(
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(),
        new ByteArrayDeserializer())) {
      List<PartitionInfo> partitions = partitions(consumer);
      if (partitions == null || partitions.isEmpty()) {
        LOG.warn("Slack messages topic {} not found: alert threads start empty", topic.name());
        return threads;
      }
      List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(assigned);
      consumer.seekToBeginning(assigned);
      Map<TopicPartition, Long> end = consumer.endOffsets(assigned, timeout);
      Instant started = Instant.now();
      long records = 0;
      while (!caughtUp(consumer, end)) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          records++;
          if (record.key() == null) {
            continue;
          }
          if (record.value() == null) {
            threads.remove(record.key());
            continue;
          }
          try {
            threads.put(record.key(), topic.valueSerde().deserializer().deserialize(topic.name(), record.value()));
          } catch (RuntimeException e) {
            LOG.warn("Skipping Slack thread record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                e.getMessage());
          }
        }
      }
      LOG.info("Restored {} Slack threads from {} records of {} in {} ms", threads.size(), records, topic.name(),
          Duration.between(started, Instant.now()).toMillis());
    }
    return threads;
  }

  /** The topic's partitions, waiting for Kafka as long as it does not answer. */
  private List<PartitionInfo> partitions(KafkaConsumer<String, byte[]> consumer) {
    while (true) {
      try {
        return consumer.partitionsFor(topic.name(), timeout);
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        LOG.warn("Kafka did not answer within {} s for the partitions of {}; asking again", timeout.toSeconds(),
            topic.name());
      }
    }
  }

  /** Whether {@code consumer} has read every partition of {@code end} up to its end offset there. */
  static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
      if (consumer.position(partition.getKey()) < partition.getValue()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void append(String key, SlackThread thread) {
    try {
      producer.send(new ProducerRecord<>(topic.name(), key, thread)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ThreadLogException("interrupted while writing to " + topic.name(), e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new ThreadLogException(topic.name() + " refused the write (" + cause.getClass().getSimpleName() + ")", cause);
    } catch (TimeoutException e) {
      throw new ThreadLogException(topic.name() + " did not acknowledge within " + timeout.toSeconds() + "s", e);
    } catch (RuntimeException e) {
      throw new ThreadLogException("writing to " + topic.name() + " failed (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
