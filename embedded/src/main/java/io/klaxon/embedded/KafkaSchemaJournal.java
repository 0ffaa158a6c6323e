package io.klaxon.embedded;

import io.klaxon.registry.InMemorySchemaRegistry;
import io.klaxon.registry.InMemorySchemaRegistry.Change;
import io.klaxon.registry.SchemaRegistryException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Keeps the schema registry's changes in a compacted, single-partition Kafka topic.
 *
 * <p>{@link #append} sends a change with {@code acks=all} from an idempotent producer and returns
 * only when the broker has acknowledged it; when it cannot, it throws {@link SchemaRegistryException}
 * with error code 50001 and the registry applies nothing. {@link #replayInto} reads the topic from
 * the beginning to its end offset at the time of the call. One registry writes to a topic at a time:
 * two registries sharing a topic would hand out the same ids.
 *
 * <p>Thread-safe for {@link #append}; {@link #replayInto} and {@link #ensureTopic} are meant for
 * start-up. {@link #close} releases the producer.
 */
public final class KafkaSchemaJournal implements InMemorySchemaRegistry.Journal, AutoCloseable {
  /** The journal topic unless configured otherwise. */
  public static final String DEFAULT_TOPIC = "_klaxon_schemas";

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final String bootstrapServers;
  private final String topic;
  private final KafkaProducer<byte[], byte[]> producer;

  /** A journal on {@code topic} of the cluster at {@code bootstrapServers}. */
  public KafkaSchemaJournal(String bootstrapServers, String topic) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() / 2);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, "klaxon-schema-registry-journal");
    this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** The journal topic's name. */
  public String topic() {
    return topic;
  }

  /**
   * Creates the topic (1 partition, compacted, the cluster's default replication factor) unless it
   * exists.
   *
   * @throws IllegalStateException when the cluster refuses or does not answer
   */
  public void ensureTopic() {
    NewTopic newTopic = new NewTopic(topic, Optional.of(1), Optional.empty())
        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    try (Admin admin = Admin.create(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin.createTopics(List.of(newTopic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("Cannot create the schema journal topic '" + topic + "': " + e.getCause(), e.getCause());
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException("Creating the schema journal topic '" + topic + "' timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating the schema journal topic '" + topic + "'", e);
    }
  }

  /**
   * Applies every change in the topic, oldest first, to {@code registry}; returns how many.
   *
   * @throws IllegalStateException when a record is not a journal change (the registry would hand
   *     out wrong ids if it skipped one) or the topic cannot be read
   */
  public int replayInto(InMemorySchemaRegistry registry) {
    TopicPartition partition = new TopicPartition(topic, 0);
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "klaxon-schema-registry-replay");
    config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    int applied = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
             new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (consumer.position(partition, TIMEOUT) < end) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Replaying the schema journal '" + topic + "' did not reach offset "
              + end + " within " + TIMEOUT);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          Optional<Change> change;
          try {
            change = SchemaJournalCodec.decode(record.key(), record.value());
          } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Schema journal '" + topic + "' offset " + record.offset()
                + " is not a registry change: " + e.getMessage(), e);
          }
          if (change.isPresent()) {
            registry.replay(change.get());
            applied++;
          }
        }
      }
    }
    return applied;
  }

  @Override
  public void append(Change change) {
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(topic, 0, SchemaJournalCodec.key(change), SchemaJournalCodec.value(change));
    try {
      producer.send(record).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw storeError(e.getCause());
    } catch (TimeoutException | RuntimeException e) {
      throw storeError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw storeError(e);
    }
  }

  private SchemaRegistryException storeError(Throwable cause) {
    return new SchemaRegistryException(500, SchemaRegistryException.STORE_ERROR,
        "Error while writing to the schema journal topic '" + topic + "': " + cause, cause);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
