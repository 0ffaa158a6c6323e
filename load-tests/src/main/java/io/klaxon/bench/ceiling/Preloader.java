package io.klaxon.bench.ceiling;

import io.klaxon.events.AlertEvent;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.serde.SpecificAvroSerializer;
import io.klaxon.streams.dedup.Fingerprints;
import io.klaxon.traffic.GeneratedRecord;
import io.klaxon.traffic.TrafficGenerator;
import io.klaxon.traffic.TrafficMix;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes a fixed number of generated alerts (the realistic mix, Klaxon's serializer and the real
 * registry) to a topic as fast as the broker takes them, before anything reads them. Every alert
 * that decodes carries its dedup fingerprint ({@link Fingerprints}, 32 bytes) in the {@link
 * SkeletonTopology#FINGERPRINT_HEADER} header, so the skeleton keys its second store as Klaxon
 * keys its dedup store. Not thread-safe.
 */
final class Preloader {
  private final Map<String, Object> producerConfig;
  private final SchemaRegistry registry;
  private final String topic;

  /**
   * What was written.
   *
   * @param sent records handed to the producer
   * @param acked records the broker acknowledged
   * @param failed records the producer could not write
   * @param poison records built to be dead-lettered
   * @param distinctFingerprints distinct (tenant, fingerprint) pairs among the alerts that decode
   * @param valueBytes the records' value bytes, all together
   * @param seconds from the first send to the last acknowledgement
   */
  record Written(long sent, long acked, long failed, long poison, long distinctFingerprints, long valueBytes,
      double seconds) {}

  /**
   * @param producerConfig the producer's configuration (bootstrap servers included)
   * @param registry where the serializer registers and looks up the alert schema
   * @param topic the alerts topic
   */
  Preloader(Map<String, Object> producerConfig, SchemaRegistry registry, String topic) {
    this.producerConfig = Map.copyOf(producerConfig);
    this.registry = registry;
    this.topic = topic;
  }

  /** Writes {@code count} records of {@code mix} (seeded), reporting progress every second. */
  @SuppressWarnings("FutureReturnValueIgnored") // Closing the producer sends them all; the run counts what the topology drained.
  Written write(long count, long seed, TrafficMix mix, Consumer<String> progress) throws InterruptedException {
    SpecificAvroSerializer<AlertEvent> serializer = new SpecificAvroSerializer<>(registry, false, true);
    AlertEvent[] last = new AlertEvent[1];
    TrafficGenerator generator = new TrafficGenerator(seed, mix, event -> {
      last[0] = event;
      return serializer.serialize(topic, event);
    });
    LongAdder acked = new LongAdder();
    LongAdder failed = new LongAdder();
    Set<String> fingerprints = new HashSet<>();
    long poison = 0;
    long valueBytes = 0;
    long start = System.nanoTime();
    long lastReport = start;
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(),
        new ByteArraySerializer())) {
      for (long i = 0; i < count; i++) {
        GeneratedRecord record = generator.next(System.currentTimeMillis());
        RecordHeaders headers = new RecordHeaders();
        if (record.kind().poison()) {
          poison++;
        } else {
          String fingerprint = Fingerprints.of(last[0]);
          fingerprints.add(record.tenantId() + "/" + fingerprint);
          headers.add(SkeletonTopology.fingerprintHeader(fingerprint));
        }
        valueBytes += record.value().length;
        producer.send(new ProducerRecord<>(topic, null, System.currentTimeMillis(),
            record.key().getBytes(StandardCharsets.UTF_8), record.value(), headers),
            (metadata, error) -> (error == null ? acked : failed).increment());
        if (System.nanoTime() - lastReport > 1_000_000_000L) {
          lastReport = System.nanoTime();
          progress.accept(String.format(Locale.ROOT, "preloading: %,d / %,d written, %,d acknowledged", i + 1, count,
              acked.sum()));
        }
        if (Thread.interrupted()) {
          throw new InterruptedException("preloading interrupted");
        }
      }
      producer.flush();
    }
    return new Written(count, acked.sum(), failed.sum(), poison, fingerprints.size(), valueBytes,
        (System.nanoTime() - start) / 1e9);
  }
}
