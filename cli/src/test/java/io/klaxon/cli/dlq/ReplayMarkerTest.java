package io.klaxon.cli.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class ReplayMarkerTest {
  @Test
  void aReplayKeepsTheOriginalHeadersAndNamesOnlyTheLetterItReplays() {
    Headers original = new RecordHeaders().add("traceparent", "00-abc".getBytes(StandardCharsets.UTF_8))
        .add(ReplayMarker.HEADER, "dlq-0@3".getBytes(StandardCharsets.UTF_8)); // it was a replay that failed again

    Headers replay = ReplayMarker.replayOf(original, ReplayMarker.coordinates("dlq", 1, 9));

    assertThat(new String(replay.lastHeader("traceparent").value(), StandardCharsets.UTF_8)).isEqualTo("00-abc");
    assertThat(replay.headers(ReplayMarker.HEADER)).hasSize(1);
    assertThat(ReplayMarker.in(replay)).contains("dlq-1@9");
    assertThat(ReplayMarker.in(original)).as("the original is left as it was").contains("dlq-0@3");
    assertThat(ReplayMarker.in(new RecordHeaders())).isEmpty();
  }
}
