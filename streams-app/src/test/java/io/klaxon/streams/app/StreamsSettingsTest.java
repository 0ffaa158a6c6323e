package io.klaxon.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.ops.Env;
import io.klaxon.registry.RegistrySettings;
import io.klaxon.topics.TopicNames;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {
  @Test
  void defaultsReachTheLocalStack() {
    StreamsSettings settings = StreamsSettings.from(Env.of(Map.of()));

    assertThat(settings.applicationId()).isEqualTo("klaxon-streams");
    assertThat(settings.processingGuarantee()).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(settings.kafka()).containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
    assertThat(settings.registry()).isEqualTo(RegistrySettings.of("http://localhost:8085"));
    assertThat(settings.topics()).isEqualTo(TopicNames.DEFAULTS);
    assertThat(settings.kafka()).containsEntry(DeadLetterExceptionHandler.DLQ_TOPIC, "klaxon.alerts.dlq.v1");
    assertThat(settings.httpHost()).isEqualTo("127.0.0.1");
    assertThat(settings.topology().maxStreamTimeAhead()).isEqualTo(Duration.ofMinutes(1));
    assertThat(settings.advertisedHost()).isEqualTo("127.0.0.1");
    assertThat(settings.topology().auditOutcomes()).isTrue();
    assertThat(settings.topology().publishAlertStates()).isTrue();
    assertThat(settings.kafka()).containsEntry(DeadLetterExceptionHandler.OUTCOMES_TOPIC, "klaxon.outcomes.v1")
        .containsEntry("session.timeout.ms", 6_000).containsEntry("heartbeat.interval.ms", 1_500)
        .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1)
        .doesNotContainKey("group.instance.id");
  }

  @Test
  void theAuditAndTheAlertStatesCanBeSwitchedOffAndTheSessionTimeoutSet() {
    StreamsSettings settings = StreamsSettings.from(Env.of(Map.of("OUTCOME_AUDIT", "false",
        "KAFKA_SESSION_TIMEOUT_MS", "45000", "ALERT_STATES", "false", "ALERT_STATES_TOPIC", "states",
        "GROUP_INSTANCE_ID", "streams-7", "NUM_STANDBY_REPLICAS", "0")));
    assertThat(settings.topology().auditOutcomes()).isFalse();
    assertThat(settings.topology().publishAlertStates()).isFalse();
    assertThat(settings.topics().alertStates()).isEqualTo("states");
    assertThat(settings.kafka()).doesNotContainKey(DeadLetterExceptionHandler.OUTCOMES_TOPIC)
        .containsEntry("session.timeout.ms", "45000").containsEntry("group.instance.id", "streams-7")
        .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 0);
  }

  @Test
  void clusterRegistryAndTopicsComeFromTheSharedSettings() {
    StreamsSettings settings = StreamsSettings.from(Env.of(Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", "k1:9093",
        "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
        "SCHEMA_REGISTRY_URL", "https://registry.example",
        "SCHEMA_REGISTRY_BASIC_AUTH", "klaxon:s3cret",
        "SCHEMA_REGISTRY_TIMEOUT", "3s",
        "ALERTS_DLQ_TOPIC", "rejects",
        "APPLICATION_ID", "klaxon-eu",
        "HTTP_HOST", "0.0.0.0",
        "MAX_STREAM_TIME_AHEAD", "30s")));

    assertThat(settings.kafka())
        .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "k1:9093")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry(DeadLetterExceptionHandler.DLQ_TOPIC, "rejects")
        .containsEntry(RegistrySettings.URL_CONFIG, "https://registry.example")
        .containsEntry(RegistrySettings.BASIC_AUTH_USER_INFO_CONFIG, "klaxon:s3cret")
        .containsEntry(RegistrySettings.REQUEST_TIMEOUT_MS_CONFIG, "3000");
    assertThat(settings.registry()).isEqualTo(
        new RegistrySettings("https://registry.example", "klaxon:s3cret", Duration.ofSeconds(3)));
    assertThat(settings.topics().alertsDlq()).isEqualTo("rejects");
    assertThat(settings.applicationId()).isEqualTo("klaxon-eu");
    assertThat(settings.advertisedHost()).isEqualTo("localhost");
    assertThat(settings.topology().maxStreamTimeAhead()).isEqualTo(Duration.ofSeconds(30));
  }
}
