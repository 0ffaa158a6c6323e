package io.klaxon.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.TenantConfig;
import io.klaxon.registry.CompatibilityLevel;
import io.klaxon.registry.HttpSchemaRegistryClient;
import io.klaxon.registry.InMemorySchemaRegistry;
import io.klaxon.registry.SchemaRegistryException;
import io.klaxon.registry.SchemaRegistryUnavailableException;
import io.klaxon.topics.KlaxonTopics;
import io.klaxon.topics.TopicNames;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class InputContractsTest {
  private static final String ALERTS = "klaxon.alerts.v1-value";
  private static final String TENANTS = "klaxon.tenants.v1-value";

  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
  private final KlaxonTopics topics = KlaxonTopics.of(TopicNames.DEFAULTS, registry);

  /** {@code record} without one of its fields: a version a producer might try to register. */
  static Schema withoutField(Schema record, String field) {
    List<Schema.Field> fields = record.getFields().stream().filter(f -> !f.name().equals(field))
        .map(f -> new Schema.Field(f, f.schema())).toList();
    return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
  }

  @Test
  void onAFreshRegistryTheInputSubjectsGetTheLevelAndKlaxonsSchemas() {
    InputContracts.apply(registry, topics);

    assertThat(registry.ownCompatibility(ALERTS)).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
    assertThat(registry.ownCompatibility(TENANTS)).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
    assertThat(registry.latest(ALERTS).schema()).isEqualTo(AlertEvent.getClassSchema());
    assertThat(registry.latest(TENANTS).schema()).isEqualTo(TenantConfig.getClassSchema());
    assertThat(registry.compatibility(null)).as("the registry's default is not Klaxon's to change")
        .isEqualTo(CompatibilityLevel.BACKWARD);
  }

  @Test
  void aVersionWithoutARequiredFieldIsThenRefusedWith409() {
    InputContracts.apply(registry, topics);

    assertThatThrownBy(() -> registry.register(ALERTS, withoutField(AlertEvent.getClassSchema(), "source")))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(409))
        .hasMessageContaining("FULL_TRANSITIVE");
    assertThat(registry.versions(ALERTS)).hasSize(1);
  }

  @Test
  void aSubjectAlreadyForwardTransitiveIsLeftAsItIs() {
    registry.setCompatibility(ALERTS, CompatibilityLevel.FORWARD_TRANSITIVE);

    InputContracts.apply(registry, topics);

    assertThat(registry.ownCompatibility(ALERTS)).isEqualTo(CompatibilityLevel.FORWARD_TRANSITIVE);
    assertThat(registry.ownCompatibility(TENANTS)).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
  }

  @Test
  void aSubjectHoldingAVersionKlaxonCannotReadIsReportedNotFatal() {
    registry.register(ALERTS, withoutField(AlertEvent.getClassSchema(), "source")); // under the default BACKWARD

    InputContracts.apply(registry, topics);

    assertThat(registry.ownCompatibility(ALERTS)).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
    assertThat(registry.latest(TENANTS).schema()).isEqualTo(TenantConfig.getClassSchema());
  }

  @Test
  void anUnreachableRegistryIsAnOutageToRetry() {
    HttpSchemaRegistryClient unreachable = HttpSchemaRegistryClient.builder("http://127.0.0.1:1").maxAttempts(1).build();

    assertThatThrownBy(() -> InputContracts.apply(unreachable, KlaxonTopics.of(TopicNames.DEFAULTS, unreachable)))
        .isInstanceOf(SchemaRegistryUnavailableException.class);
  }
}
