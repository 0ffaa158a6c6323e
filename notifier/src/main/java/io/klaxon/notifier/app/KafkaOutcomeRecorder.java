package io.klaxon.notifier.app;

import io.klaxon.events.DeliveryReceipt;
import io.klaxon.events.FailedNotification;
import io.klaxon.notifier.delivery.OutcomeRecorder;
import io.klaxon.topics.Topic;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes receipts and dead letters to their topics, keyed by tenant id, with the topics' serdes
 * (the Confluent wire format). Each future completes when the broker acknowledged the record (the
 * producer runs with acks=all and idempotence), or fails with the serialization or send error.
 * Thread-safe.
 */
public final class KafkaOutcomeRecorder implements OutcomeRecorder {
  private final Producer<byte[], byte[]> producer;
  private final Topic<String, DeliveryReceipt> deliveries;
  private final Topic<String, FailedNotification> deadLetters;

  /**
   * @param producer a byte producer (not owned); records are serialized here so that a
   *     serialization failure fails the one future, not the producer
   */
  public KafkaOutcomeRecorder(Producer<byte[], byte[]> producer, Topic<String, DeliveryReceipt> deliveries,
      Topic<String, FailedNotification> deadLetters) {
    this.producer = producer;
    this.deliveries = deliveries;
    this.deadLetters = deadLetters;
  }

  @Override
  public CompletableFuture<?> receipt(DeliveryReceipt receipt) {
    return send(() -> record(deliveries, receipt.getTenantId(), receipt));
  }

  @Override
  public CompletableFuture<?> deadLetter(String tenantId, FailedNotification failed) {
    return send(() -> record(deadLetters, tenantId, failed));
  }

  private static <V> ProducerRecord<byte[], byte[]> record(Topic<String, V> topic, String key, V value) {
    return new ProducerRecord<>(topic.name(), topic.keySerde().serializer().serialize(topic.name(), key),
        topic.valueSerde().serializer().serialize(topic.name(), value));
  }

  private CompletableFuture<?> send(Supplier<ProducerRecord<byte[], byte[]>> record) {
    CompletableFuture<Void> acked = new CompletableFuture<>();
    try {
      producer.send(record.get(), (metadata, error) -> {
        if (error != null) {
          acked.completeExceptionally(error);
        } else {
          acked.complete(null);
        }
      });
    } catch (RuntimeException e) {
      acked.completeExceptionally(e);
    }
    return acked;
  }
}
