package io.klaxon.launcher.parts;

import io.klaxon.events.ChannelTarget;
import io.klaxon.events.TenantConfig;
import io.klaxon.ops.ClusterSettings;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.registry.SchemaRegistryUnavailableException;
import io.klaxon.serde.SpecificAvroDeserializer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the tenants topic from its beginning, and then as tenants are applied, and reports every
 * webhook target it finds as (URL path, secret reference), so the local webhook receiver can check
 * the signatures of tenants applied while the stack runs. It reads without a consumer group (it
 * commits nothing and starts over on every start). A tenant record that does not decode is logged
 * and skipped; a registry that does not answer is waited for. Tombstones are ignored (a deleted
 * tenant's secret does no harm). {@link #caughtUp()} turns true once everything written before the
 * start has been read. {@link #close()} stops the reading thread.
 */
final class TenantWebhookFollower implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TenantWebhookFollower.class);
  private static final Duration REGISTRY_RETRY = Duration.ofSeconds(1);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String topic;
  private final SpecificAvroDeserializer<TenantConfig> deserializer;
  private final BiConsumer<String, String> webhookTarget;
  private final Thread thread;
  private volatile boolean caughtUp;
  private volatile boolean running = true;

  private TenantWebhookFollower(ClusterSettings cluster, SchemaRegistry registry, BiConsumer<String, String> webhookTarget) {
    this.consumer = new KafkaConsumer<>(cluster.clientProperties(Map.of(
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.topic = cluster.topics().tenants();
    this.deserializer = new SpecificAvroDeserializer<>(registry, TenantConfig.class);
    this.webhookTarget = Objects.requireNonNull(webhookTarget, "webhookTarget");
    this.thread = Thread.ofPlatform().name("stand-ins-tenant-follower").daemon().unstarted(this::run);
  }

  /**
   * Starts reading.
   *
   * @param webhookTarget called with (URL path, secret reference) for every webhook target, on the
   *     reading thread
   */
  static TenantWebhookFollower start(ClusterSettings cluster, SchemaRegistry registry,
      BiConsumer<String, String> webhookTarget) {
    TenantWebhookFollower follower = new TenantWebhookFollower(cluster, registry, webhookTarget);
    follower.thread.start();
    return follower;
  }

  /** Whether every tenant record written before the start has been read. */
  boolean caughtUp() {
    return caughtUp;
  }

  private void run() {
    try {
      List<TopicPartition> partitions = partitions();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (running) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          read(record);
        }
        if (!caughtUp && partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p))) {
          caughtUp = true;
        }
      }
    } catch (WakeupException e) {
      // Closing.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("Reading the tenants topic {} failed; tenants applied from now on are not known to the webhook stand-in",
          topic, e);
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  private List<TopicPartition> partitions() throws InterruptedException {
    while (running) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      if (!partitions.isEmpty()) {
        return partitions;
      }
      Thread.sleep(REGISTRY_RETRY.toMillis());
    }
    throw new WakeupException();
  }

  private void read(ConsumerRecord<byte[], byte[]> record) throws InterruptedException {
    if (record.value() == null) {
      return;
    }
    while (running) {
      try {
        TenantConfig tenant = deserializer.deserialize(record.topic(), record.value());
        for (ChannelTarget target : tenant.getTargets()) {
          if (target.getWebhook() != null) {
            webhookTarget.accept(URI.create(target.getWebhook().getUrl()).getPath(), target.getWebhook().getSecretRef());
          }
        }
        return;
      } catch (SchemaRegistryUnavailableException e) {
        // An outage, not bad data: read the same record again once the registry answers.
        Thread.sleep(REGISTRY_RETRY.toMillis());
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
