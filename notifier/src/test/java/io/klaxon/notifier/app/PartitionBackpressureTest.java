package io.klaxon.notifier.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.notifier.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionBackpressureTest {
  private static final TopicPartition P0 = new TopicPartition("notifications", 0);
  private static final TopicPartition P1 = new TopicPartition("notifications", 1);

  private final FakeClock clock = new FakeClock(Instant.parse("2026-11-22T12:00:00Z"));
  private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
  private final PartitionBackpressure backpressure = new PartitionBackpressure(3, clock);
  private final Map<TopicPartition, Integer> waiting = new HashMap<>();

  private void apply() {
    backpressure.apply(consumer, p -> waiting.getOrDefault(p, 0));
  }

  @Test
  void onlyThePartitionAtTheLimitIsPausedAndItResumesWhenItHasRoom() {
    consumer.assign(List.of(P0, P1));
    waiting.put(P0, 3);
    waiting.put(P1, 2);

    apply();
    assertThat(consumer.paused()).containsExactly(P0);

    waiting.put(P0, 2);
    apply();
    assertThat(consumer.paused()).isEmpty();
  }

  @Test
  void holdingPausesEveryPartitionUntilTheHoldEnds() {
    consumer.assign(List.of(P0, P1));

    backpressure.holdAll(Duration.ofSeconds(1));
    apply();
    assertThat(consumer.paused()).containsExactlyInAnyOrder(P0, P1);

    clock.advance(Duration.ofSeconds(1));
    apply();
    assertThat(consumer.paused()).isEmpty();
  }
}
