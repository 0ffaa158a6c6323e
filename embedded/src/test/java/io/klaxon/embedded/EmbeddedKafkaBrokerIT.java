package io.klaxon.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klaxon.embedded.junit.BrokerAndRegistryExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddedKafkaBrokerIT {
  @RegisterExtension
  static final BrokerAndRegistryExtension KAFKA = BrokerAndRegistryExtension.brokerOnly();

  private static String unique(String prefix) {
    return BrokerAndRegistryExtension.unique(prefix);
  }

  @SuppressWarnings("FutureReturnValueIgnored") // The transaction commit or flush sends them; the test reads back exactly what was sent.
  @Test
  void producesAndConsumesOnACreatedTopic() {
    String topic = unique("plain");
    KAFKA.createTopics(TopicSpec.of(topic, 3));

    try (KafkaProducer<String, String> producer = producer(Map.of())) {
      for (int i = 0; i < 10; i++) {
        producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i));
      }
      producer.flush();
    }

    assertThat(consumeAll(topic, 10, "read_uncommitted"))
        .extracting(ConsumerRecord::value)
        .containsExactlyInAnyOrder("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9");
  }

  @Test
  @SuppressWarnings("FutureReturnValueIgnored") // The commit sends them; the test reads back exactly what was committed.
  void commitsATransaction() {
    String topic = unique("tx");
    KAFKA.createTopics(TopicSpec.of(topic, 1));

    try (KafkaProducer<String, String> producer = producer(Map.of(
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, unique("tx-id"),
        ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000))) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "a", "aborted"));
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "c", "committed"));
      producer.commitTransaction();
    }

    assertThat(consumeAll(topic, 1, "read_committed"))
        .extracting(ConsumerRecord::value)
        .containsExactly("committed");
  }

  @Test
  void createsCompactedTopicsAndToleratesExistingOnes() throws Exception {
    String topic = unique("compacted");
    KAFKA.createTopics(TopicSpec.compacted(topic, 2));
    KAFKA.createTopics(TopicSpec.compacted(topic, 2));

    try (Admin admin = Admin.create(KAFKA.clientConfig())) {
      TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
      assertThat(description.partitions()).hasSize(2);
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
      assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
      assertThat(config.get(TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG).value()).isEqualTo("3600000");
    }
  }

  @Test
  void doesNotCreateTopicsAutomatically() {
    String topic = unique("never-created");
    try (KafkaProducer<String, String> producer = producer(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000))) {
      assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", "v")).get())
          .satisfiesAnyOf(
              e -> assertThat(e).isInstanceOf(TimeoutException.class),
              e -> assertThat(e).hasRootCauseInstanceOf(UnknownTopicOrPartitionException.class),
              e -> assertThat(e).hasRootCauseInstanceOf(TimeoutException.class));
    }
    try (Admin admin = Admin.create(KAFKA.clientConfig())) {
      Awaitility.await().atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(admin.listTopics().names().get()).doesNotContain(topic));
    }
  }

  @Test
  void bootstrapServersIsOnLoopback() {
    assertThat(KAFKA.bootstrapServers()).isEqualTo("127.0.0.1:" + KAFKA.broker().port());
    assertThat(KAFKA.broker().clusterId()).isNotBlank();
  }

  private static KafkaProducer<String, String> producer(Map<String, Object> extra) {
    Map<String, Object> config = KAFKA.clientConfig();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.putAll(extra);
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  static List<ConsumerRecord<String, String>> consumeAll(EmbeddedKafkaBroker on, String topic, int expected, String isolation) {
    Map<String, Object> config = on.clientConfig();
    config.put(ConsumerConfig.GROUP_ID_CONFIG, unique("group"));
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return records.size() >= expected;
      });
      // A little longer, so that unexpected extra records (e.g. aborted ones) would show up.
      consumer.poll(Duration.ofMillis(500)).forEach(records::add);
    }
    return records;
  }

  private static List<ConsumerRecord<String, String>> consumeAll(String topic, int expected, String isolation) {
    return consumeAll(KAFKA.broker(), topic, expected, isolation);
  }
}
