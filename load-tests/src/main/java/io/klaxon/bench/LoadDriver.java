package io.klaxon.bench;

import io.klaxon.bench.ceiling.SkeletonTopology;
import io.klaxon.events.AlertEvent;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.serde.SpecificAvroSerializer;
import io.klaxon.streams.dedup.Fingerprints;
import io.klaxon.traffic.GeneratedRecord;
import io.klaxon.traffic.TrafficGenerator;
import io.klaxon.traffic.TrafficKind;
import io.klaxon.traffic.TrafficMix;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces generated alerts (Klaxon's serializer, the real registry, Confluent wire format) to the
 * alerts topic at a target rate, on its own thread. Each record's timestamp and its event's
 * {@code occurredAt} are the moment it was generated, just before sending, so latency downstream is
 * measured from there. When the producer cannot keep up, sends block and the achieved rate is lower
 * than the target: {@link #sent()} says what was achieved. Counts records per kind and broker
 * acknowledgements. A driver for the skeleton ({@link SkeletonTopology}) also puts each alert's dedup
 * fingerprint in its {@link SkeletonTopology#FINGERPRINT_HEADER} header, so that the skeleton keys its
 * second store as Klaxon keys its dedup store.
 */
public final class LoadDriver implements AutoCloseable {
  /**
   * Header naming the {@link TrafficKind} of a poison record, so that a verifier reading the topic
   * knows which dead-letter reason the record must get; other records carry no header.
   */
  public static final String KIND_HEADER = "klaxon-bench-kind";

  private final KafkaProducer<byte[], byte[]> producer;
  private final TrafficGenerator generator;
  private final String topic;
  private final boolean fingerprintHeaders;
  /** The event the generator serialized last (only the loop's thread touches it). */
  private AlertEvent lastEvent;
  private final AtomicLong sent = new AtomicLong();
  private final LongAdder acked = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final Map<TrafficKind, LongAdder> byKind = new EnumMap<>(TrafficKind.class);
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile double perSecond;
  private Thread thread;

  public LoadDriver(String bootstrapServers, SchemaRegistry registry, String topic, long seed, TrafficMix mix) {
    this(bootstrapServers, registry, topic, seed, mix, false);
  }

  /** @param fingerprintHeaders whether each alert that decodes carries its fingerprint header (for the skeleton) */
  public LoadDriver(String bootstrapServers, SchemaRegistry registry, String topic, long seed, TrafficMix mix,
      boolean fingerprintHeaders) {
    this.producer = new KafkaProducer<>(producerConfig(bootstrapServers), new ByteArraySerializer(),
        new ByteArraySerializer());
    SpecificAvroSerializer<AlertEvent> serializer = new SpecificAvroSerializer<>(registry, false, true);
    this.generator = new TrafficGenerator(seed, mix, e -> {
      lastEvent = e;
      return serializer.serialize(topic, e);
    });
    this.topic = topic;
    this.fingerprintHeaders = fingerprintHeaders;
    for (TrafficKind kind : TrafficKind.values()) {
      byKind.put(kind, new LongAdder());
    }
  }

  /**
   * How the harness produces alerts, as a careful producer service would: every record acknowledged
   * by all replicas, idempotent, lz4-compressed batches of up to 128 KiB that wait at most 2 ms.
   */
  public static Map<String, Object> producerConfig(String bootstrapServers) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return config;
  }

  /** Starts sending at {@code perSecond} records a second (0 pauses); {@link #rate} changes it. */
  public synchronized void start(double perSecond) {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    this.perSecond = perSecond;
    running.set(true);
    thread = Thread.ofPlatform().name("bench-load-" + topic).daemon().start(this::loop);
  }

  /** Changes the target rate from now on. */
  public void rate(double newPerSecond) {
    this.perSecond = newPerSecond;
  }

  @SuppressWarnings("FutureReturnValueIgnored") // The callback counts each send as acknowledged or failed.
  private void loop() {
    long windowStart = System.nanoTime();
    long sentAtWindowStart = 0;
    double windowRate = perSecond;
    while (running.get()) {
      if (perSecond != windowRate) {
        windowStart = System.nanoTime();
        sentAtWindowStart = sent.get();
        windowRate = perSecond;
      }
      long due = sentAtWindowStart + (long) ((System.nanoTime() - windowStart) / 1e9 * windowRate);
      if (sent.get() >= due) {
        sleepBriefly();
        continue;
      }
      long now = System.currentTimeMillis();
      GeneratedRecord record = generator.next(now);
      byKind.get(record.kind()).increment();
      ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(topic, null, now,
          record.key().getBytes(StandardCharsets.UTF_8), record.value());
      if (record.kind().poison()) {
        out.headers().add(KIND_HEADER, record.kind().name().getBytes(StandardCharsets.UTF_8));
      } else if (fingerprintHeaders) {
        out.headers().add(SkeletonTopology.fingerprintHeader(Fingerprints.of(lastEvent)));
      }
      producer.send(out, (metadata, error) -> (error == null ? acked : failed).increment());
      sent.incrementAndGet();
    }
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Records handed to the producer so far. */
  public long sent() {
    return sent.get();
  }

  /** Records the broker acknowledged. */
  public long acked() {
    return acked.sum();
  }

  /** Records the producer failed to send. */
  public long failed() {
    return failed.sum();
  }

  /** Records of one kind sent so far. */
  public long sent(TrafficKind kind) {
    return byKind.get(kind).sum();
  }

  /** Records of a poison kind sent so far. */
  public long poisonSent() {
    return byKind.entrySet().stream().filter(e -> e.getKey().poison()).mapToLong(e -> e.getValue().sum()).sum();
  }

  /** Stops sending and waits until every sent record is acknowledged or failed. */
  public void stop() throws InterruptedException {
    running.set(false);
    Thread t = thread;
    if (t != null) {
      t.join(Duration.ofSeconds(30));
    }
    producer.flush();
  }

  @Override
  public void close() throws InterruptedException {
    stop();
    producer.close(Duration.ofSeconds(10));
  }
}
