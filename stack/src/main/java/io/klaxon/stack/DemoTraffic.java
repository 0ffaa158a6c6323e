package io.klaxon.stack;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.serde.SpecificAvroSerializer;
import io.klaxon.topics.TopicNames;
import io.klaxon.traffic.GeneratedRecord;
import io.klaxon.traffic.TenantProfile;
import io.klaxon.traffic.TrafficGenerator;
import io.klaxon.traffic.TrafficMix;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Realistic traffic for the demo, at a steady rate: every tenant sends alerts in its own locales,
 * the first TRIAL tenant floods over its limit, a quarter of the alerts repeat while firing, some
 * resolve, and a trickle of poison records exercises the dead-letter queue. Runs on its own thread
 * until {@link #close()}.
 */
final class DemoTraffic implements AutoCloseable {
  private final Thread thread;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong produced = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  @SuppressWarnings("FutureReturnValueIgnored") // The callback handles each send's result.
  DemoTraffic(LocalStack stack, int perSecond, long seed) {
    TrafficMix mix = mix(stack.tenants());
    SpecificAvroSerializer<AlertEvent> serializer = new SpecificAvroSerializer<>(stack.registry(), false, true);
    String topic = TopicNames.DEFAULTS.alerts();
    TrafficGenerator generator = new TrafficGenerator(seed, mix, e -> serializer.serialize(topic, e));
    KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(stack.producerConfig(), new ByteArraySerializer(),
        new ByteArraySerializer());
    thread = Thread.ofPlatform().name("klaxon-demo-traffic").daemon().start(() -> {
      long start = System.nanoTime();
      try (producer) {
        while (running.get()) {
          long due = (System.nanoTime() - start) * perSecond / 1_000_000_000L;
          while (produced.get() < due && running.get()) {
            GeneratedRecord record = generator.next(System.currentTimeMillis());
            producer.send(new ProducerRecord<>(topic, record.key().getBytes(StandardCharsets.UTF_8), record.value()),
                (metadata, error) -> {
                  if (error != null) {
                    failed.incrementAndGet();
                  }
                });
            produced.incrementAndGet();
          }
          Thread.sleep(20);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  static TrafficMix mix(List<TenantConfig> tenants) {
    List<TenantProfile> profiles = new ArrayList<>();
    String storm = null;
    for (TenantConfig tenant : tenants) {
      double weight = switch (tenant.getTier()) {
        case ENTERPRISE -> 3;
        case PROFESSIONAL -> 2;
        case STANDARD, TRIAL -> 1;
      };
      profiles.add(new TenantProfile(tenant.getTenantId(), tenant.getTier(), List.of(tenant.getDefaultLocale()), weight));
      if (storm == null && tenant.getTier() == Tier.TRIAL) {
        storm = tenant.getTenantId();
      }
    }
    TrafficMix mix = new TrafficMix(profiles, 0.25, 0.10, 0.03, TrafficMix.typicalSeverities(), null, 0, 20);
    return storm == null ? mix : mix.withStorm(storm, 0.35);
  }

  long produced() {
    return produced.get();
  }

  long failed() {
    return failed.get();
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join(10_000);
  }
}
