package io.klaxon.launcher;

import io.klaxon.events.TenantConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes tenants to a deployment's tenants topic, keyed by tenant id and stamped {@code
 * updatedAt} now, each acknowledged by the broker ({@code acks=all}) before the next. Stateless.
 */
public final class TenantPublisher {
  private TenantPublisher() {}

  /**
   * Publishes {@code tenants} with {@code values} (which decides the writer schema).
   *
   * @throws IllegalStateException when the broker does not acknowledge a tenant within 30 s
   */
  public static void publish(String bootstrapServers, String topic, Serializer<TenantConfig> values,
      List<TenantConfig> tenants) throws InterruptedException {
    Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, TenantConfig> producer = new KafkaProducer<>(config, new StringSerializer(), values)) {
      for (TenantConfig tenant : tenants) {
        producer.send(new ProducerRecord<>(topic, tenant.getTenantId(),
            TenantConfig.newBuilder(tenant).setUpdatedAt(Instant.now()).build())).get(30, TimeUnit.SECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("publishing tenants to " + topic + " failed: " + e, e);
    }
  }
}
