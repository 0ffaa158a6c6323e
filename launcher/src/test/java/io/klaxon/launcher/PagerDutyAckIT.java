package io.klaxon.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klaxon.control.AckState;
import io.klaxon.control.Acknowledgement;
import io.klaxon.control.ControlKeys;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertKind;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.Channel;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.PagerDutyTarget;
import io.klaxon.events.Severity;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.registry.HttpSchemaRegistryClient;
import io.klaxon.serde.SpecificAvroSerializer;
import io.klaxon.topics.KlaxonTopics;
import io.klaxon.topics.Topic;
import io.klaxon.topics.TopicNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * PagerDuty end to end in a deployment of the broker, the registry, the stand-ins, one Streams
 * instance and one notifier, as {@code ./klaxon up} runs them: a CRITICAL alert of a tenant whose
 * only target is a PagerDuty service triggers an incident at the PagerDuty stand-in, an
 * acknowledgement written to the acks topic (as {@code klaxon ack} writes it) acknowledges that
 * incident once, and the alert's resolution resolves it.
 */
class PagerDutyAckIT {
  private static final String TENANT = "pd-tenant";
  private static final String REFERENCE = "env:PD_TENANT_PAGERDUTY_KEY";
  private static final String ROUTING_KEY = "0123456789abcdef0123456789abcdef";
  private static final String FINGERPRINT = "fp-pagerduty-it";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void anAckInKlaxonAcknowledgesTheIncidentItsAlertTriggered() throws Exception {
    Deployment deployment = LocalDeployment.builder(Path.of("target", "pagerduty-ack-it", UUID.randomUUID().toString()))
        .mode(RunMode.IN_PROCESS).withStandIns().streamsInstances(1).notifiers(1).ingestCopies(0)
        .partitions(1).tenantPartitions(1)
        .env(PartKind.NOTIFIER, Map.of("PD_TENANT_PAGERDUTY_KEY", ROUTING_KEY))
        .env(PartKind.STREAMS, Map.of("COMMIT_INTERVAL_MS", "100"))
        .build();

    try (Launcher launcher = Launcher.start(deployment, line -> System.out.println("launcher: " + line));
         HttpSchemaRegistryClient registry = HttpSchemaRegistryClient.builder(deployment.registryUrl()).build();
         KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
             ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, deployment.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
             new ByteArraySerializer(), new ByteArraySerializer())) {
      TenantPublisher.publish(deployment.bootstrapServers(), TopicNames.DEFAULTS.tenants(),
          new SpecificAvroSerializer<>(registry, false, true), List.of(tenant()));
      SpecificAvroSerializer<AlertEvent> serializer = new SpecificAvroSerializer<>(registry, false, true);
      String inbox = deployment.part("stand-ins").url("inbox");

      // The Streams app learns of the new tenant on its own thread: until then an alert of it is
      // dead-lettered as UNKNOWN_TENANT. Send it again every two seconds until it pages.
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() -> {
        send(producer, serializer, AlertStatus.FIRING);
        return !events(inbox, "trigger").isEmpty();
      });
      JsonNode trigger = events(inbox, "trigger").getFirst();
      assertThat(trigger.path("responseStatus").asInt()).as(trigger.toString()).isEqualTo(202);
      assertThat(trigger.path("routingKeyHint").asText()).endsWith("cdef").doesNotContain(ROUTING_KEY);
      assertThat(trigger.path("severity").asText()).isEqualTo("critical");

      Topic<String, Acknowledgement> acks = KlaxonTopics.of(TopicNames.DEFAULTS, registry).acks();
      Acknowledgement ack = new Acknowledgement(TENANT, FINGERPRINT, AckState.ACKED, "jane", Instant.now(), "on it", "cli");
      try (KafkaProducer<String, Acknowledgement> ackProducer = new KafkaProducer<>(Map.of(
          ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, deployment.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
          acks.keySerde().serializer(), acks.valueSerde().serializer())) {
        ackProducer.send(new ProducerRecord<>(acks.name(), ControlKeys.of(ack), ack)).get();
      }

      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        List<JsonNode> acknowledged = events(inbox, "acknowledge");
        assertThat(acknowledged).singleElement().satisfies(event -> {
          assertThat(event.path("responseStatus").asInt()).as(event.toString()).isEqualTo(202);
          assertThat(event.path("dedupKey").asText()).isEqualTo(FINGERPRINT);
          assertThat(event.path("incident").path("state").asText()).isEqualToIgnoringCase("acknowledged");
        });
      });
      // Checked every second: a few more seconds would show a second acknowledgement if there were one.
      Thread.sleep(3_000);
      assertThat(events(inbox, "acknowledge")).as("sent once").hasSize(1);

      send(producer, serializer, AlertStatus.RESOLVED);
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(events(inbox, "resolve")).singleElement()
          .satisfies(event -> assertThat(event.path("incident").path("state").asText()).isEqualToIgnoringCase("resolved")));
    }
  }

  private static TenantConfig tenant() {
    return TenantConfig.newBuilder().setTenantId(TENANT).setDisplayName("PagerDuty tenant").setEnabled(true)
        .setTier(Tier.ENTERPRISE).setDefaultLocale("en").setTimeZone("UTC").setFeatures(List.of())
        .setApiKeys(List.of()).setRoutes(List.of()).setTemplateOverrides(Map.of())
        .setTargets(List.of(ChannelTarget.newBuilder().setId("oncall-pagerduty").setChannel(Channel.WEBHOOK)
            .setPagerduty(PagerDutyTarget.newBuilder().setRoutingKeyRef(REFERENCE).build()).build()))
        .build();
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, SpecificAvroSerializer<AlertEvent> serializer,
      AlertStatus status) throws Exception {
    String alerts = TopicNames.DEFAULTS.alerts();
    AlertEvent event = AlertEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTenantId(TENANT)
        .setKind(AlertKind.ALERT).setStatus(status).setSeverity(Severity.CRITICAL).setSource("pagerduty-it")
        .setTitle("Disk almost full on db-1").setMessage("m").setLabels(Map.of()).setFingerprint(FINGERPRINT)
        .setOccurredAt(Instant.now()).build();
    producer.send(new ProducerRecord<>(alerts, TENANT.getBytes(StandardCharsets.UTF_8),
        serializer.serialize(alerts, event))).get();
  }

  /** The PagerDuty events the stand-in received for the alert's incident with {@code action}, oldest first. */
  private List<JsonNode> events(String inbox, String action) throws Exception {
    JsonNode page = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(inbox + "/api/messages?channel=pagerduty"))
        .build(), HttpResponse.BodyHandlers.ofString()).body());
    List<JsonNode> found = new ArrayList<>();
    for (JsonNode message : page.path("messages")) {
      if (message.path("action").asText().equals(action) && message.path("dedupKey").asText().equals(FINGERPRINT)) {
        found.addFirst(message);
      }
    }
    return found;
  }
}
