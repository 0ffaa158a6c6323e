package io.klaxon.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.Severity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeverityLabelTest {
  @ParameterizedTest
  @CsvSource({
      "critical, CRITICAL", "CRITICAL, CRITICAL", "crit, CRITICAL", "page, CRITICAL", "fatal, CRITICAL",
      "high, HIGH", "error, HIGH", "Major, HIGH", "err, HIGH",
      "warning, WARNING", "warn, WARNING", "minor, WARNING",
      "info, INFO", "low, INFO", "none, INFO", "' notice ', INFO",
      "p2, HIGH", "'', HIGH"})
  void mapsCommonSpellingsAndFallsBackToTheDefault(String label, Severity expected) {
    assertThat(SeverityLabel.of(label, Severity.HIGH)).isEqualTo(expected);
  }
}
