package io.klaxon.bench.jmh;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.Severity;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.registry.InMemorySchemaRegistry;
import io.klaxon.streams.dedup.DedupDecisions;
import io.klaxon.streams.dedup.DedupState;
import io.klaxon.streams.dedup.Fingerprints;
import io.klaxon.streams.ratelimit.BucketState;
import io.klaxon.streams.ratelimit.Limits;
import io.klaxon.streams.ratelimit.TokenBuckets;
import io.klaxon.streams.validate.AlertValidator;
import io.klaxon.topics.KlaxonTopics;
import io.klaxon.topics.Topic;
import io.klaxon.topics.TopicNames;
import io.klaxon.traffic.TenantProfile;
import io.klaxon.traffic.TrafficGenerator;
import io.klaxon.traffic.TrafficMix;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
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
 * The topology's per-event work outside Kafka: decode + validate, fingerprint, and the rate limiter
 * and dedup decisions with their state serdes (what a store get/put costs beyond RocksDB).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class PipelineStepsBenchmark {
  private static final int EVENTS = 1024;

  private String topic;
  private Deserializer<AlertEvent> deserializer;
  private AlertValidator validator;
  private TenantConfig tenant;
  private byte[][] payloads;
  private AlertEvent[] events;
  private Limits limits;
  private Serde<BucketState> bucketSerde;
  private Serde<DedupState> dedupSerde;
  private byte[] bucketBytes;
  private byte[] dedupBytes;
  private long now;
  private int next;

  @Setup
  public void setUp() {
    // The alerts topic as the topology reads it: the same value serde the validate step decodes with.
    Topic<String, AlertEvent> alerts = KlaxonTopics.of(TopicNames.DEFAULTS, new InMemorySchemaRegistry()).alerts();
    topic = alerts.name();
    Serializer<AlertEvent> writer = alerts.valueSerde().serializer();
    deserializer = alerts.valueSerde().deserializer();
    TrafficGenerator generator = new TrafficGenerator(42, TrafficMix.typical(List.of(
        new TenantProfile("acme", Tier.ENTERPRISE, List.of("fr", "de"), 1))), e -> writer.serialize(topic, e));
    validator = new AlertValidator(Duration.ofMinutes(5));
    tenant = TenantConfig.newBuilder().setTenantId("acme").setTier(Tier.ENTERPRISE).build();
    payloads = new byte[EVENTS][];
    events = new AlertEvent[EVENTS];
    now = 1_790_000_000_000L;
    for (int i = 0; i < EVENTS; i++) {
      payloads[i] = generator.next(now).value();
      events[i] = deserializer.deserialize(topic, payloads[i]);
    }
    limits = Limits.forTier(Tier.ENTERPRISE);
    bucketSerde = BucketState.serde();
    dedupSerde = DedupState.serde();
    bucketBytes = bucketSerde.serializer().serialize(null, BucketState.full(limits, now));
    dedupBytes = dedupSerde.serializer().serialize(null, new DedupState(true, now, now, 0));
  }

  @Benchmark
  public Optional<?> decodeAndValidate() {
    AlertEvent event = deserializer.deserialize(topic, payloads[next++ & (EVENTS - 1)]);
    return validator.validate(event, tenant, now);
  }

  @Benchmark
  public String fingerprint() {
    return Fingerprints.of(events[next++ & (EVENTS - 1)]);
  }

  @Benchmark
  public byte[] rateLimiterDecision() {
    BucketState state = bucketSerde.deserializer().deserialize(null, bucketBytes);
    TokenBuckets.Decision decision = TokenBuckets.take(state, limits, Severity.INFO, now + (next++ & 1023));
    return bucketSerde.serializer().serialize(null, decision.state());
  }

  @Benchmark
  public byte[] dedupDecision() {
    DedupState state = dedupSerde.deserializer().deserialize(null, dedupBytes);
    DedupDecisions.Decision decision = DedupDecisions.decide(state, AlertStatus.FIRING, now + (next++ & 1023),
        300_000, 14_400_000);
    return dedupSerde.serializer().serialize(null, decision.state());
  }
}
