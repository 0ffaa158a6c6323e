package io.klaxon.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvTest {
  enum Mode { FAST, SAFE }

  @Test
  void readsTypedValuesAndDefaults() {
    Env env = Env.of(Map.of("PORT", "8081", "ENABLED", "yes", "LIST", " a, b ,,c", "BLANK", "  ", "MODE", "safe"));
    assertThat(env.integer("PORT", 1)).isEqualTo(8081);
    assertThat(env.integer("MISSING", 7)).isEqualTo(7);
    assertThat(env.bool("ENABLED", false)).isTrue();
    assertThat(env.list("LIST", List.of())).containsExactly("a", "b", "c");
    assertThat(env.string("BLANK", "default")).isEqualTo("default");
    assertThat(env.enumValue("MODE", Mode.class, Mode.FAST)).isEqualTo(Mode.SAFE);
  }

  @Test
  void parsesDurationsWithUnitsAndIso() {
    Env env = Env.of(Map.of("A", "250ms", "B", "30s", "C", "5m", "D", "4h", "E", "PT2M", "F", "1h30m", "G", "2d"));
    assertThat(env.duration("A", null)).isEqualTo(Duration.ofMillis(250));
    assertThat(env.duration("B", null)).isEqualTo(Duration.ofSeconds(30));
    assertThat(env.duration("C", null)).isEqualTo(Duration.ofMinutes(5));
    assertThat(env.duration("D", null)).isEqualTo(Duration.ofHours(4));
    assertThat(env.duration("E", null)).isEqualTo(Duration.ofMinutes(2));
    assertThat(env.duration("F", null)).isEqualTo(Duration.ofMinutes(90));
    assertThat(env.duration("G", null)).isEqualTo(Duration.ofDays(2));
  }

  @Test
  void errorsNameTheVariableAndTheValue() {
    Env env = Env.of(Map.of("PORT", "eighty", "WAIT", "5 parsecs", "FLAG", "maybe", "MODE", "turbo"));
    assertThatThrownBy(() -> env.integer("PORT", 0)).hasMessageContaining("PORT='eighty'");
    assertThatThrownBy(() -> env.duration("WAIT", Duration.ZERO)).hasMessageContaining("WAIT='5 parsecs'");
    // A bare number has no unit: milliseconds or seconds would both be guesses.
    assertThatThrownBy(() -> Env.of(Map.of("WAIT", "1500")).duration("WAIT", Duration.ZERO))
        .hasMessageContaining("WAIT='1500'").hasMessageContaining("500ms, 30s");
    assertThatThrownBy(() -> env.bool("FLAG", true)).hasMessageContaining("FLAG='maybe'");
    assertThatThrownBy(() -> env.enumValue("MODE", Mode.class, Mode.FAST)).hasMessageContaining("[FAST, SAFE]");
    assertThatThrownBy(() -> env.required("NOPE")).hasMessageContaining("NOPE is required");
  }

  @Test
  void mapsKafkaVariablesToClientProperties() {
    Env env = Env.of(Map.of(
        "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
        "KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required;",
        "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/truststore.jks",
        "OTHER", "x"));
    assertThat(env.kafkaClientProperties()).containsOnly(
        Map.entry("security.protocol", "SASL_SSL"),
        Map.entry("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required;"),
        Map.entry("ssl.truststore.location", "/etc/kafka/truststore.jks"));
  }
}
