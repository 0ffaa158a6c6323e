package io.klaxon.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BrokerRestartIT {
  private final Path dataDir = Path.of("target", "kafka-restart-" + UUID.randomUUID());

  @AfterEach
  void deleteDataDir() {
    DirectoryTree.delete(dataDir);
  }

  @Test
  void keepsRecordsAndClusterIdOnAPersistentDataDir() throws Exception {
    String topic = "restart-" + UUID.randomUUID();
    String clusterId;
    try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.builder().dataDir(dataDir).start()) {
      clusterId = first.clusterId();
      first.createTopics(TopicSpec.of(topic, 1));
      Map<String, Object> config = first.clientConfig();
      config.put(ProducerConfig.ACKS_CONFIG, "all");
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
        producer.send(new ProducerRecord<>(topic, "key", "kept across restarts")).get();
      }
    }
    assertThat(Files.readString(dataDir.resolve("cluster.id")).strip()).isEqualTo(clusterId);

    try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.builder().dataDir(dataDir).start()) {
      assertThat(second.clusterId()).isEqualTo(clusterId);
      assertThat(EmbeddedKafkaBrokerIT.consumeAll(second, topic, 1, "read_committed"))
          .extracting(ConsumerRecord::key, ConsumerRecord::value)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("key", "kept across restarts"));
    }
    assertThat(dataDir).as("a persistent data directory is kept on close").isDirectory();
  }

  @Test
  void deletesATemporaryDataDirOnClose() {
    Path parent = Path.of("target", "kafka-temporary-" + UUID.randomUUID());
    Path used;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().temporaryDataDir(parent).start()) {
      used = broker.dataDir();
      assertThat(used).isDirectory().startsWith(parent.toAbsolutePath());
    }
    assertThat(used).doesNotExist();
    DirectoryTree.delete(parent);
  }
}
