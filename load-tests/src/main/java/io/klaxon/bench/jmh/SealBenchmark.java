package io.klaxon.bench.jmh;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.Channel;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.NotificationType;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.events.WebhookTarget;
import io.klaxon.privacy.Keyring;
import io.klaxon.privacy.MasterKey;
import io.klaxon.privacy.MasterKeys;
import io.klaxon.privacy.Sealer;
import io.klaxon.privacy.Sealers;
import io.klaxon.registry.InMemorySchemaRegistry;
import io.klaxon.topics.KlaxonTopics;
import io.klaxon.topics.TopicNames;
import io.klaxon.traffic.TenantProfile;
import io.klaxon.traffic.TrafficGenerator;
import io.klaxon.traffic.TrafficMix;
import java.time.Instant;
import java.util.ArrayList;
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
 * What sealing adds to writing a notification, and opening to reading one: a typical alert
 * notification (realistic title, message and labels, a webhook target) written with the
 * notifications topic's value serde plain, and sealed first (the whole record encrypted with
 * AES-256-GCM under the tenant's data key, the clear copy emptied); read plain, and read then
 * opened. One thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class SealBenchmark {
  private static final int REQUESTS = 1024;

  private String topic;
  private Serializer<NotificationRequest> serializer;
  private Deserializer<NotificationRequest> deserializer;
  private Sealer<NotificationRequest> sealer;
  private Keyring keyring;
  private NotificationRequest[] requests;
  private byte[][] plain;
  private byte[][] sealed;
  private int next;

  @Setup
  public void setUp() {
    KlaxonTopics topics = KlaxonTopics.of(TopicNames.DEFAULTS, new InMemorySchemaRegistry());
    topic = topics.notifications().name();
    serializer = topics.notifications().valueSerde().serializer();
    deserializer = topics.notifications().valueSerde().deserializer();
    sealer = Sealers.notifications(topics);
    MasterKeys masters = MasterKeys.of(MasterKey.parse("bench", MasterKey.generate()));
    keyring = new Keyring(masters);
    keyring.update("acme", TenantConfig.newBuilder().setTenantId("acme").setTier(Tier.ENTERPRISE)
        .setDataKeys(new ArrayList<>(List.of(masters.newDataKey("acme", Instant.now())))).build());
    Serializer<AlertEvent> alerts = topics.alerts().valueSerde().serializer();
    Deserializer<AlertEvent> alertReader = topics.alerts().valueSerde().deserializer();
    TrafficGenerator generator = new TrafficGenerator(42, TrafficMix.typical(List.of(
        new TenantProfile("acme", Tier.ENTERPRISE, List.of("fr", "de"), 1))), e -> alerts.serialize(topics.alerts().name(), e));
    requests = new NotificationRequest[REQUESTS];
    plain = new byte[REQUESTS][];
    sealed = new byte[REQUESTS][];
    for (int i = 0; i < REQUESTS; i++) {
      AlertEvent alert = alertReader.deserialize(topics.alerts().name(), generator.next(1_790_000_000_000L + i).value());
      requests[i] = NotificationRequest.newBuilder().setNotificationId("n-" + i).setTenantId("acme").setTier(Tier.ENTERPRISE)
          .setType(NotificationType.ALERT).setAlert(AlertEvent.newBuilder(alert).setTenantId("acme").build())
          .setFingerprint("fp-" + i)
          .setTarget(new ChannelTarget("siem", Channel.WEBHOOK, null, null,
              new WebhookTarget("https://siem.acme.example/hook", "env:SECRET"), null, null))
          .setRouteName("default").setTenantLocale("fr").setTimeZone("Europe/Paris").setRoutedAt(Instant.now()).build();
      plain[i] = serializer.serialize(topic, requests[i]);
      sealed[i] = serializer.serialize(topic, sealer.seal(requests[i], keyring));
    }
  }

  @Benchmark
  public byte[] writePlain() {
    return serializer.serialize(topic, requests[next++ & (REQUESTS - 1)]);
  }

  @Benchmark
  public byte[] writeSealed() {
    return serializer.serialize(topic, sealer.seal(requests[next++ & (REQUESTS - 1)], keyring));
  }

  @Benchmark
  public NotificationRequest readPlain() {
    return deserializer.deserialize(topic, plain[next++ & (REQUESTS - 1)]);
  }

  @Benchmark
  public Object readAndOpen() {
    return sealer.open(deserializer.deserialize(topic, sealed[next++ & (REQUESTS - 1)]), keyring);
  }
}
