package io.klaxon.cli.read;

import io.klaxon.registry.SchemaRegistry;
import io.klaxon.serde.SpecificAvroDeserializer;
import io.klaxon.serde.WireFormatException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads one topic of Avro records with a fresh, group-less consumer (assigned partitions, nothing
 * committed). In bounded mode it stops at the end offsets captured when it started, so it never
 * reads records written after that. A record whose value is not a readable {@code V} (bad bytes, an
 * unknown schema id) is reported to {@code onUndecodable} and skipped; a schema registry that
 * cannot be reached or refuses the credentials is not the record's fault and ends the read with its
 * exception. Not thread-safe; closes its consumer when a read returns.
 *
 * @param <V> the record type of the topic's values
 */
public final class TopicReader<V extends SpecificRecord> {
  /** Where reading starts in one partition, given its first offset and its end offset when reading started. */
  @FunctionalInterface
  public interface Start {
    long offset(TopicPartition partition, long beginning, long end);

    /** At the oldest record. */
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

  /**
   * How far a bounded read has come, reported after each poll.
   *
   * @param topic the topic read
   * @param read records read so far
   * @param total records between the start and the end offsets captured at start
   */
  public record Progress(String topic, long read, long total) {}

  private final Map<String, Object> clientProperties;
  private final SchemaRegistry registry;
  private final String topic;
  private final Class<V> type;
  private final Consumer<Progress> progress;
  private final boolean tombstones;

  public TopicReader(Map<String, Object> clientProperties, SchemaRegistry registry, String topic, Class<V> type) {
    this(clientProperties, registry, topic, type, p -> {}, false);
  }

  private TopicReader(Map<String, Object> clientProperties, SchemaRegistry registry, String topic, Class<V> type,
      Consumer<Progress> progress, boolean tombstones) {
    this.clientProperties = clientProperties;
    this.registry = registry;
    this.topic = topic;
    this.type = type;
    this.progress = progress;
    this.tombstones = tombstones;
  }

  /** The topic read. */
  public String topic() {
    return topic;
  }

  /** Whether the topic exists on the cluster (the broker knows partitions of it). */
  public boolean exists() {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      return !consumer.partitionsFor(topic, Duration.ofSeconds(15)).isEmpty();
    }
  }

  /**
   * A reader that sees only committed records ({@code read_committed}): the records of a
   * transaction that was aborted are not there.
   */
  public TopicReader<V> committedOnly() {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new TopicReader<>(props, registry, topic, type, progress, tombstones);
  }

  /** A reader that reports its progress to {@code listener} after each poll. */
  public TopicReader<V> withProgress(Consumer<Progress> listener) {
    return new TopicReader<>(clientProperties, registry, topic, type, listener, tombstones);
  }

  /**
   * A reader that hands a record with a null value (a tombstone on a compacted topic) to the handler
   * with a null value, instead of reporting it as undecodable.
   */
  public TopicReader<V> withTombstones() {
    return new TopicReader<>(clientProperties, registry, topic, type, progress, true);
  }

  /**
   * Reads from {@code start} up to the end offsets captured at start (or on, with {@code follow}).
   *
   * @param start where reading starts in each partition
   * @param follow keep reading new records until {@code stop} says so
   * @param handler receives each value with its own record; returns false to stop early
   * @return the offsets the read covered
   */
  public Range read(Start start, boolean follow, BooleanSupplier stop,
      BiPredicate<ConsumerRecord<byte[], byte[]>, V> handler, Consumer<String> onUndecodable) {
    return read(consumer -> start, follow, stop, handler, onUndecodable);
  }

  /**
   * Reads, up to the end offsets captured at start, the records written at or after {@code since}
   * (by record timestamp, through the broker's time index: {@code offsetsForTimes}, not a scan
   * from the oldest record).
   */
  public Range readSince(Instant since, BiPredicate<ConsumerRecord<byte[], byte[]>, V> handler,
      Consumer<String> onUndecodable) {
    return read(consumer -> {
      Map<TopicPartition, Long> times = new HashMap<>();
      consumer.assignment().forEach(tp -> times.put(tp, since.toEpochMilli()));
      Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times, Duration.ofSeconds(15));
      // No record at or after the time: the partition has nothing to read.
      return (partition, beginning, end) -> {
        OffsetAndTimestamp at = found.get(partition);
        return at == null ? end : Math.max(beginning, at.offset());
      };
    }, false, () -> false, handler, onUndecodable);
  }

  private Range read(Function<KafkaConsumer<byte[], byte[]>, Start> startFor, boolean follow, BooleanSupplier stop,
      BiPredicate<ConsumerRecord<byte[], byte[]>, V> handler, Consumer<String> onUndecodable) {
    Map<String, Object> props = new HashMap<>(clientProperties);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    SpecificAvroDeserializer<V> deserializer = new SpecificAvroDeserializer<>(registry, type, true);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      if (partitions.isEmpty()) {
        throw new IllegalStateException("topic " + topic + " does not exist");
      }
      consumer.assign(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
      Start start = startFor.apply(consumer);
      Map<TopicPartition, Long> from = new HashMap<>();
      long total = 0;
      for (TopicPartition tp : partitions) {
        from.put(tp, start.offset(tp, beginnings.get(tp), ends.get(tp)));
        consumer.seek(tp, from.get(tp));
        total += Math.max(0, ends.get(tp) - from.get(tp));
      }
      Map<TopicPartition, Long> next = new HashMap<>(from);
      long read = 0;
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
          read++;
          next.put(tp, record.offset() + 1);
          V value = null;
          try {
            if (!tombstones || record.value() != null) {
              value = deserializer.deserialize(record.topic(), record.value());
            }
          } catch (WireFormatException e) {
            onUndecodable.accept(record.topic() + "-" + record.partition() + "@" + record.offset() + ": " + e.getMessage());
            continue;
          }
          if (!handler.test(record, value)) {
            return new Range(from, next);
          }
        }
        if (!follow) {
          progress.accept(new Progress(topic, read, total));
        }
      }
      return new Range(from, next);
    }
  }
}
