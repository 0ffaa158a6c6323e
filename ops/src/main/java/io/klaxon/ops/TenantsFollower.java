package io.klaxon.ops;

import io.klaxon.events.TenantConfig;
import io.klaxon.registry.SchemaRegistryUnavailableException;
import io.klaxon.topics.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the tenants topic from its beginning, then follows it as tenants are applied, handing
 * every record to a listener as (key, configuration), null for a tombstone, in the topic's order
 * per tenant. It reads without a consumer group (commits nothing; every start reads everything
 * again, which for a compacted topic is one record per tenant). A record that does not decode is
 * logged and skipped, so the listener keeps the tenant's last good configuration; a schema registry
 * that does not answer is waited for, record by record, because an outage is not bad data. {@link
 * #caughtUp()} turns true once every record written before the start has been handed over; {@link
 * #catchUp} waits until every record written before the call has been. {@link #close()} stops the
 * reading thread. Thread-safe.
 */
public final class TenantsFollower implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TenantsFollower.class);
  private static final Duration RETRY = Duration.ofSeconds(1);

  private final KafkaConsumer<String, byte[]> consumer;
  private final Topic<String, TenantConfig> topic;
  private final Deserializer<TenantConfig> values;
  private final BiConsumer<String, TenantConfig> listener;
  private final Thread thread;
  private volatile boolean caughtUp;
  private volatile boolean running = true;
  /** A wait for the topic's end as it was when the wait began; done, or null, when nobody waits. */
  private final AtomicReference<CompletableFuture<Void>> catchUp = new AtomicReference<>();

  private TenantsFollower(ClusterSettings cluster, Topic<String, TenantConfig> topic, String threadName,
      BiConsumer<String, TenantConfig> listener) {
    this.consumer = new KafkaConsumer<>(cluster.clientProperties(Map.of(
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")),
        topic.keySerde().deserializer(), new ByteArrayDeserializer());
    this.topic = topic;
    this.values = topic.valueSerde().deserializer();
    this.listener = Objects.requireNonNull(listener, "listener");
    this.thread = Thread.ofPlatform().name(threadName).daemon().unstarted(this::run);
  }

  /**
   * Starts reading on a thread of its own.
   *
   * @param topic the tenants topic, with the serdes its records are read with
   * @param threadName the reading thread's name
   * @param listener called on the reading thread with each record's key and value (null for a
   *     tombstone); it must not throw
   */
  public static TenantsFollower start(ClusterSettings cluster, Topic<String, TenantConfig> topic, String threadName,
      BiConsumer<String, TenantConfig> listener) {
    TenantsFollower follower = new TenantsFollower(cluster, topic, threadName, listener);
    follower.thread.start();
    return follower;
  }

  /** Whether every tenant record written before the start has been handed to the listener. */
  public boolean caughtUp() {
    return caughtUp;
  }

  /**
   * Waits until every record on the tenants topic when this is called has been handed to the
   * listener: a reader that meets a tenant it was not told of asks whether the tenant is there.
   *
   * @return false when that did not happen within {@code timeout} (Kafka slow or away, or reading stopped)
   */
  public boolean catchUp(Duration timeout) throws InterruptedException {
    CompletableFuture<Void> wait = catchUp.updateAndGet(c -> c == null || c.isDone() ? new CompletableFuture<>() : c);
    try {
      wait.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return false;
    }
  }

  private void run() {
    try {
      List<TopicPartition> partitions = partitions();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      CompletableFuture<Void> waiting = null;
      Map<TopicPartition, Long> waitingFor = Map.of();
      while (running) {
        CompletableFuture<Void> asked = catchUp.get();
        if (asked != null && asked != waiting && !asked.isDone()) {
          waiting = asked;
          waitingFor = consumer.endOffsets(partitions);
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          read(record);
        }
        if (!caughtUp && reached(partitions, end)) {
          caughtUp = true;
          LOG.info("Read the tenants topic {} up to where it was at start", topic);
        }
        if (waiting != null && !waiting.isDone() && reached(partitions, waitingFor)) {
          waiting.complete(null);
        }
      }
    } catch (WakeupException e) {
      // Closing.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("Reading the tenants topic {} failed; tenant changes from now on are not seen", topic, e);
      CompletableFuture<Void> asked = catchUp.get();
      if (asked != null) {
        asked.completeExceptionally(e);
      }
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  private boolean reached(List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
    return partitions.stream().allMatch(p -> consumer.position(p) >= end.getOrDefault(p, 0L));
  }

  private List<TopicPartition> partitions() throws InterruptedException {
    while (running) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      if (!partitions.isEmpty()) {
        return partitions;
      }
      Thread.sleep(RETRY.toMillis());
    }
    throw new WakeupException();
  }

  private void read(ConsumerRecord<String, byte[]> record) throws InterruptedException {
    if (record.value() == null) {
      listener.accept(record.key(), null);
      return;
    }
    while (running) {
      try {
        listener.accept(record.key(), values.deserialize(record.topic(), record.value()));
        return;
      } catch (SchemaRegistryUnavailableException e) {
        // An outage, not bad data: read the same record again once the registry answers.
        Thread.sleep(RETRY.toMillis());
      } catch (RuntimeException e) {
        LOG.warn("Skipping tenant record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
            e.getClass().getSimpleName());
        return;
      }
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
