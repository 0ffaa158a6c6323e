package io.klaxon.cli.dlq;

import io.klaxon.cli.KafkaOptions;
import io.klaxon.events.DeadLetter;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.serde.SpecificAvroDeserializer;
import io.klaxon.serde.WireFormatException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the dead-letter topic with a fresh, group-less consumer (assigned partitions, nothing
 * committed). In bounded mode it stops at the end offsets captured when it started, so it never
 * reads records written after that (such as its own replays' later dead letters). A record that
 * is not a readable dead letter (bad bytes, an unknown schema id) is reported to {@code
 * onUndecodable} and skipped; a schema registry that cannot be reached or refuses the credentials
 * is not the record's fault and ends the read with its exception. Not thread-safe; closes its
 * consumer when {@link #read} returns.
 */
public final class DeadLetterReader {
  /** Where reading starts in one partition, given its first offset and its end offset when reading started. */
  @FunctionalInterface
  public interface Start {
    long offset(TopicPartition partition, long beginning, long end);

    /** At the oldest dead letter. */
    static Start beginning() {
      return (partition, beginning, end) -> beginning;
    }

    /** {@code perPartition} records before the end of each partition. */
    static Start latest(int perPartition) {
      return (partition, beginning, end) -> Math.max(beginning, end - Math.max(0, perPartition));
    }

    /**
     * At {@code positions}; a partition without one, or whose position retention has removed, from
     * its oldest record.
     */
    static Start at(Map<TopicPartition, Long> positions) {
      return (partition, beginning, end) -> Math.max(beginning, positions.getOrDefault(partition, beginning));
    }
  }

  /**
   * The offsets a read covered, per partition.
   *
   * @param from where the read started
   * @param next where the next read should start: after the last record handed to the handler, or
   *     the end captured at start once a bounded read has read everything before it
   */
  public record Range(Map<TopicPartition, Long> from, Map<TopicPartition, Long> next) {}

  private final Map<String, Object> clientProperties;
  private final SchemaRegistry registry;
  private final String topic;

  public DeadLetterReader(Map<String, Object> clientProperties, SchemaRegistry registry, String topic) {
    this.clientProperties = clientProperties;
    this.registry = registry;
    this.topic = topic;
  }

  /** A reader of {@code topic}, or, when it is null, of the alerts dead-letter topic {@code kafka} names. */
  public static DeadLetterReader of(KafkaOptions kafka, String topic) {
    return new DeadLetterReader(kafka.clientProperties(Map.of()), kafka.registry(),
        topic != null ? topic : kafka.topics().alertsDlq());
  }

  /** The topic read. */
  public String topic() {
    return topic;
  }

  /**
   * A reader that sees only committed dead letters ({@code read_committed}): the letters of a Streams
   * transaction that was aborted are not there, since the transaction's records are written again.
   */
  public DeadLetterReader committedOnly() {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new DeadLetterReader(props, registry, topic);
  }

  /**
   * @param start where reading starts in each partition
   * @param follow keep reading new records until {@code stop} says so
   * @param handler receives each dead letter with its own record; returns false to stop early
   * @return the offsets the read covered
   */
  public Range read(Start start, boolean follow, BooleanSupplier stop,
      BiPredicate<ConsumerRecord<byte[], byte[]>, DeadLetter> handler,
      Consumer<String> onUndecodable) {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    SpecificAvroDeserializer<DeadLetter> deserializer = new SpecificAvroDeserializer<>(registry, DeadLetter.class, true);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      if (partitions.isEmpty()) {
        throw new IllegalStateException("topic " + topic + " does not exist");
      }
      consumer.assign(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
      Map<TopicPartition, Long> from = new HashMap<>();
      for (TopicPartition tp : partitions) {
        from.put(tp, start.offset(tp, beginnings.get(tp), ends.get(tp)));
        consumer.seek(tp, from.get(tp));
      }
      Map<TopicPartition, Long> next = new HashMap<>(from);
      while (!stop.getAsBoolean()) {
        if (!follow && partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp))) {
          partitions.forEach(tp -> next.merge(tp, ends.get(tp), Math::max));
          return new Range(from, next);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          TopicPartition tp = new TopicPartition(record.topic(), record.partition());
          if (!follow && record.offset() >= ends.get(tp)) {
            continue;
          }
          next.put(tp, record.offset() + 1);
          DeadLetter letter;
          try {
            letter = deserializer.deserialize(record.topic(), record.value());
          } catch (WireFormatException e) {
            onUndecodable.accept(record.topic() + "-" + record.partition() + "@" + record.offset() + ": " + e.getMessage());
            continue;
          }
          if (!handler.test(record, letter)) {
            return new Range(from, next);
          }
        }
      }
      return new Range(from, next);
    }
  }
}
