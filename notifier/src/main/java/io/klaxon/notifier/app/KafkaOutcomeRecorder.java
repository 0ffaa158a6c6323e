package io.klaxon.notifier.app;

import io.klaxon.events.DeadLetter;
import io.klaxon.events.DeliveryReceipt;
import io.klaxon.events.FailedNotification;
import io.klaxon.notifier.delivery.OutcomeRecorder;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.serde.SpecificAvroSerializer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes receipts and dead letters to their topics, keyed by tenant id (a dead letter of an
 * undecodable record by the record's own key), in the Confluent wire format. Each future completes when the broker acknowledged the record (the producer runs with
 * acks=all and idempotence), or fails with the serialization or send error. Thread-safe.
 */
public final class KafkaOutcomeRecorder implements OutcomeRecorder {
  private final Producer<String, byte[]> producer;
  private final String deliveriesTopic;
  private final String dlqTopic;
  private final String undecodableTopic;
  private final SpecificAvroSerializer<DeliveryReceipt> receipts;
  private final SpecificAvroSerializer<FailedNotification> deadLetters;
  private final SpecificAvroSerializer<DeadLetter> undecodable;

  /**
   * @param dlqTopic where notifications that will not be delivered go ({@code FailedNotification})
   * @param undecodableTopic where input records that cannot be read go ({@code DeadLetter}): the
   *     alerts DLQ, whose contract holds original bytes and {@code dlq replay} re-injects them
   */
  public KafkaOutcomeRecorder(Producer<String, byte[]> producer, SchemaRegistry registry, String deliveriesTopic,
      String dlqTopic, String undecodableTopic) {
    this.producer = producer;
    this.deliveriesTopic = deliveriesTopic;
    this.dlqTopic = dlqTopic;
    this.undecodableTopic = undecodableTopic;
    this.receipts = new SpecificAvroSerializer<>(registry, false, true);
    this.deadLetters = new SpecificAvroSerializer<>(registry, false, true);
    this.undecodable = new SpecificAvroSerializer<>(registry, false, true);
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

  @Override
  public CompletableFuture<?> undecodable(DeadLetter letter) {
    String key = letter.getOriginalKey() == null ? null
        : StandardCharsets.UTF_8.decode(letter.getOriginalKey().duplicate()).toString();
    return send(() -> new ProducerRecord<>(undecodableTopic, key, undecodable.serialize(undecodableTopic, letter)));
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
