package io.klaxon.sinks.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoundedIndexTest {
  @Test
  void forgetsTheOldestEntriesBeyondItsCapacity() {
    BoundedIndex<String, Integer> index = new BoundedIndex<>(2);
    index.put("a", 1);
    index.put("b", 2);
    assertThat(index.computeIfAbsent("c", k -> 3)).isEqualTo(3);
    assertThat(index.size()).isEqualTo(2);
    assertThat(index.get("a")).isNull();
    assertThat(index.computeIfAbsent("b", k -> 99)).isEqualTo(2);
    assertThat(index.values()).containsExactly(2, 3);
  }
}
