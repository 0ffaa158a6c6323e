package io.klaxon.streams.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.Severity;
import io.klaxon.streams.Samples;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FingerprintsTest {
  private static AlertEvent.Builder alert() {
    return Samples.alert("6f1c2a9e-8d1b-4c57-9f0e-2b7f3d4a5c6e", "acme", Severity.HIGH, "Disk full");
  }

  private static Map<String, String> ordered(String... keysAndValues) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      labels.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return labels;
  }

  @Test
  void theProducersFingerprintWins() {
    assertThat(Fingerprints.of(alert().setFingerprint("incident-42").build())).isEqualTo("incident-42");
  }

  @Test
  void aBlankFingerprintIsNoFingerprint() {
    assertThat(Fingerprints.of(alert().setFingerprint("  ").build())).isEqualTo(Fingerprints.of(alert().build())).hasSize(64);
  }

  @Test
  void labelOrderDoesNotMatter() {
    String ab = Fingerprints.of(alert().setLabels(ordered("a", "1", "b", "2")).build());
    String ba = Fingerprints.of(alert().setLabels(ordered("b", "2", "a", "1")).build());

    assertThat(ab).isEqualTo(ba);
  }

  @Test
  void tenantSourceTitleAndLabelsEachMakeADifference() {
    String base = Fingerprints.of(alert().build());

    assertThat(Fingerprints.of(alert().setTenantId("globex").build())).isNotEqualTo(base);
    assertThat(Fingerprints.of(alert().setSource("search-api").build())).isNotEqualTo(base);
    assertThat(Fingerprints.of(alert().setTitle("Disk nearly full").build())).isNotEqualTo(base);
    assertThat(Fingerprints.of(alert().setLabels(Map.of("env", "staging")).build())).isNotEqualTo(base);
  }

  @Test
  void severityStatusMessageAndEventIdDoNot() {
    String base = Fingerprints.of(alert().build());

    assertThat(Fingerprints.of(alert().setSeverity(Severity.CRITICAL).setStatus(AlertStatus.RESOLVED)
        .setMessage("other words").setEventId("0e2a1f4c-1111-4c57-9f0e-2b7f3d4a5c6e").build())).isEqualTo(base);
  }

  @Test
  void partsCannotRunIntoEachOther() {
    String split = Fingerprints.of(alert().setSource("pay").setTitle("ments-api down").build());
    String joined = Fingerprints.of(alert().setSource("payments-api").setTitle(" down").build());

    assertThat(split).isNotEqualTo(joined);
  }
}
