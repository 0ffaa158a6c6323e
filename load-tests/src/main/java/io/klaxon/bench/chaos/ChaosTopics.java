package io.klaxon.bench.chaos;

import io.klaxon.bench.LoadDriver;
import io.klaxon.events.DeadLetter;
import io.klaxon.events.DeliveryReceipt;
import io.klaxon.events.FailedNotification;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.Outcome;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.serde.SpecificAvroDeserializer;
import io.klaxon.topics.TopicNames;
import io.klaxon.traffic.TrafficKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the pipeline's topics whole for the {@link Verifier}, each with a consumer of its own that
 * belongs to no group and reads {@code read_committed} (what a transaction aborted, the verifier never
 * sees), from the beginning to the end offsets found when it starts. Values are decoded with
 * Klaxon's Avro contracts through the registry; nothing of the Streams app or the notifier runs here.
 */
public final class ChaosTopics {
  private final String bootstrapServers;
  private final SchemaRegistry registry;
  private final TopicNames names;

  public ChaosTopics(String bootstrapServers, SchemaRegistry registry, TopicNames names) {
    this.bootstrapServers = bootstrapServers;
    this.registry = registry;
    this.names = names;
  }

  /**
   * Everything the verifier needs. A notification may still be emitted while the topics are read (a
   * punctuation, a task that moves), so they are read in the order their facts happen, backwards:
   * receipts and the notifier's dead letters first, then the requests, then the receivers'
   * {@code arrivals}. A receipt read then has its request (emitted before it) and its arrival (a
   * receiver takes a delivery before it answers, and the receipt is written after the answer).
   * What is left open is the moment between reading the requests and asking for the arrivals.
   */
  public Verifier.Facts facts(long acknowledged, Supplier<Map<String, Integer>> arrivals) {
    List<Verifier.Poison> poison = new ArrayList<>();
    List<Verifier.Input> inputs = read(names.alerts(), (record, bytes) -> {
      Header kind = record.headers().lastHeader(LoadDriver.KIND_HEADER);
      if (kind != null) {
        TrafficKind marked = TrafficKind.valueOf(new String(kind.value(), StandardCharsets.UTF_8));
        poison.add(new Verifier.Poison(record.partition(), record.offset(), marked.name(), marked.expectedReason()));
      }
      return new Verifier.Input(record.partition(), record.offset());
    });
    SpecificAvroDeserializer<Outcome> outcomes = new SpecificAvroDeserializer<>(registry, Outcome.class);
    List<Verifier.AuditedOutcome> audited = read(names.outcomes(), (record, bytes) -> {
      Outcome outcome = outcomes.deserialize(names.outcomes(), bytes);
      return new Verifier.AuditedOutcome(outcome.getSourcePartition(), outcome.getSourceOffset(),
          outcome.getOutcome().name(), outcome.getReason(), List.copyOf(outcome.getNotificationIds()));
    });
    SpecificAvroDeserializer<DeadLetter> letters = new SpecificAvroDeserializer<>(registry, DeadLetter.class);
    List<Verifier.DeadLetterRef> deadLetters = read(names.alertsDlq(), (record, bytes) -> {
      DeadLetter letter = letters.deserialize(names.alertsDlq(), bytes);
      return new Verifier.DeadLetterRef(letter.getSourcePartition(), letter.getSourceOffset(), letter.getReason().name());
    });
    SpecificAvroDeserializer<DeliveryReceipt> receipts = new SpecificAvroDeserializer<>(registry, DeliveryReceipt.class);
    List<Verifier.Receipt> receipted = read(names.deliveries(), (record, bytes) -> {
      DeliveryReceipt receipt = receipts.deserialize(names.deliveries(), bytes);
      return new Verifier.Receipt(receipt.getNotificationId(), receipt.getOutcome().name(),
          receipt.getDetail() == null ? null : receipt.getDetail().toString());
    });
    SpecificAvroDeserializer<FailedNotification> failures = new SpecificAvroDeserializer<>(registry, FailedNotification.class);
    List<Verifier.FailedRef> failed = read(names.notificationsDlq(), (record, bytes) -> {
      FailedNotification failure = failures.deserialize(names.notificationsDlq(), bytes);
      return new Verifier.FailedRef(failure.getRequest().getNotificationId(), failure.getFailure());
    });
    SpecificAvroDeserializer<NotificationRequest> requests = new SpecificAvroDeserializer<>(registry, NotificationRequest.class);
    List<Verifier.Notification> notifications = read(names.notifications(), (record, bytes) -> {
      NotificationRequest request = requests.deserialize(names.notifications(), bytes);
      return new Verifier.Notification(request.getNotificationId(), request.getType().name());
    });
    return new Verifier.Facts(acknowledged, inputs, poison, audited, notifications, deadLetters, receipted, failed,
        arrivals.get());
  }

  /** Every committed record of {@code topic} up to its end offsets now, mapped by {@code map}. */
  <T> List<T> read(String topic, BiFunction<ConsumerRecord<byte[], byte[]>, byte[], T> map) {
    Deserializer<byte[]> bytes = new ByteArrayDeserializer();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.CLIENT_ID_CONFIG, "klaxon-chaos-verifier-" + UUID.randomUUID(),
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), bytes, bytes)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      List<T> out = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end offsets " + end + " in 5 minutes");
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.offset() < end.get(new TopicPartition(topic, record.partition()))) {
            out.add(map.apply(record, record.value()));
          }
        }
      }
      return out;
    }
  }
}
