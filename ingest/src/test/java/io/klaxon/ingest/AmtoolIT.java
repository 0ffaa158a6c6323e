package io.klaxon.ingest;

import static io.klaxon.ingest.TestTenants.key;
import static io.klaxon.ingest.TestTenants.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klaxon.embedded.TopicSpec;
import io.klaxon.embedded.junit.BrokerAndRegistryExtension;
import io.klaxon.events.AlertState;
import io.klaxon.events.AlertStateStatus;
import io.klaxon.events.Severity;
import io.klaxon.events.Tier;
import io.klaxon.serde.SpecificAvroSerializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alertmanager's own command line, {@code amtool}, against the ingest service on a real broker and
 * registry: it reads the status, adds an alert, adds, queries and expires a silence with one tenant's key, and with
 * another tenant's key sees none of it; a second copy of the service sees a silence as soon as
 * the first has answered.
 */
class AmtoolIT {
  @RegisterExtension
  static final BrokerAndRegistryExtension KAFKA = BrokerAndRegistryExtension.withRegistry();

  private static final Path AMTOOL = Path.of("/usr/bin/amtool");
  private static final String ACME_KEY = "klx_acme-amtool-key-00000000000000000000000000";
  private static final String GLOBEX_KEY = "klx_globex-amtool-key-000000000000000000000000";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void amtoolAddsAlertsAndAddsQueriesAndExpiresSilencesOfItsKeysTenantOnly() throws Exception {
    assumeTrue(Files.isExecutable(AMTOOL), "amtool is not installed at " + AMTOOL
        + " (Debian package prometheus-alertmanager); skipping the amtool test");
    String silencesTopic = BrokerAndRegistryExtension.unique("silences");
    KAFKA.createTopics(TopicSpec.compacted(silencesTopic, 2));
    try (RunningIngest ingest = RunningIngest.start(KAFKA, Map.of("SILENCES_TOPIC", silencesTopic),
        tenant("acme", Tier.STANDARD, key("amtool", ACME_KEY)), tenant("globex", Tier.STANDARD, key("am", GLOBEX_KEY)))) {
      Path acme = httpConfig("acme.yml", "authorization:\n  credentials: " + ACME_KEY + "\n");
      Path globex = httpConfig("globex.yml", "authorization:\n  type: Bearer\n  credentials: " + GLOBEX_KEY + "\n");
      Path unknown = httpConfig("unknown.yml", "authorization:\n  credentials: klx_nobody\n");

      Run config = amtool(ingest, acme, "-o", "json", "config", "show");
      assertThat(config.code()).as(config.toString()).isZero();
      assertThat(config.out()).contains("klaxon-");

      Run alert = amtool(ingest, acme, "alert", "add", "alertname=DiskFull", "instance=db-1", "severity=critical",
          "--annotation=summary=disk 95% full");
      assertThat(alert.code()).as(alert.toString()).isZero();
      ConsumerRecord<String, io.klaxon.events.AlertEvent> written =
          ingest.awaitAlert(e -> e.getTitle().equals("DiskFull"), Duration.ofSeconds(30));
      assertThat(written.key()).isEqualTo("acme");
      assertThat(written.value().getMessage()).isEqualTo("disk 95% full");

      IngestService second = ingest.anotherCopy();
      Run add = amtool(ingest, acme, "silence", "add", "alertname=DiskFull", "instance=~db-.*",
          "--author=ops", "--comment=disk swap", "--duration=2h");
      assertThat(add.code()).as(add.toString()).isZero();
      String id = add.out().strip();
      assertThat(id).isNotBlank();

      // Another copy behind the same load balancer sees it at once: it reads the topic up to its end first.
      Run fromSecondCopy = amtool(second.url(), acme, "silence", "query", "-q");
      assertThat(fromSecondCopy.out().strip()).as(fromSecondCopy.toString()).isEqualTo(id);

      Run query = amtool(ingest, acme, "-o", "json", "silence", "query");
      assertThat(query.code()).as(query.toString()).isZero();
      JsonNode silences = JSON.readTree(query.out());
      assertThat(silences).hasSize(1);
      JsonNode silence = silences.get(0);
      assertThat(silence.path("id").asText()).isEqualTo(id);
      assertThat(silence.path("status").path("state").asText()).isEqualTo("active");
      assertThat(silence.path("createdBy").asText()).isEqualTo("ops");
      assertThat(silence.path("comment").asText()).isEqualTo("disk swap");
      assertThat(silence.path("matchers").toString())
          .contains("{\"isEqual\":true,\"isRegex\":false,\"name\":\"alertname\",\"value\":\"DiskFull\"}")
          .contains("{\"isEqual\":true,\"isRegex\":true,\"name\":\"instance\",\"value\":\"db-.*\"}");
      assertThat(amtool(ingest, acme, "silence", "query", "-q", "alertname=DiskFull").out().strip()).isEqualTo(id);
      assertThat(amtool(ingest, acme, "silence", "query", "-q", "alertname=Other").out()).isBlank();

      Run otherTenant = amtool(ingest, globex, "silence", "query", "-q", "--expired");
      assertThat(otherTenant.code()).as(otherTenant.toString()).isZero();
      assertThat(otherTenant.out()).isBlank();
      Run otherExpire = amtool(ingest, globex, "silence", "expire", id);
      assertThat(otherExpire.code()).as(otherExpire.toString()).isNotZero();
      assertThat(amtool(ingest, unknown, "silence", "query").code()).isNotZero();

      Run expire = amtool(ingest, acme, "silence", "expire", id);
      assertThat(expire.code()).as(expire.toString()).isZero();
      assertThat(amtool(ingest, acme, "silence", "query", "-q").out()).isBlank();
      assertThat(amtool(ingest, acme, "silence", "query", "-q", "--expired").out().strip()).isEqualTo(id);
      assertThat(amtool(ingest, globex, "silence", "query", "-q", "--expired").out()).isBlank();
    }
  }

  /**
   * {@code amtool alert query} lists the alerts of its key's tenant from the alert states topic.
   * The states are written here as the Streams app writes them (AlertState records keyed
   * tenant/fingerprint, a tombstone when an alert ends); the topology's side is covered by its
   * TopologyTestDriver tests, and starting the Streams app here would add a second pipeline to this
   * module's tests.
   */
  @Test
  void amtoolQueriesTheActiveAlertsOfItsKeysTenantOnly() throws Exception {
    assumeTrue(Files.isExecutable(AMTOOL), "amtool is not installed at " + AMTOOL);
    String statesTopic = BrokerAndRegistryExtension.unique("alert-states");
    KAFKA.createTopics(TopicSpec.compacted(statesTopic, 2));
    try (RunningIngest ingest = RunningIngest.start(KAFKA, Map.of("ALERT_STATES_TOPIC", statesTopic),
        tenant("acme", Tier.STANDARD, key("amtool", ACME_KEY)), tenant("globex", Tier.STANDARD, key("am", GLOBEX_KEY)));
        KafkaProducer<String, AlertState> states = new KafkaProducer<>(KAFKA.clientConfig(), new StringSerializer(),
            new SpecificAvroSerializer<>(KAFKA.registryClient(), false, true))) {
      Path acme = httpConfig("acme.yml", "authorization:\n  credentials: " + ACME_KEY + "\n");
      Path globex = httpConfig("globex.yml", "authorization:\n  credentials: " + GLOBEX_KEY + "\n");
      states.send(new ProducerRecord<>(statesTopic, "acme/a1", state("acme", "a1", "DiskFull", null))).get();
      states.send(new ProducerRecord<>(statesTopic, "acme/a2", state("acme", "a2", "CpuHigh", "s-1"))).get();
      states.send(new ProducerRecord<>(statesTopic, "acme/a3", state("acme", "a3", "Gone", null))).get();
      states.send(new ProducerRecord<>(statesTopic, "acme/a3", null)).get(); // resolved
      states.send(new ProducerRecord<>(statesTopic, "globex/g1", state("globex", "g1", "GlobexOnly", null))).get();

      Run query = amtool(ingest, acme, "-o", "json", "alert", "query");
      assertThat(query.code()).as(query.toString()).isZero();
      JsonNode listed = JSON.readTree(query.out());
      assertThat(listed).as(query.out()).singleElement().satisfies(alert -> {
        assertThat(alert.at("/labels/alertname").asText()).isEqualTo("DiskFull");
        assertThat(alert.at("/annotations/summary").asText()).isEqualTo("disk 95% full");
        assertThat(alert.at("/status/state").asText()).isEqualTo("active");
        assertThat(alert.at("/fingerprint").asText()).isEqualTo("a1");
      });
      // amtool asks for the kinds named by its flags: --silenced alone means active=false.
      Run silenced = amtool(ingest, acme, "-o", "json", "alert", "query", "--silenced");
      assertThat(silenced.code()).as(silenced.toString()).isZero();
      assertThat(JSON.readTree(silenced.out()).findValuesAsText("fingerprint")).containsExactly("a2");
      Run both = amtool(ingest, acme, "-o", "json", "alert", "query", "--active", "--silenced");
      assertThat(JSON.readTree(both.out()).findValuesAsText("fingerprint")).containsExactly("a1", "a2");
      Run filtered = amtool(ingest, acme, "-o", "json", "alert", "query", "--silenced", "alertname=CpuHigh");
      assertThat(JSON.readTree(filtered.out()).findValuesAsText("fingerprint")).containsExactly("a2");
      Run simple = amtool(ingest, acme, "alert", "query");
      assertThat(simple.out()).contains("DiskFull").doesNotContain("GlobexOnly").doesNotContain("Gone");

      Run other = amtool(ingest, globex, "-o", "json", "alert", "query");
      assertThat(JSON.readTree(other.out()).findValuesAsText("fingerprint")).containsExactly("g1");

      states.send(new ProducerRecord<>(statesTopic, "acme/a1", null)).get();
      assertThat(JSON.readTree(amtool(ingest, acme, "-o", "json", "alert", "query").out()))
          .as("an alert that ended is gone at once, on a read after its tombstone was acknowledged").isEmpty();
    }
  }

  private static AlertState state(String tenant, String fingerprint, String alertname, String silencedBy) {
    Instant now = Instant.now();
    return AlertState.newBuilder().setTenantId(tenant).setFingerprint(fingerprint)
        .setLabels(Map.of("alertname", alertname, "instance", "db-1")).setTitle(alertname).setMessage("disk 95% full")
        .setSource("node").setSeverity(Severity.CRITICAL).setLinks(List.of()).setStartsAt(now.minusSeconds(60))
        .setUpdatedAt(now).setEndsAt(null)
        .setStatus(silencedBy == null ? AlertStateStatus.FIRING : AlertStateStatus.SUPPRESSED)
        .setSilencedBy(silencedBy == null ? List.of() : List.of(silencedBy)).setMaintenanceWindow(null)
        .setAcknowledgedBy(null).build();
  }

  private Path httpConfig(String name, String yaml) throws IOException {
    return Files.writeString(dir.resolve(name), yaml);
  }

  /** What one amtool run printed and how it exited. */
  private record Run(int code, String out, String err) {}

  private static Run amtool(RunningIngest ingest, Path httpConfig, String... args) throws Exception {
    return amtool(ingest.url(), httpConfig, args);
  }

  private static Run amtool(String url, Path httpConfig, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(AMTOOL.toString(), "--alertmanager.url=" + url,
        "--http.config.file=" + httpConfig, "--timeout=20s"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).start();
    process.getOutputStream().close();
    // amtool prints little; read both streams after it exits.
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("amtool did not finish within 30 s: " + command);
    }
    return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
