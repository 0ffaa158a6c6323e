package io.klaxon.streams.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klaxon.streams.control.Suppression;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class PublishedAlertTest {
  private final Serde<PublishedAlert> serde = PublishedAlert.serde();

  private PublishedAlert roundTrip(PublishedAlert published) {
    return serde.deserializer().deserialize("t", serde.serializer().serialize("t", published));
  }

  @Test
  void eachStateSurvivesTheStore() {
    assertThat(roundTrip(new PublishedAlert(42L, null, "ignored"))).isEqualTo(new PublishedAlert(42L, null, ""));
    assertThat(roundTrip(new PublishedAlert(-1L, Suppression.Kind.SILENCE, "s-ü")))
        .isEqualTo(new PublishedAlert(-1L, Suppression.Kind.SILENCE, "s-ü"));
    assertThat(roundTrip(new PublishedAlert(7L, Suppression.Kind.ACKNOWLEDGEMENT, "jane")).kind())
        .isEqualTo(Suppression.Kind.ACKNOWLEDGEMENT);
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }

  @Test
  void aChangeIsAnotherKindOrAnotherRefNotAnotherTime() {
    PublishedAlert silenced = new PublishedAlert(1L, Suppression.Kind.SILENCE, "s-1");
    assertThat(silenced.differsFrom(new Suppression(Suppression.Kind.SILENCE, "s-1", 99L))).isFalse();
    assertThat(silenced.differsFrom(new Suppression(Suppression.Kind.SILENCE, "s-2", 1L))).isTrue();
    assertThat(silenced.differsFrom(new Suppression(Suppression.Kind.MAINTENANCE_WINDOW, "s-1", 1L))).isTrue();
    assertThat(silenced.differsFrom(null)).isTrue();
    assertThat(new PublishedAlert(1L, null, "").differsFrom(null)).isFalse();
  }

  @Test
  void bytesOfAnotherShapeAreRefused() {
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {1, 9, 0, 0, 0, 0, 0, 0, 0, 0}))
        .isInstanceOf(SerializationException.class);
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {2}))
        .isInstanceOf(SerializationException.class);
  }
}
