package io.klaxon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.klaxon.embedded.TopicSpec;
import io.klaxon.embedded.junit.BrokerAndRegistryExtension;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertKind;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.Severity;
import io.klaxon.registry.HttpSchemaRegistryClient;
import io.klaxon.serde.SpecificAvroDeserializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code klaxon send} against a real broker and schema registry. */
class SendIT {
  @RegisterExtension
  static final BrokerAndRegistryExtension KAFKA = BrokerAndRegistryExtension.withRegistry();

  private static String newTopic() {
    String topic = "alerts-" + UUID.randomUUID();
    KAFKA.createTopics(TopicSpec.of(topic, 1));
    return topic;
  }

  private static ConsumerRecord<String, AlertEvent> readOne(String topic) {
    List<ConsumerRecord<String, AlertEvent>> records = new ArrayList<>();
    try (KafkaConsumer<String, AlertEvent> consumer = new KafkaConsumer<>(KAFKA.clientConfig(), new StringDeserializer(),
        new SpecificAvroDeserializer<>(HttpSchemaRegistryClient.builder(KAFKA.registryUrl()).build(), AlertEvent.class))) {
      consumer.assign(List.of(new TopicPartition(topic, 0)));
      consumer.seekToBeginning(consumer.assignment());
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return !records.isEmpty();
      });
    }
    assertThat(records).hasSize(1);
    return records.get(0);
  }

  @Test
  void sendsAnEventBuiltFromFlags() {
    String topic = newTopic();
    Instant before = Instant.now();

    CliRun run = CliRun.of("send", "--bootstrap-servers", KAFKA.bootstrapServers(), "--schema-registry-url", KAFKA.registryUrl(),
        "--topic", topic, "--tenant", "acme", "--severity", "critical", "--kind", "warning", "--source", "checkout",
        "--title", "Payments failing", "--message", "5xx above 20%", "--label", "env=prod", "--label", "service=payments",
        "--fingerprint", "fp-1", "--locale", "fr", "--link", "https://runbooks.example/pay|Runbook",
        "--link", "https://grafana.example/d/pay");

    assertThat(run.code()).as(run.err()).isZero();
    ConsumerRecord<String, AlertEvent> record = readOne(topic);
    AlertEvent event = record.value();
    assertThat(run.out()).contains("sent event " + event.getEventId() + " -> " + topic + "-0@0");
    assertThat(record.key()).isEqualTo("acme");
    assertThat(UUID.fromString(event.getEventId()).toString()).isEqualTo(event.getEventId());
    assertThat(event.getOccurredAt()).isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    assertThat(event.getSeverity()).isEqualTo(Severity.CRITICAL);
    assertThat(event.getKind()).isEqualTo(AlertKind.WARNING);
    assertThat(event.getStatus()).isEqualTo(AlertStatus.FIRING);
    assertThat(event.getLabels()).containsEntry("env", "prod").containsEntry("service", "payments");
    assertThat(event.getLinks()).extracting(l -> l.getUrl() + " " + l.getText())
        .containsExactly("https://runbooks.example/pay Runbook", "https://grafana.example/d/pay null");
    assertThat(event.getFingerprint()).isEqualTo("fp-1");
    assertThat(event.getLocale()).isEqualTo("fr");
  }

  @Test
  void sendsAnEventReadFromJson() throws Exception {
    String topic = newTopic();
    Path json = Files.createTempFile(Path.of("target"), "event", ".json");
    Files.writeString(json, """
        {"eventId": "11111111-2222-3333-4444-555555555555", "tenantId": "globex", "status": "RESOLVED",
         "severity": "HIGH", "source": "db", "title": "Replica lag", "occurredAt": "2026-11-22T09:00:00Z"}
        """);

    CliRun run = CliRun.of("send", "--bootstrap-servers", KAFKA.bootstrapServers(), "--schema-registry-url", KAFKA.registryUrl(),
        "--topic", topic, "--json", json.toString());

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("sent event 11111111-2222-3333-4444-555555555555 -> " + topic + "-0@0");
    AlertEvent event = readOne(topic).value();
    assertThat(event.getStatus()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(event.getOccurredAt()).isEqualTo(Instant.parse("2026-11-22T09:00:00Z"));
  }
}
