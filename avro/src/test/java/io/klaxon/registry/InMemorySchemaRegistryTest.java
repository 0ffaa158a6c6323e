package io.klaxon.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryTest {
  static final Schema V1 = new Schema.Parser().parse(
      "{\"type\":\"record\",\"name\":\"Thing\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
  static final Schema V2_OPTIONAL = new Schema.Parser().parse(
      "{\"type\":\"record\",\"name\":\"Thing\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
          + "{\"name\":\"b\",\"type\":[\"null\",\"int\"],\"default\":null}]}");
  static final Schema V2_REQUIRED = new Schema.Parser().parse(
      "{\"type\":\"record\",\"name\":\"Thing\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
          + "{\"name\":\"b\",\"type\":\"int\"}]}");

  private final List<InMemorySchemaRegistry.Change> journal = new ArrayList<>();
  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry(journal::add);

  @Test
  void registeringTheSameSchemaTwiceKeepsOneVersionAndId() {
    int id = registry.register("things-value", V1);
    assertThat(registry.register("things-value", V1)).isEqualTo(id);
    assertThat(registry.versions("things-value")).containsExactly(1);
    assertThat(registry.lookup("things-value", V1)).isEqualTo(new RegisteredSchema("things-value", id, 1, V1));
  }

  @Test
  void identicalSchemasShareAnIdAcrossSubjects() {
    int first = registry.register("a-value", V1);
    int second = registry.register("b-value", V1);
    assertThat(second).isEqualTo(first);
    assertThat(registry.subjects()).containsExactly("a-value", "b-value");
  }

  @Test
  void compatibleEvolutionGetsTheNextVersionAndANewId() {
    int v1 = registry.register("things-value", V1);
    int v2 = registry.register("things-value", V2_OPTIONAL);
    assertThat(v2).isNotEqualTo(v1);
    assertThat(registry.latest("things-value").version()).isEqualTo(2);
    assertThat(registry.version("things-value", 1).schema()).isEqualTo(V1);
    assertThat(registry.schemaById(v2)).isEqualTo(V2_OPTIONAL);
  }

  @Test
  void incompatibleSchemaIsRefusedWith409AndNothingIsJournaled() {
    registry.register("things-value", V1);
    int before = journal.size();
    assertThat(registry.isCompatible("things-value", V2_REQUIRED)).isFalse();
    assertThatThrownBy(() -> registry.register("things-value", V2_REQUIRED))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(409);
          assertThat(e.errorCode()).isEqualTo(409);
        })
        .hasMessageContaining("things-value").hasMessageContaining("b");
    assertThat(journal).hasSize(before);
  }

  @Test
  void perSubjectCompatibilityLevelIsHonoured() {
    registry.register("things-value", V1);
    registry.setCompatibility("things-value", CompatibilityLevel.NONE);
    assertThat(registry.compatibility("things-value")).isEqualTo(CompatibilityLevel.NONE);
    assertThat(registry.compatibility("other")).isEqualTo(CompatibilityLevel.BACKWARD);
    assertThat(registry.register("things-value", V2_REQUIRED)).isPositive();
  }

  @Test
  void fullTransitiveRefusesAVersionThatOnlyAnEarlierReaderCouldNotRead() {
    Schema aWithDefault = new Schema.Parser().parse(
        "{\"type\":\"record\",\"name\":\"Thing\",\"fields\":[{\"name\":\"a\",\"type\":\"string\",\"default\":\"\"}]}");
    Schema withoutA = new Schema.Parser().parse(
        "{\"type\":\"record\",\"name\":\"Thing\",\"fields\":[{\"name\":\"b\",\"type\":\"int\",\"default\":0}]}");
    registry.setCompatibility("things-value", CompatibilityLevel.FULL_TRANSITIVE);
    registry.register("things-value", V1);
    registry.register("things-value", aWithDefault);

    assertThat(CompatibilityChecker.problems(CompatibilityLevel.FULL, withoutA, List.of(V1, aWithDefault)))
        .as("the latest version alone reads it").isEmpty();
    assertThatThrownBy(() -> registry.register("things-value", withoutA))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.httpStatus()).isEqualTo(409))
        .hasMessageContaining("FORWARD");
    assertThat(CompatibilityLevel.FULL_TRANSITIVE.keepsEveryEarlierReaderWorking()).isTrue();
    assertThat(CompatibilityLevel.FORWARD_TRANSITIVE.keepsEveryEarlierReaderWorking()).isTrue();
    assertThat(CompatibilityLevel.FULL.keepsEveryEarlierReaderWorking()).isFalse();
    assertThat(CompatibilityLevel.BACKWARD_TRANSITIVE.keepsEveryEarlierReaderWorking()).isFalse();
  }

  @Test
  void notFoundErrorsCarryConfluentCodes() {
    assertThatThrownBy(() -> registry.latest("nope"))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40401));
    registry.register("things-value", V1);
    assertThatThrownBy(() -> registry.version("things-value", 7))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40402));
    assertThatThrownBy(() -> registry.schemaById(12345))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
    assertThatThrownBy(() -> registry.lookup("things-value", V2_OPTIONAL))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
    assertThatThrownBy(() -> InMemorySchemaRegistry.parse("{not json"))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42201));
  }

  @Test
  void replayingTheJournalRestoresIdsVersionsAndConfig() {
    int v1 = registry.register("things-value", V1);
    int v2 = registry.register("things-value", V2_OPTIONAL);
    registry.register("other-value", V1);
    registry.setCompatibility("things-value", CompatibilityLevel.FULL);

    InMemorySchemaRegistry restored = new InMemorySchemaRegistry();
    journal.forEach(restored::replay);

    assertThat(restored.latest("things-value")).isEqualTo(registry.latest("things-value"));
    assertThat(restored.schemaById(v1)).isEqualTo(V1);
    assertThat(restored.schemaById(v2)).isEqualTo(V2_OPTIONAL);
    assertThat(restored.compatibility("things-value")).isEqualTo(CompatibilityLevel.FULL);
    Schema v3 = new Schema.Parser().parse(
        "{\"type\":\"record\",\"name\":\"Other\",\"fields\":[]}");
    assertThat(restored.register("new-value", v3)).isGreaterThan(Math.max(v1, v2));
  }

  @Test
  void scopesAreSharedByNameAndDroppable() {
    InMemorySchemaRegistry a = InMemorySchemaRegistry.scoped("scope-test");
    assertThat(InMemorySchemaRegistry.scoped("scope-test")).isSameAs(a);
    InMemorySchemaRegistry.dropScope("scope-test");
    assertThat(InMemorySchemaRegistry.scoped("scope-test")).isNotSameAs(a);
    InMemorySchemaRegistry.dropScope("scope-test");
  }
}
