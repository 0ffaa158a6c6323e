package io.klaxon.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Alertmanager's own answer for these label sets is checked against a real Alertmanager in AlertmanagerWebhookIT. */
class LabelFingerprintTest {
  @Test
  void theEmptySetIsTheFnvOffset() {
    assertThat(LabelFingerprint.of(Map.of())).isEqualTo("cbf29ce484222325");
  }

  @Test
  void hashesNamesAndValuesInNameOrderWhateverTheMapOrder() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("severity", "critical");
    labels.put("job", "api");
    labels.put("alertname", "HighLatency");

    assertThat(LabelFingerprint.of(labels)).isEqualTo("8dd3b726a1f3a0fb")
        .isEqualTo(LabelFingerprint.of(Map.of("alertname", "HighLatency", "job", "api", "severity", "critical")));
  }

  @Test
  void sortsNamesByTheirUtf8Bytes() {
    assertThat(LabelFingerprint.of(Map.of("é", "x", "z", "y"))).isEqualTo("04a1501db4a9c436");
  }

  @Test
  void nameValueBoundariesMatter() {
    assertThat(LabelFingerprint.of(Map.of("ab", "c"))).isNotEqualTo(LabelFingerprint.of(Map.of("a", "bc")));
  }
}
