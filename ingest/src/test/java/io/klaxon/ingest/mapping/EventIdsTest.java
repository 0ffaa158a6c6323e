package io.klaxon.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdsTest {
  @Test
  void theSamePartsGiveTheSameVersion8Uuid() {
    String id = EventIds.nameBased("alertmanager", "acme", "8dd3b726a1f3a0fb", "1700000000000", "", "FIRING");
    UUID uuid = UUID.fromString(id);

    assertThat(EventIds.nameBased("alertmanager", "acme", "8dd3b726a1f3a0fb", "1700000000000", "", "FIRING")).isEqualTo(id);
    assertThat(uuid.version()).isEqualTo(8);
    assertThat(uuid.variant()).isEqualTo(2);
  }

  @Test
  void anyDifferentPartOrBoundaryGivesAnotherId() {
    String id = EventIds.nameBased("acme", "fp", "FIRING");

    assertThat(EventIds.nameBased("globex", "fp", "FIRING")).isNotEqualTo(id);
    assertThat(EventIds.nameBased("acme", "fp", "RESOLVED")).isNotEqualTo(id);
    assertThat(EventIds.nameBased("acmef", "p", "FIRING")).isNotEqualTo(id);
  }
}
