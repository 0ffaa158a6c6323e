package io.klaxon.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klaxon.control.AckState;
import io.klaxon.control.Acknowledgement;
import io.klaxon.events.Channel;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.SlackTarget;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

/**
 * The Ack button end to end in a deployment of the broker, the registry, the stand-ins and one
 * ingest copy, all in this JVM as {@code ./klaxon up} runs them: a tenant with a Slack target that
 * has a signing secret is applied while the deployment runs, a message with the notifier's buttons
 * is posted to the Slack stand-in, and a click on the inbox page's Ack (the form the page posts)
 * reaches the real ingest endpoint, signed with the tenant's secret derived from the stack key; the
 * acknowledgement lands on the acks topic and the message is replaced through its response_url.
 */
class SlackButtonsIT {
  private static final String TENANT = "button-tenant";
  private static final String FINGERPRINT = "fp-button-it";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void clickingAckOnTheInboxPageWritesAnAcknowledgementAndReplacesTheMessage() throws Exception {
    Deployment deployment = LocalDeployment.builder(Path.of("target", "slack-buttons-it", UUID.randomUUID().toString()))
        .mode(RunMode.IN_PROCESS).withStandIns().streamsInstances(0).notifiers(0).ingestCopies(1)
        .partitions(1).tenantPartitions(1).build();

    try (Launcher launcher = Launcher.start(deployment, line -> System.out.println("launcher: " + line));
         HttpSchemaRegistryClient registry = HttpSchemaRegistryClient.builder(deployment.registryUrl()).build()) {
      TenantPublisher.publish(deployment.bootstrapServers(), TopicNames.DEFAULTS.tenants(),
          new SpecificAvroSerializer<>(registry, false, true), List.of(tenant()));
      Part standIns = deployment.part("stand-ins");
      String inbox = standIns.url("inbox");
      long messageId = postMessageWithButtons(standIns.url("slack"), inbox);

      // The stand-in and ingest read the tenant while they run: click until the click is accepted.
      AtomicReference<String> outcome = new AtomicReference<>("");
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
        outcome.set(clickAck(inbox, messageId));
        return outcome.get().contains("klaxon_ack sent: answered 200");
      });

      Acknowledgement ack = awaitAck(deployment.bootstrapServers(), KlaxonTopics.of(TopicNames.DEFAULTS, registry).acks());
      assertThat(ack.getTenantId()).isEqualTo(TENANT);
      assertThat(ack.getFingerprint()).isEqualTo(FINGERPRINT);
      assertThat(ack.getState()).isEqualTo(AckState.ACKED);
      assertThat(ack.getBy()).isEqualTo("klaxon");
      assertThat(ack.getVia()).isEqualTo("slack");

      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        JsonNode message = JSON.readTree(get(inbox + "/api/messages?channel=slack&tenant=" + TENANT))
            .path("messages").path(0);
        assertThat(message.toString()).contains("Acknowledged by @klaxon").doesNotContain("klaxon_ack");
      });
    }
  }

  private static TenantConfig tenant() {
    return TenantConfig.newBuilder().setTenantId(TENANT).setDisplayName("Button tenant").setEnabled(true)
        .setTier(Tier.ENTERPRISE).setDefaultLocale("en").setTimeZone("UTC").setFeatures(List.of())
        .setApiKeys(List.of()).setRoutes(List.of()).setTemplateOverrides(Map.of())
        .setTargets(List.of(ChannelTarget.newBuilder().setId("oncall-slack").setChannel(Channel.SLACK)
            .setSlack(SlackTarget.newBuilder().setChannel("#button-oncall")
                .setSigningSecretRef("env:BUTTON_TENANT_SLACK_SIGNING_SECRET").build())
            .build()))
        .build();
  }

  /** Posts what the notifier posts for a firing alert of the tenant; returns its inbox id. */
  private long postMessageWithButtons(String slackUrl, String inbox) throws Exception {
    ObjectNode request = JSON.createObjectNode().put("channel", "#button-oncall").put("text", "Disk almost full on db-1");
    ObjectNode attachment = request.putArray("attachments").addObject().put("color", "#D00000");
    ArrayNode blocks = attachment.putArray("blocks");
    blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", "*Disk almost full*");
    ArrayNode buttons = blocks.addObject().put("type", "actions").put("block_id", "klaxon_actions").putArray("elements");
    ObjectNode ack = buttons.addObject().put("type", "button").put("action_id", "klaxon_ack").put("style", "primary")
        .put("value", JSON.createObjectNode().put("tenant", TENANT).put("target", "oncall-slack")
            .put("fingerprint", FINGERPRINT).toString());
    ack.putObject("text").put("type", "plain_text").put("text", "Ack");
    request.putObject("metadata").put("event_type", "klaxon_notification").putObject("event_payload")
        .put("tenant_id", TENANT).put("notification_id", "n-button-it");
    HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(slackUrl + "/api/chat.postMessage"))
        .header("Authorization", "Bearer xoxb-klaxon-local").header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(JSON.readTree(posted.body()).path("ok").asBoolean()).as(posted.body()).isTrue();
    return JSON.readTree(get(inbox + "/api/messages?channel=slack&tenant=" + TENANT)).path("messages").path(0)
        .path("id").asLong();
  }

  /** Clicks Ack as the inbox page's form does; returns the outcome the page then shows. */
  private String clickAck(String inbox, long messageId) throws Exception {
    HttpResponse<String> click = http.send(HttpRequest.newBuilder(URI.create(inbox + "/slack/actions"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", inbox)
        .POST(HttpRequest.BodyPublishers.ofString("message=" + messageId + "&button=0")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(click.statusCode()).isEqualTo(303);
    String page = get(inbox + "/?tenant=" + TENANT);
    int start = page.indexOf("<span class=\"click-outcome\">");
    return start < 0 ? "" : page.substring(start, page.indexOf("</span>", start));
  }

  private static Acknowledgement awaitAck(String bootstrap, Topic<String, Acknowledgement> acks) {
    try (KafkaConsumer<String, Acknowledgement> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "slack-buttons-it",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
        acks.keySerde().deserializer(), acks.valueSerde().deserializer())) {
      consumer.subscribe(List.of(acks.name()));
      List<Acknowledgement> seen = new ArrayList<>();
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        for (ConsumerRecord<String, Acknowledgement> record : consumer.poll(Duration.ofMillis(500))) {
          seen.add(record.value());
        }
        return !seen.isEmpty();
      });
      assertThat(seen).hasSize(1);
      return seen.getFirst();
    }
  }

  private String get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }
}
