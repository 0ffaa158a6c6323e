package io.klaxon.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klaxon.registry.RegistrySettings;
import io.klaxon.topics.TopicNames;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {
  @Test
  void defaultsReachTheLocalStack() {
    ClusterSettings settings = ClusterSettings.from(Env.of(Map.of()));
    assertThat(settings.bootstrapServers()).isEqualTo("localhost:9092");
    assertThat(settings.registry()).isEqualTo(RegistrySettings.of("http://localhost:8085"));
    assertThat(settings.topics()).isEqualTo(TopicNames.DEFAULTS);
    assertThat(settings.kafkaProperties()).isEmpty();
  }

  @Test
  void readsRegistryCredentialsTimeoutTopicsAndPassThrough() {
    ClusterSettings settings = ClusterSettings.from(Env.of(Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", "k1:9093,k2:9093",
        "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
        "SCHEMA_REGISTRY_URL", "https://registry.example:8081",
        "SCHEMA_REGISTRY_BASIC_AUTH", "klaxon:s3cret",
        "SCHEMA_REGISTRY_TIMEOUT", "3s",
        "ALERTS_TOPIC", "a", "DELIVERIES_TOPIC", "d")));
    assertThat(settings.registry()).isEqualTo(
        new RegistrySettings("https://registry.example:8081", "klaxon:s3cret", Duration.ofSeconds(3)));
    assertThat(settings.registry().toString()).doesNotContain("s3cret");
    assertThat(settings.topics().alerts()).isEqualTo("a");
    assertThat(settings.topics().deliveries()).isEqualTo("d");
    assertThat(settings.topics().tenants()).isEqualTo("klaxon.tenants.v1");
    assertThat(settings.kafkaProperties()).containsExactly(Map.entry("security.protocol", "SASL_SSL"));
    assertThat(settings.clientProperties(Map.of("acks", "all")))
        .containsEntry("bootstrap.servers", "k1:9093,k2:9093")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("acks", "all");
  }

  @Test
  void aBadTimeoutNamesTheVariable() {
    assertThatThrownBy(() -> ClusterSettings.from(Env.of(Map.of("SCHEMA_REGISTRY_TIMEOUT", "soon"))))
        .hasMessageContaining("SCHEMA_REGISTRY_TIMEOUT='soon'");
  }
}
