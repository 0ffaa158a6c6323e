package io.klaxon.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupRecoveryTest {
  @Test
  void aDeadMemberIsNoticedWithinSixSecondsByDefault() {
    Map<String, Object> config = new HashMap<>();
    GroupRecovery.putUnlessSet(config, Map.of());
    assertThat(config).containsEntry("session.timeout.ms", 6_000).containsEntry("heartbeat.interval.ms", 1_500);
  }

  @Test
  void theOperatorsPassThroughSettingsWin() {
    Map<String, Object> config = new HashMap<>();
    GroupRecovery.putUnlessSet(config, Env.of(Map.of("KAFKA_SESSION_TIMEOUT_MS", "45000")).kafkaClientProperties());
    assertThat(config).doesNotContainKey("session.timeout.ms").containsEntry("heartbeat.interval.ms", 1_500);
  }

  @Test
  void aStaticIdentityComesFromGroupInstanceId() {
    Map<String, Object> config = new HashMap<>();
    GroupRecovery.putInstanceId(config, GroupRecovery.instanceId(Env.of(Map.of("GROUP_INSTANCE_ID", "streams-1"))));
    assertThat(config).containsEntry("group.instance.id", "streams-1");
  }

  @Test
  void withoutGroupInstanceIdMembershipStaysDynamic() {
    Map<String, Object> config = new HashMap<>();
    GroupRecovery.putInstanceId(config, GroupRecovery.instanceId(Env.of(Map.of("GROUP_INSTANCE_ID", " "))));
    assertThat(config).doesNotContainKey("group.instance.id");
  }

  @Test
  void anInstanceIdWithOtherCharactersIsRefusedNamingTheVariable() {
    assertThatThrownBy(() -> GroupRecovery.instanceId(Env.of(Map.of("GROUP_INSTANCE_ID", "streams 1"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GROUP_INSTANCE_ID='streams 1'");
  }
}
