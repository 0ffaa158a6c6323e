package io.klaxon.streams.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klaxon.events.AlertStatus;
import io.klaxon.events.DigestSummary;
import io.klaxon.events.Severity;
import io.klaxon.events.TitleCount;
import io.klaxon.streams.Samples;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class DigestStateTest {
  private static final long T0 = Samples.T0;

  @Test
  void survivesItsSerdeWithEveryCount() {
    DigestState state = new DigestState(T0, T0 + 60_000);
    state.add(Samples.alert("e-1", "acme", Severity.INFO, "Cache cold").setSource("search").build());
    state.add(Samples.alert("e-2", "acme", Severity.WARNING, "Queue slow").setSource("orders").build());
    state.add(Samples.alert("e-3", "acme", Severity.WARNING, "Queue slow").setStatus(AlertStatus.RESOLVED).build());
    Serde<DigestState> serde = DigestState.serde();

    DigestState back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", state));

    assertThat(back.windowStartMs()).isEqualTo(T0);
    assertThat(back.dueMs()).isEqualTo(T0 + 60_000);
    assertThat(back.summary(T0 + 60_000, 5)).isEqualTo(state.summary(T0 + 60_000, 5));
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {7})).isInstanceOf(SerializationException.class);
  }

  @Test
  void staysBoundedWhateverTheTrafficAndCountsWhatItDoesNotList() {
    DigestState state = new DigestState(T0, T0 + 60_000);
    int alerts = 10 * DigestState.MAX_TITLES;
    for (int i = 0; i < alerts; i++) {
      state.add(Samples.alert("e-" + i, "acme", Severity.INFO, "Title " + i).setSource("source-" + i).build());
    }
    state.add(Samples.alert("e-x", "acme", Severity.INFO, "Title 0").setSource("source-0").build());

    DigestSummary summary = state.summary(T0 + 60_000, 3);
    assertThat(summary.getFiring()).isEqualTo(alerts + 1);
    assertThat(summary.getBySource()).hasSize(DigestState.MAX_SOURCES);
    assertThat(summary.getOtherSources()).isEqualTo(alerts - DigestState.MAX_SOURCES);
    assertThat(summary.getTopTitles()).hasSize(3).first().isEqualTo(new TitleCount("Title 0", 2L));
    assertThat(DigestState.serde().serializer().serialize("t", state).length).isLessThan(16_000);
  }
}
