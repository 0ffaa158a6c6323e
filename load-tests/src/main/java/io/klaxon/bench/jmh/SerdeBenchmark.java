package io.klaxon.bench.jmh;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.Tier;
import io.klaxon.registry.InMemorySchemaRegistry;
import io.klaxon.serde.SpecificAvroDeserializer;
import io.klaxon.serde.SpecificAvroSerde;
import io.klaxon.serde.SpecificAvroSerializer;
import io.klaxon.traffic.TenantProfile;
import io.klaxon.traffic.TrafficGenerator;
import io.klaxon.traffic.TrafficMix;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

/** Wire-format encode and decode of a typical AlertEvent (about 300 bytes), one thread. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class SerdeBenchmark {
  private static final String TOPIC = "klaxon.alerts.v1";
  private static final int EVENTS = 1024;

  private SpecificAvroSerializer<AlertEvent> serializer;
  private SpecificAvroDeserializer<AlertEvent> deserializer;
  private AlertEvent[] events;
  private byte[][] payloads;
  private int next;

  @Setup
  public void setUp() {
    SpecificAvroSerde<AlertEvent> serde = SpecificAvroSerde.of(new InMemorySchemaRegistry(), AlertEvent.class);
    serializer = serde.serializer();
    deserializer = serde.deserializer();
    TrafficGenerator generator = new TrafficGenerator(42, TrafficMix.typical(List.of(
        new TenantProfile("acme", Tier.ENTERPRISE, List.of("fr", "de"), 1),
        new TenantProfile("globex", Tier.STANDARD, List.of("ja", "ar"), 1))), e -> serializer.serialize(TOPIC, e));
    events = new AlertEvent[EVENTS];
    payloads = new byte[EVENTS][];
    for (int i = 0; i < EVENTS; i++) {
      payloads[i] = generator.next(1_790_000_000_000L + i).value();
      events[i] = deserializer.deserialize(TOPIC, payloads[i]);
    }
  }

  @Benchmark
  public AlertEvent decode() {
    return deserializer.deserialize(TOPIC, payloads[next++ & (EVENTS - 1)]);
  }

  @Benchmark
  public byte[] encode() {
    return serializer.serialize(TOPIC, events[next++ & (EVENTS - 1)]);
  }
}
