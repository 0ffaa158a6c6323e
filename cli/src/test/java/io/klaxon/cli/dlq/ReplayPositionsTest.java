package io.klaxon.cli.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.DeadLetterReason;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ReplayPositionsTest {
  @Test
  void eachTargetHasAGroupOfItsOwnAndTheTenantsGroupsShareTheAllTenantsPrefix() {
    String all = ReplayPositions.group("klaxon.alerts.dlq.v1", DeadLetterReason.UNKNOWN_TENANT, null);

    assertThat(all).isEqualTo("klaxon-dlq-replay.klaxon.alerts.dlq.v1.UNKNOWN_TENANT");
    assertThat(ReplayPositions.group("klaxon.alerts.dlq.v1", DeadLetterReason.UNKNOWN_TENANT, "acme")).isEqualTo(all + ".acme");
  }

  @Test
  void theEndsOfTheWrittenTopicsSurviveTheRoundTripThroughCommitMetadata() {
    Map<TopicPartition, Long> ends = Map.of(new TopicPartition("klaxon.alerts.v1", 0), 12L,
        new TopicPartition("klaxon.alerts.v1", 1), 40L, new TopicPartition("other-topic", 0), 3L);

    String metadata = "writing " + ReplayPositions.format(ends);

    assertThat(metadata).isEqualTo("writing klaxon.alerts.v1:0=12,1=40;other-topic:0=3");
    assertThat(ReplayPositions.parse(metadata)).isEqualTo(ends);
  }
}
