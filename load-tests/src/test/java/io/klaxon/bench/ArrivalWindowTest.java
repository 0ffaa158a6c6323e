package io.klaxon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArrivalWindowTest {

  @Test
  void countsArrivalsConnectionsAndBytesAndTimesThemFromFirstToLast() {
    ArrivalWindow window = new ArrivalWindow();
    window.arrived(10_000, new byte[100], 50_001);
    window.arrived(10_500, new byte[300], 50_002);
    window.arrived(12_000, new byte[210], 50_001);

    ArrivalWindow.Snapshot snapshot = window.snapshot();
    assertThat(snapshot.arrivals()).isEqualTo(3);
    assertThat(snapshot.connections()).isEqualTo(2);
    assertThat(snapshot.firstMillis()).isEqualTo(10_000);
    assertThat(snapshot.lastMillis()).isEqualTo(12_000);
    assertThat(snapshot.seconds()).isEqualTo(2.0);
    assertThat(snapshot.perSecond()).isEqualTo(1.5);
    assertThat(snapshot.meanBodyBytes()).isEqualTo(203.33, org.assertj.core.data.Offset.offset(0.01));
    assertThat(snapshot.sampleBody()).as("the body nearest the mean size").hasSize(210);
  }

  @Test
  void anEmptyWindowHasNoRateAndNoSample() {
    ArrivalWindow.Snapshot snapshot = new ArrivalWindow().snapshot();
    assertThat(snapshot.arrivals()).isZero();
    assertThat(snapshot.perSecond()).isZero();
    assertThat(snapshot.firstMillis()).isZero();
    assertThat(snapshot.sampleBody()).isNull();
  }
}
