package io.klaxon.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klaxon.contract.ApiKeys;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertKind;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.ApiKey;
import io.klaxon.events.Channel;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.Severity;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.events.WebhookTarget;
import io.klaxon.notifier.app.NotifierConfig;
import io.klaxon.registry.HttpSchemaRegistryClient;
import io.klaxon.serde.SpecificAvroSerializer;
import io.klaxon.topics.TopicNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * A small deployment with every part as its own process (broker, registry, one Streams instance,
 * one notifier, one ingest copy, the stand-ins): a tenant applied while it runs gets signed
 * webhooks, for alerts written to Kafka and for alerts sent over HTTP with its API key; a notifier
 * killed with SIGKILL is reported, and once restarted it delivers what arrived meanwhile; every
 * process has its own pid and CPU and memory figures.
 */
class LauncherIT {
  private static final String TENANT = "late-tenant";
  private static final String API_KEY = "klx_launcher-it-key";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Parts on the C1 compiler only: they start faster on a small machine, and speed is not measured here. */
  private static final List<String> QUICK_JVM = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1");

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void partsRunAsTheirOwnProcessesAndAKilledNotifierDeliversAgainOnceRestarted() throws Exception {
    LocalDeployment.Builder builder = LocalDeployment.builder(Path.of("target", "launcher-it", UUID.randomUUID().toString()))
        .mode(RunMode.SEPARATE_PROCESS).withStandIns().ingestCopies(1).partitions(2).tenantPartitions(1)
        .env(PartKind.NOTIFIER, Map.of("RETRY_BASE", "200ms", "RETRY_MAX", "1s",
            // Long enough that only the launcher's removal can take a killed notifier out of its group in time.
            "KAFKA_SESSION_TIMEOUT_MS", "45000"))
        .env(PartKind.STREAMS, Map.of("COMMIT_INTERVAL_MS", "100"));
    for (PartKind kind : PartKind.values()) {
      builder.jvmFlags(kind, QUICK_JVM);
    }
    Deployment deployment = builder.build();

    List<String> said = new CopyOnWriteArrayList<>();
    try (Launcher launcher = Launcher.start(deployment, line -> {
      said.add(line);
      System.out.println("launcher: " + line);
    });
         HttpSchemaRegistryClient registry = HttpSchemaRegistryClient.builder(deployment.registryUrl()).build();
         PipelineMetrics metrics = new PipelineMetrics(launcher)) {
      Set<Long> pids = new HashSet<>();
      for (Part part : deployment.parts()) {
        assertThat(launcher.health(part.name()).up()).as("%s ready", part.name()).isTrue();
        assertThat(pids.add(launcher.pid(part.name()))).as("%s has a process of its own", part.name()).isTrue();
      }
      assertThat(pids).doesNotContain(ProcessHandle.current().pid());

      String webhook = deployment.part("stand-ins").url("webhook") + "/hooks/" + TENANT;
      TenantPublisher.publish(deployment.bootstrapServers(), TopicNames.DEFAULTS.tenants(),
          new SpecificAvroSerializer<>(registry, false, true), List.of(tenant(webhook)));

      try (KafkaProducer<byte[], byte[]> producer = producer(deployment)) {
        SpecificAvroSerializer<AlertEvent> alerts = new SpecificAvroSerializer<>(registry, false, true);
        // The Streams app learns of the new tenant on its own thread: until then an alert of it is
        // dead-lettered as UNKNOWN_TENANT. One alert a second until the first one arrives.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
          send(producer, alerts, "first", 1);
          return !validWebhookTitles(deployment).isEmpty();
        });
        List<String> before = send(producer, alerts, "before the crash", 5);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
            assertThat(validWebhookTitles(deployment)).as("signed webhooks of a tenant applied at run time")
                .containsAll(before));
        HttpRequest overHttp = HttpRequest.newBuilder(URI.create(deployment.part("ingest-1").url("http") + "/api/v1/events"))
            .header("Authorization", "Bearer " + API_KEY)
            .POST(HttpRequest.BodyPublishers.ofString("{\"severity\": \"CRITICAL\", \"source\": \"launcher-it\", "
                + "\"title\": \"sent over HTTP\"}")).build();
        // The ingest copy, too, learns of the tenant (and its key) on its own thread; a 401 writes nothing.
        await().atMost(Duration.ofSeconds(30)).until(() ->
            http.send(overHttp, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
            assertThat(validWebhookTitles(deployment)).as("an alert sent to the ingest service").contains("sent over HTTP"));
        // The Streams app published the alert's state; the ingest copy lists it for the key's tenant.
        String ingest = deployment.part("ingest-1").url("http");
        HttpRequest query = HttpRequest.newBuilder(URI.create(ingest + "/api/v2/alerts"))
            .header("Authorization", "Bearer " + API_KEY).GET().build();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
          JsonNode listed = JSON.readTree(http.send(query, HttpResponse.BodyHandlers.ofString()).body());
          assertThat(listed.findValuesAsText("alertname")).as(listed.toString()).contains("sent over HTTP");
        });
        Path amtool = Path.of("/usr/bin/amtool");
        if (Files.isExecutable(amtool)) {
          Path httpConfig = Files.writeString(deployment.dir().resolve("amtool-http.yml"),
              "authorization:\n  credentials: " + API_KEY + "\n");
          Process run = new ProcessBuilder(amtool.toString(), "--alertmanager.url=" + ingest,
              "--http.config.file=" + httpConfig, "-o", "json", "alert", "query", "alertname=\"sent over HTTP\"")
              .start();
          // amtool prints little (its warnings go to stderr); read both streams after it exits.
          assertThat(run.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("amtool finished").isTrue();
          String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
          String err = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
          assertThat(run.exitValue()).as(out + err).isZero();
          assertThat(JSON.readTree(out).findValuesAsText("alertname")).as(out).containsExactly("sent over HTTP");
        }
        Map<String, Double> webhooks = metrics.deliveries().get("webhook");
        assertThat(webhooks.get("delivered")).isGreaterThanOrEqualTo(before.size() + 1);
        assertThat(webhooks.getOrDefault("failed_permanent", 0.0)).as("webhooks refused (a signature not checked out)")
            .isZero();

        long killed = launcher.pid("notifier-1");
        launcher.kill("notifier-1");
        assertThat(ProcessHandle.of(killed).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(launcher.alive("notifier-1")).isFalse();
        assertThat(launcher.failure()).startsWith("notifier-1 exited");
        assertThat(launcher.health("notifier-1").up()).isFalse();
        // The launcher saw it die and removed its static membership: the group does not wait 45 s.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, deployment.bootstrapServers()))) {
          await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
              assertThat(admin.describeConsumerGroups(List.of(NotifierConfig.DEFAULT_GROUP_ID)).all().get()
                  .get(NotifierConfig.DEFAULT_GROUP_ID).members()).as("members of the notifiers' group").isEmpty());
        }
        assertThat(said).anySatisfy(line -> assertThat(line).startsWith("notifier-1 exited (status 137); removed notifier-1"));

        List<String> during = send(producer, alerts, "while the notifier is down", 5);
        launcher.restart("notifier-1");

        assertThat(launcher.pid("notifier-1")).isNotEqualTo(killed);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
            assertThat(validWebhookTitles(deployment)).as("delivered by the restarted notifier").containsAll(during));
        assertThat(launcher.failure()).isNull();
      }

      for (Part part : deployment.parts()) {
        ProcessFigures figures = launcher.figures(part.name());
        assertThat(figures.pid()).isEqualTo(launcher.pid(part.name()));
        assertThat(figures.cpuSeconds()).as("%s CPU seconds", part.name()).isPositive();
        assertThat(figures.rssMiB()).as("%s RSS", part.name()).isPositive();
        assertThat(figures.peakRssMiB()).as("%s peak RSS", part.name()).isGreaterThanOrEqualTo(figures.rssMiB());
      }
      assertThat(deployment.logFile("notifier-1")).content().contains("starting notifier-1").contains("part is running");
      assertThatThrownBy(() -> launcher.start("broker")).hasMessageContaining("broker is running");
    }
    assertThat(deployment.dir().resolve("kafka")).as("data of a deployment that does not keep it").doesNotExist();
    assertThat(deployment.logFile("broker")).as("logs are kept").exists();
  }

  @Test
  void aPartThatCannotStartIsNamedWithTheEndOfItsLog() {
    Path dir = Path.of("target", "launcher-it", UUID.randomUUID().toString());
    // A broker without a data directory: its process stops at once, saying which variable is missing.
    Part broker = new Part("broker", PartKind.BROKER, RunMode.SEPARATE_PROCESS, Map.of("BROKER_PORT", "9"), QUICK_JVM,
        Map.of(), URI.create("http://127.0.0.1:9/health/ready"));
    Deployment deployment = new Deployment(dir, false, "127.0.0.1:9", "http://127.0.0.1:9", List.of(), List.of(broker));

    assertThatThrownBy(() -> Launcher.start(deployment, line -> { }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("broker exited (status 1) before it was ready")
        .hasMessageContaining("BROKER_DATA_DIR is required");
    assertThat(deployment.pidFile("broker")).doesNotExist();
  }

  private static TenantConfig tenant(String webhookUrl) {
    return TenantConfig.newBuilder().setTenantId(TENANT).setDisplayName("Late tenant").setEnabled(true)
        .setTier(Tier.ENTERPRISE).setDefaultLocale("en").setTimeZone("UTC").setFeatures(List.of())
        .setApiKeys(List.of(ApiKey.newBuilder().setId("it").setHash(ApiKeys.hash(API_KEY)).build()))
        .setRoutes(List.of()).setTemplateOverrides(Map.of())
        .setTargets(List.of(ChannelTarget.newBuilder().setId("hook").setChannel(Channel.WEBHOOK)
            .setWebhook(WebhookTarget.newBuilder().setUrl(webhookUrl).setSecretRef("env:LATE_TENANT_WEBHOOK_SECRET").build())
            .build()))
        .build();
  }

  private static KafkaProducer<byte[], byte[]> producer(Deployment deployment) {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, deployment.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Sends {@code count} distinct CRITICAL alerts; returns their titles. */
  private static List<String> send(KafkaProducer<byte[], byte[]> producer, SpecificAvroSerializer<AlertEvent> serializer,
      String what, int count) throws Exception {
    List<String> titles = new ArrayList<>();
    String alerts = TopicNames.DEFAULTS.alerts();
    for (int i = 0; i < count; i++) {
      String title = what + " #" + i;
      AlertEvent event = AlertEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTenantId(TENANT)
          .setKind(AlertKind.ALERT).setStatus(AlertStatus.FIRING).setSeverity(Severity.CRITICAL).setSource("launcher-it")
          .setTitle(title).setMessage("m").setLabels(Map.of()).setOccurredAt(Instant.now()).build();
      producer.send(new ProducerRecord<>(alerts, TENANT.getBytes(StandardCharsets.UTF_8),
          serializer.serialize(alerts, event))).get();
      titles.add(title);
    }
    return titles;
  }

  /** The titles of the tenant's webhooks the receiver accepted with a valid signature. */
  private Set<String> validWebhookTitles(Deployment deployment) throws Exception {
    String url = deployment.part("stand-ins").url("inbox") + "/api/messages?channel=webhook&tenant=" + TENANT;
    JsonNode inbox = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    Set<String> titles = new HashSet<>();
    for (JsonNode message : inbox.path("messages")) {
      if (message.path("signature").asText().equals("VALID") && message.path("responseStatus").asInt() == 204) {
        titles.add(message.path("payload").path("alert").path("title").asText());
      }
    }
    return titles;
  }
}
