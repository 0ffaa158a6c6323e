package io.klaxon.streams.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klaxon.events.Severity;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.streams.Samples;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SuppressionSummaryDueTest {
  private static final TenantConfig ACME = Samples.tenant("acme", Tier.TRIAL);

  @Test
  void theMostSevereSuppressedSeverityChoosesTheRoute() {
    SuppressionSummaryDue due = new SuppressionSummaryDue(ACME, Map.of(Severity.INFO, 7L, Severity.WARNING, 2L), 0, 60_000);

    assertThat(due.mostSevere()).isEqualTo(Severity.WARNING);
    assertThat(due.total()).isEqualTo(9);
  }

  @Test
  void countsAreKeptMostSevereFirstWithoutZeros() {
    SuppressionSummaryDue due = new SuppressionSummaryDue(ACME,
        Map.of(Severity.INFO, 7L, Severity.CRITICAL, 0L, Severity.HIGH, 1L), 0, 60_000);

    assertThat(due.suppressed()).containsExactly(Map.entry(Severity.HIGH, 1L), Map.entry(Severity.INFO, 7L));
  }

  @Test
  void noSummaryIsDueWhenNothingWasSuppressed() {
    assertThatThrownBy(() -> new SuppressionSummaryDue(ACME, Map.of(Severity.INFO, 0L), 0, 60_000))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("acme");
  }
}
