package io.klaxon.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klaxon.embedded.TopicSpec;
import io.klaxon.topics.TopicNames;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalDeploymentTest {
  private static final Path DIR = Path.of("target", "deployment-test");

  @Test
  void wiresEveryPartToTheOthersThroughItsEnvironment() {
    Deployment deployment = LocalDeployment.builder(DIR).ports(PortPlan.from(19000)).withStandIns().streamsInstances(2)
        .mode(RunMode.SEPARATE_PROCESS).mode(PartKind.STAND_INS, RunMode.IN_PROCESS).build();

    assertThat(deployment.parts()).extracting(Part::name)
        .containsExactly("broker", "registry", "stand-ins", "streams-1", "streams-2", "notifier-1");
    assertThat(deployment.bootstrapServers()).isEqualTo("127.0.0.1:19000");
    assertThat(deployment.registryUrl()).isEqualTo("http://127.0.0.1:19001");
    Part standIns = deployment.part("stand-ins");
    Part notifier = deployment.part("notifier-1");
    assertThat(standIns.mode()).isEqualTo(RunMode.IN_PROCESS);
    assertThat(notifier.mode()).isEqualTo(RunMode.SEPARATE_PROCESS);
    assertThat(standIns.ports()).containsEntry("inbox", 19002).containsEntry("slack", 19003)
        .containsEntry("webhook", 19004).containsEntry("smtp", 19005).containsEntry("pagerduty", 19006);
    assertThat(standIns.env()).containsEntry("SINKS_PAGERDUTY_PORT", "19006");
    assertThat(notifier.env()).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19000")
        .containsEntry("SCHEMA_REGISTRY_URL", "http://127.0.0.1:19001")
        .containsEntry("SLACK_API_URL", "http://127.0.0.1:19003/api/")
        .containsEntry("SMTP_PORT", "19005")
        .containsEntry("PAGERDUTY_EVENTS_URL", "http://127.0.0.1:19006/v2/enqueue")
        .containsEntry("WEBHOOK_ALLOWLIST", "127.0.0.1,localhost")
        .containsEntry("HTTP_PORT", Integer.toString(notifier.port("http")));
    assertThat(notifier.env().get(StandInSecrets.KEY_VARIABLE)).as("one stack key for signer and receiver")
        .isNotBlank().isEqualTo(standIns.env().get(StandInSecrets.KEY_VARIABLE));
    assertThat(notifier.health().toString()).isEqualTo("http://127.0.0.1:" + notifier.port("http") + "/health/ready");
  }

  @Test
  void streamsInstancesShareTheApplicationButNotTheirStateOrPort() {
    Deployment deployment = LocalDeployment.builder(DIR).streamsInstances(2)
        .env(PartKind.STREAMS, Map.of("PROCESSING_GUARANTEE", "at_least_once", "HTTP_PORT", "1")).build();

    Part first = deployment.part("streams-1");
    Part second = deployment.part("streams-2");
    assertThat(first.env()).containsEntry("PROCESSING_GUARANTEE", "at_least_once");
    assertThat(first.env().get("HTTP_PORT")).isNotEqualTo(second.env().get("HTTP_PORT")).isNotEqualTo("1");
    assertThat(first.env().get("STATE_DIR")).isNotEqualTo(second.env().get("STATE_DIR"));
    assertThat(first.env()).doesNotContainKey("APPLICATION_ID");
    assertThat(deployment.dataDirs()).contains(DIR.toAbsolutePath().resolve("kafka"),
        Path.of(first.env().get("STATE_DIR")), Path.of(second.env().get("STATE_DIR")));
  }

  @Test
  void variablesAddedLaterReachEveryPartOfTheKindAndNoOther() {
    Deployment deployment = LocalDeployment.builder(DIR).notifiers(2).build()
        .withEnv(PartKind.NOTIFIER, Map.of("ACME_SLACK_WEBHOOK", "http://127.0.0.1:1/services/acme"));

    assertThat(deployment.parts(PartKind.NOTIFIER)).hasSize(2).allSatisfy(notifier ->
        assertThat(notifier.env()).containsEntry("ACME_SLACK_WEBHOOK", "http://127.0.0.1:1/services/acme")
            .containsKey("HTTP_PORT"));
    assertThat(deployment.part("streams-1").env()).doesNotContainKey("ACME_SLACK_WEBHOOK");
  }

  @Test
  void createsKlaxonsTopicsWithTheTenantsTopicCompacted() {
    Deployment deployment = LocalDeployment.builder(DIR).partitions(6).tenantPartitions(1).build();

    assertThat(deployment.topics()).hasSize(TopicNames.DEFAULTS.all().size())
        .contains(TopicSpec.compacted(TopicNames.DEFAULTS.tenants(), 1), TopicSpec.of(TopicNames.DEFAULTS.alerts(), 6),
            TopicSpec.compacted(TopicNames.DEFAULTS.silences(), 1));
  }

  @Test
  void ingestCopiesComeLastWithTheirOwnPortsAndTheClusterWiring() {
    PortPlan ports = PortPlan.from(19000);
    Deployment deployment = LocalDeployment.builder(DIR).ports(ports).withStandIns().ingestCopies(2).build();

    assertThat(deployment.parts()).extracting(Part::name)
        .containsExactly("broker", "registry", "stand-ins", "streams-1", "notifier-1", "ingest-1", "ingest-2");
    assertThat(deployment.part("stand-ins").ports()).containsEntry("inbox", 19002);
    Part ingest = deployment.part("ingest-1");
    assertThat(ingest.kind()).isEqualTo(PartKind.INGEST);
    assertThat(ingest.env()).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19000")
        .containsEntry("SCHEMA_REGISTRY_URL", "http://127.0.0.1:19001")
        .containsEntry("HTTP_PORT", Integer.toString(ingest.port("http")));
    assertThat(ingest.port("http")).isNotEqualTo(deployment.part("ingest-2").port("http"))
        .isEqualTo(ports.assigned().get("ingest-1"));
    assertThat(ingest.health().toString()).isEqualTo("http://127.0.0.1:" + ingest.port("http") + "/health/ready");
    assertThat(LocalDeployment.builder(DIR).build().parts(PartKind.INGEST)).as("none unless asked").isEmpty();
  }

  @Test
  void slackButtonClicksGoToTheFirstIngestCopySignedWithTheSameKey() {
    PortPlan ports = PortPlan.from(19000);
    Deployment deployment = LocalDeployment.builder(DIR).ports(ports).withStandIns().ingestCopies(2).build();

    Part standIns = deployment.part("stand-ins");
    Part ingest = deployment.part("ingest-1");
    assertThat(standIns.env()).containsEntry("SINKS_SLACK_INTERACTIONS_URL",
        "http://127.0.0.1:" + ingest.port("http") + "/api/v1/slack/interactions");
    assertThat(deployment.parts(PartKind.INGEST)).allSatisfy(copy -> assertThat(copy.env())
        .containsEntry("SLACK_RESPONSE_URL_PREFIX", "http://127.0.0.1:" + standIns.port("slack") + "/actions/")
        .containsEntry(StandInSecrets.KEY_VARIABLE, standIns.env().get(StandInSecrets.KEY_VARIABLE)));
    assertThat(LocalDeployment.builder(DIR).withStandIns().build().part("stand-ins").env())
        .as("no ingest, nothing to click to").doesNotContainKey("SINKS_SLACK_INTERACTIONS_URL");
    assertThat(LocalDeployment.builder(DIR).ingestCopies(1).build().part("ingest-1").env())
        .doesNotContainKeys("SLACK_RESPONSE_URL_PREFIX", StandInSecrets.KEY_VARIABLE);
  }

  @Test
  void withoutStandInsTheNotifierIsNotPointedAtThem() {
    Deployment deployment = LocalDeployment.builder(DIR).jvmFlags(PartKind.NOTIFIER, List.of("-Xmx2g")).build();

    assertThat(deployment.parts()).extracting(Part::name).doesNotContain("stand-ins");
    assertThat(deployment.part("notifier-1").env())
        .doesNotContainKeys("SLACK_API_URL", "PAGERDUTY_EVENTS_URL", StandInSecrets.KEY_VARIABLE);
    assertThat(deployment.part("notifier-1").jvmFlags()).containsExactly("-Xmx2g");
    assertThatThrownBy(() -> deployment.part("stand-ins")).hasMessageContaining("no part named stand-ins");
  }
}
