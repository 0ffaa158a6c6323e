package io.klaxon.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupRecoveryTest {
  @Test
  void aDeadMemberIsNoticedWithinTenSecondsByDefault() {
    Map<String, Object> config = new HashMap<>();
    GroupRecovery.putUnlessSet(config, Map.of());
    assertThat(config).containsEntry("session.timeout.ms", 10_000).containsEntry("heartbeat.interval.ms", 3_000);
  }

  @Test
  void theOperatorsPassThroughSettingsWin() {
    Map<String, Object> config = new HashMap<>();
    GroupRecovery.putUnlessSet(config, Env.of(Map.of("KAFKA_SESSION_TIMEOUT_MS", "45000")).kafkaClientProperties());
    assertThat(config).doesNotContainKey("session.timeout.ms").containsEntry("heartbeat.interval.ms", 3_000);
  }
}
