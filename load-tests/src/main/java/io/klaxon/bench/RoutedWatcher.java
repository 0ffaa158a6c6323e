package io.klaxon.bench;

import io.klaxon.topics.TopicNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads what the topology writes, as a downstream consumer would ({@code read_committed}, so under
 * exactly-once only committed output counts): the notifications topic, whose records keep the
 * timestamp of the alert that caused them, so {@code now - timestamp} is produce → routed latency;
 * and the dead-letter topic, which is only counted. Latency is kept apart for the storm tenant and
 * everyone else (records are keyed by tenant id).
 */
public final class RoutedWatcher implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;
  private final LongAdder notifications = new LongAdder();
  private final LongAdder stormNotifications = new LongAdder();
  private final LongAdder deadLetters = new LongAdder();
  private final LatencyRecorder othersLatency = new LatencyRecorder();
  private final LatencyRecorder stormLatency = new LatencyRecorder();

  public RoutedWatcher(String bootstrapServers) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "klaxon-bench-watcher");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
    consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(List.of(TopicNames.DEFAULTS.notifications(), TopicNames.DEFAULTS.alertsDlq()));
    thread = Thread.ofPlatform().name("bench-routed-watcher").daemon().start(this::loop);
  }

  /** Waits until the consumer has its partitions, so nothing produced afterwards is missed. */
  public void awaitAssignment(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!assigned && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    if (!assigned) {
      throw new IllegalStateException("the latency consumer got no partitions within " + timeout);
    }
  }

  private volatile boolean assigned;

  private void loop() {
    try {
      while (running.get()) {
        var records = consumer.poll(Duration.ofMillis(50));
        if (!consumer.assignment().isEmpty()) {
          assigned = true;
        }
        long now = System.currentTimeMillis();
        for (ConsumerRecord<byte[], byte[]> record : records) {
          if (record.topic().equals(TopicNames.DEFAULTS.alertsDlq())) {
            deadLetters.increment();
            continue;
          }
          boolean storm = record.key() != null
              && BenchTenants.STORM_TENANT.equals(new String(record.key(), StandardCharsets.UTF_8));
          (storm ? stormNotifications : notifications).increment();
          (storm ? stormLatency : othersLatency).recordNanos((now - record.timestamp()) * 1_000_000L);
        }
      }
    } catch (org.apache.kafka.common.errors.WakeupException e) {
      // Closing.
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  /** Notifications routed for every tenant but the storm tenant. */
  public long notifications() {
    return notifications.sum();
  }

  public long stormNotifications() {
    return stormNotifications.sum();
  }

  public long deadLetters() {
    return deadLetters.sum();
  }

  /** produce → routed for every tenant but the storm tenant. */
  public LatencyRecorder othersLatency() {
    return othersLatency;
  }

  public LatencyRecorder stormLatency() {
    return stormLatency;
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    consumer.wakeup();
    thread.join(Duration.ofSeconds(10));
  }
}
