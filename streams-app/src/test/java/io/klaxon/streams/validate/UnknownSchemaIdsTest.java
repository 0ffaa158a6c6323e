package io.klaxon.streams.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnknownSchemaIdsTest {
  private final UnknownSchemaIds ids = new UnknownSchemaIds(Duration.ofSeconds(30), 3);

  @Test
  void anIdIsUnknownForTheTimeToLiveThenAskedForAgain() {
    assertThat(ids.isUnknown(7, 1_000)).isFalse();
    ids.remember(7, 1_000);

    assertThat(ids.isUnknown(7, 1_000)).isTrue();
    assertThat(ids.isUnknown(7, 30_999)).isTrue();
    assertThat(ids.isUnknown(8, 2_000)).isFalse();
    assertThat(ids.isUnknown(7, 31_000)).isFalse();
    assertThat(ids.size()).as("dropped once expired").isZero();
  }

  @Test
  void whenFullExpiredIdsMakeRoomAndOtherwiseANewIdIsNotRemembered() {
    ids.remember(1, 0);
    ids.remember(2, 0);
    ids.remember(3, 10_000);

    ids.remember(4, 20_000);
    assertThat(ids.isUnknown(4, 20_000)).as("full of live ids").isFalse();
    assertThat(ids.size()).isEqualTo(3);

    ids.remember(4, 30_000);
    assertThat(ids.isUnknown(4, 30_000)).as("ids 1 and 2 expired and made room").isTrue();
    assertThat(ids.isUnknown(3, 30_000)).isTrue();
    assertThat(ids.size()).isEqualTo(2);
  }

  @Test
  void rememberingAnIdAgainExtendsIt() {
    ids.remember(5, 0);
    ids.remember(5, 20_000);

    assertThat(ids.isUnknown(5, 40_000)).isTrue();
  }

  @Test
  void settingsAreChecked() {
    assertThatThrownBy(() -> new UnknownSchemaIds(Duration.ZERO, 1)).hasMessageContaining("ttl");
    assertThatThrownBy(() -> new UnknownSchemaIds(Duration.ofSeconds(1), 0)).hasMessageContaining("capacity");
  }
}
