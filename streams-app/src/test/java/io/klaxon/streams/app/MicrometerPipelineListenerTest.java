package io.klaxon.streams.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.Tier;
import io.klaxon.streams.GroupingEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class MicrometerPipelineListenerTest {
  @Test
  void groupsAndDigestsAreCountedByEventAndTier() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    MicrometerPipelineListener listener = new MicrometerPipelineListener(registry, 10, () -> 0L);

    listener.grouping(GroupingEvent.GROUP_FULL, Tier.ENTERPRISE);
    listener.grouping(GroupingEvent.GROUP_FULL, Tier.ENTERPRISE);
    listener.grouping(GroupingEvent.DIGEST_DROPPED, null);

    assertThat(registry.get("klaxon.streams.grouping").tag("event", "group_full").tag("tier", "enterprise").counter()
        .count()).isEqualTo(2.0);
    assertThat(registry.get("klaxon.streams.grouping").tag("event", "digest_dropped").tag("tier", "none").counter()
        .count()).isEqualTo(1.0);
  }
}
