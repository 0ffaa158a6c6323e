package io.klaxon.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AckChangesTest {
  @Test
  void eachCursorGetsTheKeysRecordedSinceItInOrder() {
    AckChanges changes = new AckChanges(10);
    long start = changes.end();
    changes.changed("acme/fp-1");
    long middle = changes.end();
    changes.changed("acme/fp-2");
    changes.changed("acme/fp-1");

    AckChanges.Batch fromStart = changes.since(start);
    AckChanges.Batch fromMiddle = changes.since(middle);

    assertThat(fromStart.keys()).containsExactly("acme/fp-1", "acme/fp-2", "acme/fp-1");
    assertThat(fromMiddle.keys()).containsExactly("acme/fp-2", "acme/fp-1");
    assertThat(fromStart.next()).isEqualTo(fromMiddle.next()).isEqualTo(changes.end()).isEqualTo(start + 3);
    assertThat(changes.since(changes.end()).keys()).isEmpty();
  }

  @Test
  void aCursorBehindWhatIsKeptIsToldSoToLookThroughTheWholeStore() {
    AckChanges changes = new AckChanges(2);
    long start = changes.end();
    changes.changed("a/1");
    long second = changes.end();
    changes.changed("a/2");
    changes.changed("a/3");

    assertThat(changes.since(start)).as("a/1 is no longer kept").isNull();
    assertThat(changes.since(second).keys()).containsExactly("a/2", "a/3");
  }

  @Test
  void capacityMustBePositive() {
    assertThatThrownBy(() -> new AckChanges(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
  }
}
