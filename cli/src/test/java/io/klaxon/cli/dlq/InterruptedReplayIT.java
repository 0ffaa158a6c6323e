package io.klaxon.cli.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.klaxon.cli.KlaxonCli;
import io.klaxon.embedded.TopicSpec;
import io.klaxon.embedded.junit.BrokerAndRegistryExtension;
import io.klaxon.events.DeadLetter;
import io.klaxon.events.DeadLetterReason;
import io.klaxon.registry.HttpSchemaRegistryClient;
import io.klaxon.serde.SpecificAvroSerializer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A {@code dlq replay} that stopped between writing and recording its position, then run again, on a real broker. */
class InterruptedReplayIT {
  @RegisterExtension
  static final BrokerAndRegistryExtension KAFKA = BrokerAndRegistryExtension.withRegistry();

  private static final String ALERTS = "interrupted-alerts";
  private static final String DLQ = "interrupted-dlq";

  private static DeadLetter letter(String tenant, long offset) {
    return DeadLetter.newBuilder().setReason(DeadLetterReason.UNKNOWN_TENANT).setDetail("unknown " + tenant)
        .setTenantId(tenant).setSourceTopic(ALERTS).setSourcePartition(0).setSourceOffset(offset)
        .setOriginalTimestamp(Instant.parse("2026-11-22T09:00:00Z"))
        .setOriginalKey(ByteBuffer.wrap(tenant.getBytes(StandardCharsets.UTF_8)))
        .setOriginalValue(ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 1, (byte) offset}))
        .setDeadLetteredAt(Instant.parse("2026-11-22T09:00:01Z")).build();
  }

  @Test
  void theNextRunSkipsWhatTheInterruptedRunHadAlreadyReinjected() throws Exception {
    KAFKA.createTopics(TopicSpec.of(ALERTS, 2), TopicSpec.of(DLQ, 2));
    RecordMetadata nobody;
    try (KafkaProducer<String, DeadLetter> producer = new KafkaProducer<>(KAFKA.clientConfig(), new StringSerializer(),
        new SpecificAvroSerializer<>(HttpSchemaRegistryClient.builder(KAFKA.registryUrl()).build(), false, true))) {
      nobody = producer.send(new ProducerRecord<>(DLQ, "nobody", letter("nobody", 7))).get();
      producer.send(new ProducerRecord<>(DLQ, "other", letter("other", 9))).get();
    }
    // The interrupted run: it marked where the alerts topic ended, re-injected nobody's letter, and stopped.
    try (Admin admin = Admin.create(KAFKA.clientConfig())) {
      ReplayPositions.load(admin, DLQ, DeadLetterReason.UNKNOWN_TENANT, null).markWriting(
          Map.of(new TopicPartition(DLQ, 0), 0L, new TopicPartition(DLQ, 1), 0L),
          Map.of(new TopicPartition(ALERTS, 0), 0L, new TopicPartition(ALERTS, 1), 0L));
    }
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KAFKA.clientConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(ALERTS, null, "nobody".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 0, 1, 7},
          new RecordHeaders().add(ReplayMarker.HEADER,
              ReplayMarker.coordinates(DLQ, nobody.partition(), nobody.offset()).getBytes(StandardCharsets.UTF_8)))).get();
    }

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = KlaxonCli.run(new String[] {"dlq", "replay", "--reason", "UNKNOWN_TENANT", "--topic", DLQ,
        "--bootstrap-servers", KAFKA.bootstrapServers(), "--schema-registry-url", KAFKA.registryUrl()},
        new PrintWriter(out), new PrintWriter(err));

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("1 dead letters replayed (1 already replayed)").contains("tenant other)");
    List<String> keys = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KAFKA.clientConfig(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.of(new TopicPartition(ALERTS, 0), new TopicPartition(ALERTS, 1)));
      consumer.seekToBeginning(consumer.assignment());
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          keys.add(new String(record.key(), StandardCharsets.UTF_8));
        }
        return keys.size() >= 2;
      });
      consumer.poll(Duration.ofMillis(500)).forEach(r -> keys.add(new String(r.key(), StandardCharsets.UTF_8)));
    }
    assertThat(keys).containsExactlyInAnyOrder("nobody", "other");
  }
}
