package io.klaxon.control;

import io.klaxon.registry.SchemaRegistryUnavailableException;
import io.klaxon.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A compacted topic keyed {@code <tenant>/<id>} ({@link ControlKeys}) as it stands: a consumer
 * without a group, assigned every partition, reads it from the beginning (read_committed) and then
 * follows it on a thread of its own, keeping the latest record of every key (a tombstone removes
 * it), indexed by the tenant before the key's first {@code /}. Records are decoded only when their
 * tenant is asked for. The silences ({@link SilencesView}) and the alert states topics are read
 * this way.
 *
 * <p>{@link #values} reads one's own writes and everyone else's: it first takes the topic's end
 * offsets and waits until the view has read up to them, so a record whose write Kafka acknowledged
 * before the call (by this process, another copy, the command line or the Streams app) is in the
 * answer. Thread-safe; {@link #close()} stops the thread and the consumer.
 *
 * @param <V> the topic's value type
 */
public final class TenantKeyedView<V> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TenantKeyedView.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration RETRY = Duration.ofSeconds(1);

  private final KafkaConsumer<String, byte[]> consumer;
  private final Topic<String, V> topic;
  private final Function<V, String> tenantOfValue;
  private final Map<String, Map<String, byte[]>> byTenant = new ConcurrentHashMap<>();
  private final Queue<CompletableFuture<Void>> syncRequests = new ConcurrentLinkedQueue<>();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile RuntimeException failure;

  private TenantKeyedView(Map<String, Object> clientProperties, Topic<String, V> topic,
      Function<V, String> tenantOfValue, String threadName) {
    Map<String, Object> config = new HashMap<>(clientProperties);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    this.topic = topic;
    this.tenantOfValue = tenantOfValue;
    this.thread = Thread.ofPlatform().name(threadName).daemon().unstarted(this::run);
  }

  /**
   * Starts reading the topic on a thread of its own.
   *
   * @param clientProperties Kafka client properties: bootstrap servers, security
   * @param topic the topic, with the serdes its records are read with
   * @param tenantOfValue the tenant a decoded value names: a value whose tenant is not its key's is left out
   * @param threadName the reading thread's name
   */
  public static <V> TenantKeyedView<V> start(Map<String, Object> clientProperties, Topic<String, V> topic,
      Function<V, String> tenantOfValue, String threadName) {
    TenantKeyedView<V> view = new TenantKeyedView<>(clientProperties, topic, tenantOfValue, threadName);
    view.thread.start();
    return view;
  }

  /**
   * The tenant's records (the latest value of each of its keys) once the view has read the topic up
   * to the end offsets it had at the call. A record that does not decode is left out (and logged).
   *
   * @throws ViewUnavailableException when that does not happen within {@code timeout}, or a record
   *     of the tenant cannot be decoded because the schema registry does not answer
   */
  public List<V> values(String tenantId, Duration timeout) {
    awaitEnd(timeout);
    List<V> values = new ArrayList<>();
    for (Map.Entry<String, byte[]> record : byTenant.getOrDefault(tenantId, Map.of()).entrySet()) {
      V value;
      try {
        value = topic.valueSerde().deserializer().deserialize(topic.name(), record.getValue());
      } catch (SchemaRegistryUnavailableException e) {
        throw new ViewUnavailableException("the schema registry does not answer: " + e.getMessage(), e);
      } catch (RuntimeException e) {
        LOG.warn("Skipping record {} of {}: {}", record.getKey(), topic.name(), e.getClass().getSimpleName());
        continue;
      }
      if (tenantId.equals(tenantOfValue.apply(value))) {
        values.add(value);
      }
    }
    return values;
  }

  private void awaitEnd(Duration timeout) {
    RuntimeException failed = failure;
    if (failed != null) {
      throw new ViewUnavailableException("reading " + topic.name() + " failed: " + failed.getMessage(), failed);
    }
    CompletableFuture<Void> reached = new CompletableFuture<>();
    syncRequests.add(reached);
    consumer.wakeup();
    try {
      reached.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      reached.cancel(false);
      throw new ViewUnavailableException("could not read " + topic.name() + " to its end within "
          + timeout.toMillis() + " ms", e);
    } catch (ExecutionException e) {
      throw new ViewUnavailableException("reading " + topic.name() + " failed: " + e.getCause().getMessage(),
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ViewUnavailableException("interrupted while reading " + topic.name(), e);
    }
  }

  /** End offsets asked for, and who waits for the view to reach them. */
  private record Waiting(Map<TopicPartition, Long> end, List<CompletableFuture<Void>> waiters) {}

  private void run() {
    List<TopicPartition> partitions = List.of();
    List<CompletableFuture<Void>> asking = new ArrayList<>();
    List<Waiting> waiting = new ArrayList<>();
    try {
      while (running) {
        try {
          if (partitions.isEmpty()) {
            partitions = consumer.partitionsFor(topic.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
              Thread.sleep(RETRY.toMillis());
              continue;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
          }
          for (CompletableFuture<Void> request = syncRequests.poll(); request != null; request = syncRequests.poll()) {
            asking.add(request);
          }
          asking.removeIf(CompletableFuture::isDone);
          if (!asking.isEmpty()) {
            waiting.add(new Waiting(consumer.endOffsets(partitions), List.copyOf(asking)));
            asking.clear();
          }
          for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
            apply(record);
          }
          List<TopicPartition> assigned = partitions;
          waiting.removeIf(w -> {
            boolean reached = assigned.stream().allMatch(p -> consumer.position(p) >= w.end().getOrDefault(p, 0L));
            if (reached) {
              w.waiters().forEach(f -> f.complete(null));
            }
            return reached;
          });
        } catch (WakeupException e) {
          // A reader asks for the end offsets, or the view closes.
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
          LOG.warn("Reading {}: {}; trying again", topic.name(), e.getMessage());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure = e;
      LOG.error("Reading {} failed; changes from now on are not seen", topic.name(), e);
      asking.forEach(f -> f.completeExceptionally(e));
      waiting.forEach(w -> w.waiters().forEach(f -> f.completeExceptionally(e)));
      syncRequests.forEach(f -> f.completeExceptionally(e));
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  private void apply(ConsumerRecord<String, byte[]> record) {
    String tenant = ControlKeys.tenantOf(record.key());
    if (tenant == null) {
      return;
    }
    if (record.value() == null) {
      Map<String, byte[]> records = byTenant.get(tenant);
      if (records != null) {
        records.remove(record.key());
      }
    } else {
      byTenant.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>()).put(record.key(), record.value());
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
