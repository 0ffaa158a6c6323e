package io.klaxon.bench.jmh;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.Tier;
import io.klaxon.registry.InMemorySchemaRegistry;
import io.klaxon.topics.KlaxonTopics;
import io.klaxon.topics.Topic;
import io.klaxon.topics.TopicNames;
import io.klaxon.traffic.TenantProfile;
import io.klaxon.traffic.TrafficGenerator;
import io.klaxon.traffic.TrafficMix;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Wire-format encode and decode of a typical AlertEvent (about 300 bytes) with the alerts topic's
 * value serde, one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class SerdeBenchmark {
  private static final int EVENTS = 1024;

  private String topic;
  private Serializer<AlertEvent> serializer;
  private Deserializer<AlertEvent> deserializer;
  private AlertEvent[] events;
  private byte[][] payloads;
  private int next;

  @Setup
  public void setUp() {
    Topic<String, AlertEvent> alerts = KlaxonTopics.of(TopicNames.DEFAULTS, new InMemorySchemaRegistry()).alerts();
    topic = alerts.name();
    serializer = alerts.valueSerde().serializer();
    deserializer = alerts.valueSerde().deserializer();
    TrafficGenerator generator = new TrafficGenerator(42, TrafficMix.typical(List.of(
        new TenantProfile("acme", Tier.ENTERPRISE, List.of("fr", "de"), 1),
        new TenantProfile("globex", Tier.STANDARD, List.of("ja", "ar"), 1))), e -> serializer.serialize(topic, e));
    events = new AlertEvent[EVENTS];
    payloads = new byte[EVENTS][];
    for (int i = 0; i < EVENTS; i++) {
      payloads[i] = generator.next(1_790_000_000_000L + i).value();
      events[i] = deserializer.deserialize(topic, payloads[i]);
    }
  }

  @Benchmark
  public AlertEvent decode() {
    return deserializer.deserialize(topic, payloads[next++ & (EVENTS - 1)]);
  }

  @Benchmark
  public byte[] encode() {
    return serializer.serialize(topic, events[next++ & (EVENTS - 1)]);
  }
}
