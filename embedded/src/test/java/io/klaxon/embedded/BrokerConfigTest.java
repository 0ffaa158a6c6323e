package io.klaxon.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BrokerConfigTest {
  private static final Path LOGS = Path.of("/data/kraft-logs");

  @Test
  void listensOnLoopbackOnly() {
    Properties config = BrokerConfig.oneNode(9092, 9093, LOGS, Map.of());

    assertThat(config.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093");
    assertThat(config.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:9092");
    assertThat(config.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:9093");
    assertThat(config.getProperty("log.dirs")).isEqualTo(LOGS.toString());
  }

  @Test
  void suitsOneNodeWithTransactionsAndExplicitTopics() {
    Properties config = BrokerConfig.oneNode(9092, 9093, LOGS, Map.of());

    assertThat(config).containsEntry("offsets.topic.replication.factor", "1")
        .containsEntry("transaction.state.log.replication.factor", "1")
        .containsEntry("transaction.state.log.min.isr", "1")
        .containsEntry("group.initial.rebalance.delay.ms", "0")
        .containsEntry("auto.create.topics.enable", "false");
  }

  @Test
  void extraSettingsOverrideDefaultsButNotListenersOrDirectories() {
    Properties config = BrokerConfig.oneNode(9092, 9093, LOGS, Map.of("num.partitions", "4"));
    assertThat(config).containsEntry("num.partitions", "4");

    for (String owned : BrokerConfig.OWNED) {
      assertThatThrownBy(() -> BrokerConfig.oneNode(9092, 9093, LOGS, Map.of(owned, "x")))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(owned);
    }
  }
}
