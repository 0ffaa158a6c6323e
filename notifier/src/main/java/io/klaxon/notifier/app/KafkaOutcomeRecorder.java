package io.klaxon.notifier.app;

import io.klaxon.events.DeliveryReceipt;
import io.klaxon.events.FailedNotification;
import io.klaxon.notifier.delivery.OutcomeRecorder;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.serde.SpecificAvroSerializer;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes receipts and dead letters to their topics, keyed by tenant id, in the Confluent wire
 * format. Each future completes when the broker acknowledged the record (the producer runs with
 * acks=all and idempotence), or fails with the serialization or send error. Thread-safe.
 */
public final class KafkaOutcomeRecorder implements OutcomeRecorder {
  private final Producer<String, byte[]> producer;
  private final String deliveriesTopic;
  private final String dlqTopic;
  private final SpecificAvroSerializer<DeliveryReceipt> receipts;
  private final SpecificAvroSerializer<FailedNotification> deadLetters;

  public KafkaOutcomeRecorder(Producer<String, byte[]> producer, SchemaRegistry registry, String deliveriesTopic,
      String dlqTopic) {
    this.producer = producer;
    this.deliveriesTopic = deliveriesTopic;
    this.dlqTopic = dlqTopic;
    this.receipts = new SpecificAvroSerializer<>(registry, false, true);
    this.deadLetters = new SpecificAvroSerializer<>(registry, false, true);
  }

  @Override
  public CompletableFuture<?> receipt(DeliveryReceipt receipt) {
    return send(() -> new ProducerRecord<>(deliveriesTopic, receipt.getTenantId(),
        receipts.serialize(deliveriesTopic, receipt)));
  }

  @Override
  public CompletableFuture<?> deadLetter(String tenantId, FailedNotification failed) {
    return send(() -> new ProducerRecord<>(dlqTopic, tenantId, deadLetters.serialize(dlqTopic, failed)));
  }

  private CompletableFuture<?> send(java.util.function.Supplier<ProducerRecord<String, byte[]>> record) {
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
