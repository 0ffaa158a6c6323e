package io.klaxon.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klaxon.registry.CompatibilityLevel;
import io.klaxon.registry.InMemorySchemaRegistry.Change;
import io.klaxon.registry.InMemorySchemaRegistry.CompatibilitySet;
import io.klaxon.registry.InMemorySchemaRegistry.SchemaRegistered;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SchemaJournalCodecTest {

  @Test
  void roundTripsEveryKindOfChange() {
    Change schema = new SchemaRegistered("alerts-value", 3, 7, "{\"type\":\"string\"}");
    Change subjectLevel = new CompatibilitySet("alerts-value", CompatibilityLevel.FULL_TRANSITIVE);
    Change globalLevel = new CompatibilitySet(null, CompatibilityLevel.NONE);

    for (Change change : new Change[] {schema, subjectLevel, globalLevel}) {
      assertThat(SchemaJournalCodec.decode(SchemaJournalCodec.key(change), SchemaJournalCodec.value(change)))
          .contains(change);
    }
  }

  @Test
  void keysIdentifyWhatTheChangeIsAbout() {
    assertThat(text(SchemaJournalCodec.key(new SchemaRegistered("s", 2, 9, "\"int\""))))
        .isEqualTo("{\"type\":\"SCHEMA\",\"subject\":\"s\",\"version\":2}");
    assertThat(text(SchemaJournalCodec.key(new CompatibilitySet("s", CompatibilityLevel.NONE))))
        .isEqualTo("{\"type\":\"CONFIG\",\"subject\":\"s\"}");
    assertThat(text(SchemaJournalCodec.key(new CompatibilitySet(null, CompatibilityLevel.NONE))))
        .isEqualTo("{\"type\":\"CONFIG\",\"subject\":null}");
  }

  @Test
  void tombstonesCarryNoChange() {
    assertThat(SchemaJournalCodec.decode(bytes("{\"type\":\"SCHEMA\"}"), null)).isEmpty();
  }

  @Test
  void refusesRecordsItDidNotWrite() {
    assertThatThrownBy(() -> SchemaJournalCodec.decode(bytes("{\"type\":\"OTHER\"}"), bytes("{}")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OTHER");
    assertThatThrownBy(() -> SchemaJournalCodec.decode(bytes("not json"), bytes("{}")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key");
    assertThatThrownBy(() -> SchemaJournalCodec.decode(bytes("{\"type\":\"SCHEMA\"}"), bytes("{\"subject\":\"s\"}")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version");
    assertThatThrownBy(() -> SchemaJournalCodec.decode(null, bytes("{}")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
