package io.klaxon.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klaxon.embedded.junit.BrokerAndRegistryExtension;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertKind;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.Link;
import io.klaxon.events.Severity;
import io.klaxon.registry.HttpSchemaRegistryClient;
import io.klaxon.serde.SpecificAvroDeserializer;
import io.klaxon.serde.SpecificAvroSerializer;
import io.klaxon.serde.WireFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Klaxon's wire format against independent clients: kafkajs with Confluent's official
 * {@code @confluentinc/schemaregistry} Avro serde (src/test/node), a real broker, and the
 * embedded registry over HTTP. Events go both ways and are compared field by field.
 */
class JavaScriptInteropIT {
  private static final Path NODE_DIR = Path.of("src/test/node");
  private static final Path WORK = Path.of("target/interop");
  private static final int COUNT = 24;
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final BrokerAndRegistryExtension KAFKA = BrokerAndRegistryExtension.withRegistry();

  private static HttpSchemaRegistryClient client;

  @BeforeAll
  static void start() throws IOException {
    assertThat(NODE_DIR.resolve("node_modules/@confluentinc/schemaregistry"))
        .as("Node packages of the interoperability test; ./klaxon test installs them (npm ci in %s)", NODE_DIR)
        .exists();
    Files.createDirectories(WORK);
    client = KAFKA.registryClient();
    KAFKA.createTopics(TopicSpec.of("interop.js-to-java", 3), TopicSpec.of("interop.java-to-js", 3));
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
  }

  @Test
  void javaDecodesEveryEventTheJavaScriptClientProduced() throws Exception {
    Path schemaFile = WORK.resolve("AlertEvent.avsc");
    Files.writeString(schemaFile, AlertEvent.getClassSchema().toString());
    Path produced = WORK.resolve("js-produced.json");

    node("produce", "--topic", "interop.js-to-java", "--schema", schemaFile.toString(),
        "--count", String.valueOf(COUNT), "--out", produced.toString());

    JsonNode report = JSON.readTree(produced.toFile());
    int schemaId = report.get("schemaId").asInt();
    Map<String, JsonNode> expected = new HashMap<>();
    report.get("events").forEach(e -> expected.put(e.get("eventId").asText(), e));
    assertThat(expected).hasSize(COUNT);

    SpecificAvroDeserializer<AlertEvent> deserializer = new SpecificAvroDeserializer<>(client, AlertEvent.class, true);
    List<ConsumerRecord<String, byte[]>> records = consume("interop.js-to-java", COUNT);
    assertThat(records).hasSize(COUNT);
    for (ConsumerRecord<String, byte[]> record : records) {
      assertThat(WireFormat.schemaId(record.value())).isEqualTo(schemaId);
      AlertEvent event = deserializer.deserialize(record.topic(), record.value());
      JsonNode want = expected.remove(event.getEventId());
      assertThat(want).as("event %s was produced by the JavaScript client", event.getEventId()).isNotNull();
      assertThat(record.key()).isEqualTo(want.get("tenantId").asText());
      assertSameEvent(event, want);
    }
    assertThat(expected).as("events produced but not decoded").isEmpty();
  }

  @Test
  void theJavaScriptClientDecodesEveryEventKlaxonProduced() throws Exception {
    List<AlertEvent> sent = new ArrayList<>();
    Map<String, Object> config = KAFKA.clientConfig();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, AlertEvent> producer = new KafkaProducer<>(config, new StringSerializer(),
        new SpecificAvroSerializer<>(client, false, true))) {
      for (int i = 0; i < COUNT; i++) {
        AlertEvent event = javaEvent(i);
        producer.send(new ProducerRecord<>("interop.java-to-js", event.getTenantId(), event)).get(30, TimeUnit.SECONDS);
        sent.add(event);
      }
    }
    Path consumed = WORK.resolve("js-consumed.json");

    node("consume", "--topic", "interop.java-to-js", "--count", String.valueOf(COUNT), "--out", consumed.toString());

    Map<String, JsonNode> decoded = new HashMap<>();
    for (JsonNode record : JSON.readTree(consumed.toFile())) {
      decoded.put(record.get("value").get("eventId").asText(), record);
    }
    assertThat(decoded).hasSize(COUNT);
    for (AlertEvent event : sent) {
      JsonNode record = decoded.get(event.getEventId());
      assertThat(record).as("event %s decoded by the JavaScript client", event.getEventId()).isNotNull();
      assertThat(record.get("key").asText()).isEqualTo(event.getTenantId());
      assertSameEvent(event, record.get("value"));
    }
  }

  private static AlertEvent javaEvent(int i) {
    Severity[] severities = Severity.values();
    return AlertEvent.newBuilder()
        .setEventId(String.format("11111111-2222-4333-8444-%012d", i))
        .setTenantId(i % 2 == 0 ? "globex" : "initech")
        .setKind(i % 3 == 0 ? AlertKind.WARNING : AlertKind.ALERT)
        .setStatus(i % 4 == 0 ? AlertStatus.RESOLVED : AlertStatus.FIRING)
        .setSeverity(severities[i % severities.length])
        .setSource("checkout-" + i)
        .setTitle(i % 2 == 0 ? "Latency p99 above 2s" : "Ошибка оплаты — 決済エラー — خطأ في الدفع")
        .setMessage("details " + i + " \u2066isolated\u2069 <script>&")
        .setLabels(i % 4 == 1 ? Map.of() : Map.of("region", "ap-northeast-1", "shard", String.valueOf(i)))
        .setFingerprint(i % 3 == 0 ? null : "fp-java-" + i)
        .setOccurredAt(Instant.ofEpochMilli(1_790_000_000_000L + i * 60_000L))
        .setLocale(i % 2 == 0 ? "he" : null)
        .setLinks(i % 2 == 0 ? List.of(new Link("https://status.example/" + i, i % 4 == 0 ? null : "Status")) : List.of())
        .build();
  }

  private static void assertSameEvent(AlertEvent event, JsonNode json) {
    assertThat(event.getEventId()).isEqualTo(json.get("eventId").asText());
    assertThat(event.getTenantId()).isEqualTo(json.get("tenantId").asText());
    assertThat(event.getKind().name()).isEqualTo(json.get("kind").asText());
    assertThat(event.getStatus().name()).isEqualTo(json.get("status").asText());
    assertThat(event.getSeverity().name()).isEqualTo(json.get("severity").asText());
    assertThat(event.getSource()).isEqualTo(json.get("source").asText());
    assertThat(event.getTitle()).isEqualTo(json.get("title").asText());
    assertThat(event.getMessage()).isEqualTo(json.get("message").asText());
    Map<String, String> labels = new HashMap<>();
    for (Map.Entry<String, JsonNode> label : json.get("labels").properties()) {
      labels.put(label.getKey(), label.getValue().asText());
    }
    assertThat(event.getLabels()).isEqualTo(labels);
    assertThat(event.getFingerprint()).isEqualTo(textOrNull(json.get("fingerprint")));
    assertThat(event.getOccurredAt().toEpochMilli()).isEqualTo(json.get("occurredAt").asLong());
    assertThat(event.getLocale()).isEqualTo(textOrNull(json.get("locale")));
    assertThat(event.getLinks()).hasSize(json.get("links").size());
    for (int i = 0; i < event.getLinks().size(); i++) {
      assertThat(event.getLinks().get(i).getUrl()).isEqualTo(json.get("links").get(i).get("url").asText());
      assertThat(event.getLinks().get(i).getText()).isEqualTo(textOrNull(json.get("links").get(i).get("text")));
    }
  }

  private static String textOrNull(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  private static List<ConsumerRecord<String, byte[]>> consume(String topic, int count) {
    Map<String, Object> config = KAFKA.clientConfig();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "interop-java-" + topic);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (records.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
    }
    return records;
  }

  private static void node(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("node", "interop.js"));
    command.addAll(List.of(args));
    command.addAll(List.of("--brokers", KAFKA.bootstrapServers(), "--registry", KAFKA.registryUrl()));
    // Paths are given relative to the module; the script runs in its own directory.
    for (int i = 0; i < command.size(); i++) {
      if (command.get(i).startsWith("target/")) {
        command.set(i, Path.of(command.get(i)).toAbsolutePath().toString());
      }
    }
    Path log = WORK.resolve("node-" + args[0] + ".log");
    Process process = new ProcessBuilder(command).directory(NODE_DIR.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean finished = process.waitFor(120, TimeUnit.SECONDS);
    if (!finished) {
      process.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(finished).as("node %s finished within 120 s; output:%n%s", args[0], output).isTrue();
    assertThat(process.exitValue()).as("node %s exit code; output:%n%s", args[0], output).isZero();
  }
}
