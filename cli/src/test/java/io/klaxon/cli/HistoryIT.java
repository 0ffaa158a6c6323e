package io.klaxon.cli;

import static io.klaxon.cli.history.HistoryRecords.deadLetter;
import static io.klaxon.cli.history.HistoryRecords.outcome;
import static io.klaxon.cli.history.HistoryRecords.receipt;
import static io.klaxon.cli.history.HistoryRecords.request;
import static io.klaxon.cli.history.HistoryRecords.routed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klaxon.cli.read.TopicReader;
import io.klaxon.embedded.TopicSpec;
import io.klaxon.embedded.junit.BrokerAndRegistryExtension;
import io.klaxon.events.DeliveryOutcome;
import io.klaxon.events.DeliveryReceipt;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.OutcomeType;
import io.klaxon.topics.KlaxonTopics;
import io.klaxon.topics.Topic;
import io.klaxon.topics.TopicNames;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code klaxon history} against a real broker and registry: records written with Klaxon's serdes
 * to the outcomes, notifications, deliveries and notifier dead-letter topics, two tenants, one
 * alert older than {@code --since}.
 */
class HistoryIT {
  @RegisterExtension
  static final BrokerAndRegistryExtension KAFKA = BrokerAndRegistryExtension.withRegistry();

  private static TopicNames names;
  private static Instant written;

  @BeforeAll
  static void writeOneTenantsAlertsAndAnothers() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    written = now;
    names = TopicNames.suffixed("-" + UUID.randomUUID());
    KAFKA.createTopics(TopicSpec.of(names.outcomes(), 3), TopicSpec.of(names.notifications(), 3),
        TopicSpec.of(names.deliveries(), 3), TopicSpec.of(names.notificationsDlq(), 1));
    KlaxonTopics topics = KlaxonTopics.of(names, KAFKA.registryClient());
    Instant old = now.minus(3, ChronoUnit.HOURS);
    NotificationRequest failing = request("acme", "n-2", "e-2", "Queue stuck", "fp-2", "pager", now.minusSeconds(50));
    // Delivered after one retry.
    send(topics.outcomes(), "acme", routed("acme", "e-1", "fp-1", now.minusSeconds(60), "disk-rule", "n-1"), now.minusSeconds(60));
    send(topics.notifications(), "acme", request("acme", "n-1", "e-1", "Disk almost full", "fp-1", "hook", now.minusSeconds(60)), now.minusSeconds(60));
    send(topics.deliveries(), "acme", receipt("acme", "n-1", "hook", 1, DeliveryOutcome.RETRY_SCHEDULED, 503, now.minusSeconds(59)), now.minusSeconds(59));
    send(topics.deliveries(), "acme", receipt("acme", "n-1", "hook", 2, DeliveryOutcome.DELIVERED, 200, now.minusSeconds(55)), now.minusSeconds(55));
    // Dead-lettered after two attempts.
    send(topics.outcomes(), "acme", routed("acme", "e-2", "fp-2", now.minusSeconds(50), "queue-rule", "n-2"), now.minusSeconds(50));
    send(topics.notifications(), "acme", failing, now.minusSeconds(50));
    send(topics.deliveries(), "acme", receipt("acme", "n-2", "pager", 1, DeliveryOutcome.RETRY_SCHEDULED, 503, now.minusSeconds(49)), now.minusSeconds(49));
    send(topics.deliveries(), "acme", receipt("acme", "n-2", "pager", 2, DeliveryOutcome.DEAD_LETTERED, 503, now.minusSeconds(45)), now.minusSeconds(45));
    send(topics.notificationsDlq(), "acme", deadLetter(failing, 2, now.minusSeconds(45)), now.minusSeconds(45));
    // Silenced.
    send(topics.outcomes(), "acme", outcome("acme", "e-3", OutcomeType.SILENCED, "SILENCE", "fp-3", "silence-42",
        now.minusSeconds(40), List.of()), now.minusSeconds(40));
    // Older than --since 1h, and another tenant's.
    send(topics.outcomes(), "acme", routed("acme", "e-old", "fp-1", old, "disk-rule"), old);
    send(topics.outcomes(), "globex", routed("globex", "e-g", "fp-1", now.minusSeconds(30), "disk-rule"), now.minusSeconds(30));
  }

  private static <V> void send(Topic<String, V> topic, String key, V value, Instant timestamp) throws Exception {
    try (KafkaProducer<String, V> producer = new KafkaProducer<>(KAFKA.clientConfig(),
        topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(topic.name(), null, timestamp.toEpochMilli(), key, value)).get();
    }
  }

  private static CliRun history(String... args) {
    Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", KAFKA.bootstrapServers(),
        "SCHEMA_REGISTRY_URL", KAFKA.registryUrl(), "OUTCOMES_TOPIC", names.outcomes(),
        "NOTIFICATIONS_TOPIC", names.notifications(), "DELIVERIES_TOPIC", names.deliveries(),
        "NOTIFICATIONS_DLQ_TOPIC", names.notificationsDlq());
    String[] all = new String[args.length + 1];
    all[0] = "history";
    System.arraycopy(args, 0, all, 1, args.length);
    return CliRun.withEnv(env, all);
  }

  @Test
  void showsEachAlertsPathOfTheTenantSinceTheGivenTime() {
    CliRun run = history("--tenant", "acme", "--since", "1h");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains(
            "received  event e-1  \"Disk almost full\"  fingerprint fp-1",
            "-> ROUTED  decided by disk-rule",
            "-> notification n-1  target hook (WEBHOOK)",
            "attempt 1  RETRY_SCHEDULED  status 503  HTTP 503",
            "attempt 2  DELIVERED  status 200",
            "= DELIVERED",
            "dead-lettered after 2 attempt(s): HTTP 503",
            "= DEAD_LETTERED",
            "-> SILENCED  reason SILENCE  decided by silence-42",
            "3 alert(s) of tenant acme since")
        .doesNotContain("e-old", "e-g");
    assertThat(run.out().indexOf("event e-1")).isLessThan(run.out().indexOf("event e-2"));
  }

  @Test
  void jsonIsOneObjectPerAlertAndFiltersByFingerprint() throws Exception {
    CliRun run = history("--tenant", "acme", "--since", "4h", "--fingerprint", "fp-1", "--json");

    assertThat(run.code()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(2);
    JsonNode oldest = new ObjectMapper().readTree(lines.get(0));
    JsonNode latest = new ObjectMapper().readTree(lines.get(1));
    assertThat(oldest.get("eventId").asText()).isEqualTo("e-old");
    assertThat(latest.get("eventId").asText()).isEqualTo("e-1");
    assertThat(latest.at("/notifications/0/ending").asText()).isEqualTo("DELIVERED");
    assertThat(latest.at("/notifications/0/attempts/0/statusCode").asInt()).isEqualTo(503);

    CliRun byEvent = history("--tenant", "acme", "--event", "e-2", "--json");
    assertThat(byEvent.out().lines().toList()).singleElement()
        .satisfies(line -> assertThat(line).contains("\"ending\":\"DEAD_LETTERED\"", "\"title\":\"Queue stuck\""));
  }

  @Test
  void theReaderStartsAtTheTimeThroughTheTimeIndexAndReportsItsProgress() {
    List<TopicReader.Progress> progress = new ArrayList<>();
    List<Integer> attempts = new ArrayList<>();

    new TopicReader<>(KAFKA.clientConfig(), KAFKA.registryClient(), names.deliveries(), DeliveryReceipt.class)
        .withProgress(progress::add)
        .readSince(written.minusSeconds(52), (record, receipt) -> attempts.add(receipt.getAttempt()), problem -> { });

    // Receipts were written 59, 55, 49 and 45 s before: only the last two are read at all.
    assertThat(attempts).containsExactly(1, 2);
    assertThat(progress).isNotEmpty().last().isEqualTo(new TopicReader.Progress(names.deliveries(), 2, 2));
  }

  @Test
  void badInputIsAUsageErrorNamingTheFlag() {
    CliRun badSince = history("--tenant", "acme", "--since", "an hour");
    assertThat(badSince.code()).isEqualTo(2);
    assertThat(badSince.err()).contains("--since", "'an hour' is not a duration");

    CliRun noTenant = history("--since", "1h");
    assertThat(noTenant.code()).isEqualTo(2);
    assertThat(noTenant.err()).contains("--tenant");
  }
}
