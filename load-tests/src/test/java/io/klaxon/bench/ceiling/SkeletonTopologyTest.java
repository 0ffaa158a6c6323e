package io.klaxon.bench.ceiling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class SkeletonTopologyTest {

  @Test
  void everyRecordGoesOnUnchangedAfterOneUpdateOfEachStore() {
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, "skeleton-test");
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    config.put(StreamsConfig.STATE_DIR_CONFIG, "target/skeleton-topology-test");
    try (TopologyTestDriver driver = new TopologyTestDriver(SkeletonTopology.build("in", "out"), config)) {
      TestInputTopic<byte[], byte[]> in = driver.createInputTopic("in", new ByteArraySerializer(), new ByteArraySerializer());
      TestOutputTopic<byte[], byte[]> out = driver.createOutputTopic("out", new ByteArrayDeserializer(),
          new ByteArrayDeserializer());

      in.pipeInput(record("acme", "first", fingerprint(1)));
      in.pipeInput(record("acme", "again", fingerprint(1)));
      in.pipeInput(record("acme", "other", fingerprint(2)));
      in.pipeInput(record("globex", "garbage", null));

      assertThat(out.readValuesToList()).extracting(v -> new String(v, StandardCharsets.UTF_8))
          .containsExactly("first", "again", "other", "garbage");
      KeyValueStore<Bytes, byte[]> byTenant = driver.getKeyValueStore(SkeletonTopology.STORE_BY_TENANT);
      KeyValueStore<Bytes, byte[]> byFingerprint = driver.getKeyValueStore(SkeletonTopology.STORE_BY_FINGERPRINT);
      assertThat(SkeletonTopology.count(byTenant.get(key("acme")))).isEqualTo(3);
      assertThat(SkeletonTopology.count(byTenant.get(key("globex")))).isEqualTo(1);
      try (var all = byFingerprint.all()) {
        assertThat(all).toIterable().as("two fingerprints of acme; globex, without one, by tenant").hasSize(3);
      }
      assertThat(SkeletonTopology.count(byFingerprint.get(key("globex")))).isEqualTo(1);
    }
  }

  private static TestRecord<byte[], byte[]> record(String tenant, String value, byte[] fingerprint) {
    RecordHeaders headers = new RecordHeaders();
    if (fingerprint != null) {
      headers.add(SkeletonTopology.FINGERPRINT_HEADER, fingerprint);
    }
    return new TestRecord<>(tenant.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8), headers,
        1_000L);
  }

  private static byte[] fingerprint(int seed) {
    byte[] bytes = new byte[32];
    java.util.Arrays.fill(bytes, (byte) seed);
    return bytes;
  }

  private static Bytes key(String tenant) {
    return Bytes.wrap(tenant.getBytes(StandardCharsets.UTF_8));
  }
}
