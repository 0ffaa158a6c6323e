package io.klaxon.notifier.app;

import io.klaxon.events.DeadLetter;
import io.klaxon.events.DeliveryReceipt;
import io.klaxon.events.FailedNotification;
import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.delivery.OutcomeRecorder;
import io.klaxon.privacy.Keyring;
import io.klaxon.privacy.Sealer;
import io.klaxon.privacy.Sealers;
import io.klaxon.topics.KlaxonTopics;
import io.klaxon.topics.Topic;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes receipts and dead letters to their topics, keyed by tenant id (a dead letter of an
 * undecodable record by the record's own key), with the topics' serdes (the Confluent wire format). Each future completes when the broker acknowledged the record (the
 * producer runs with acks=all and idempotence), or fails with the serialization or send error.
 * Thread-safe.
 */
public final class KafkaOutcomeRecorder implements OutcomeRecorder {
  private final Producer<byte[], byte[]> producer;
  private final Topic<String, DeliveryReceipt> deliveries;
  private final Topic<String, FailedNotification> deadLetters;
  private final Topic<String, DeadLetter> undecodable;
  private final Keyring keyring;
  private final Sealer<DeliveryReceipt> receipts;
  private final Sealer<NotificationRequest> requests;

  /**
   * @param producer a byte producer (not owned); records are serialized here so that a
   *     serialization failure fails the one future, not the producer
   * @param deadLetters where notifications that will not be delivered go
   * @param undecodable where input records that cannot be read go: the alerts DLQ, whose contract
   *     holds the original bytes and which {@code klaxon dlq replay} re-injects from
   */
  public KafkaOutcomeRecorder(Producer<byte[], byte[]> producer, Topic<String, DeliveryReceipt> deliveries,
      Topic<String, FailedNotification> deadLetters, Topic<String, DeadLetter> undecodable) {
    this.producer = producer;
    this.deliveries = deliveries;
    this.deadLetters = deadLetters;
    this.undecodable = undecodable;
    this.keyring = Keyring.none();
    this.receipts = null;
    this.requests = null;
  }

  /**
   * Seals what it writes for a tenant that has a data key: each receipt, and the notification a
   * dead letter carries.
   */
  public KafkaOutcomeRecorder(Producer<byte[], byte[]> producer, KlaxonTopics topics, Keyring keyring) {
    this.producer = producer;
    this.deliveries = topics.deliveries();
    this.deadLetters = topics.notificationsDlq();
    this.undecodable = topics.alertsDlq();
    this.keyring = keyring;
    this.receipts = Sealers.receipts(topics);
    this.requests = Sealers.notifications(topics);
  }

  @Override
  public CompletableFuture<?> receipt(DeliveryReceipt receipt) {
    return send(() -> record(deliveries, receipt.getTenantId(), receipts == null ? receipt : receipts.seal(receipt, keyring)));
  }

  @Override
  public CompletableFuture<?> deadLetter(String tenantId, FailedNotification failed) {
    return send(() -> record(deadLetters, tenantId, requests == null ? failed
        : FailedNotification.newBuilder(failed).setRequest(requests.seal(failed.getRequest(), keyring)).build()));
  }

  @Override
  public CompletableFuture<?> undecodable(DeadLetter letter) {
    String key = letter.getOriginalKey() == null ? null
        : StandardCharsets.UTF_8.decode(letter.getOriginalKey().duplicate()).toString();
    return send(() -> record(undecodable, key, letter));
  }

  private static <V> ProducerRecord<byte[], byte[]> record(Topic<String, V> topic, String key, V value) {
    return new ProducerRecord<>(topic.name(), topic.keySerde().serializer().serialize(topic.name(), key),
        topic.valueSerde().serializer().serialize(topic.name(), value));
  }

  @SuppressWarnings("FutureReturnValueIgnored") // The callback completes the returned future either way.
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
