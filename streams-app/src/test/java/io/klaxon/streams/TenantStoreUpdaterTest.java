package io.klaxon.streams;

import static io.klaxon.streams.Samples.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.privacy.Keyring;
import io.klaxon.registry.InMemorySchemaRegistry;
import io.klaxon.registry.SchemaRegistryUnavailableException;
import io.klaxon.serde.SpecificAvroSerializer;
import io.klaxon.topics.KlaxonTopics;
import io.klaxon.topics.Topic;
import io.klaxon.topics.TopicNames;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class TenantStoreUpdaterTest {
  private static final TenantConfig ACME = Samples.tenant("acme", Tier.ENTERPRISE);

  private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
  private final FlakySchemaRegistry flaky = new FlakySchemaRegistry(registry);
  private final Topic<String, TenantConfig> topic = KlaxonTopics.of(TopicNames.DEFAULTS, flaky.registry()).tenants();
  private final SpecificAvroSerializer<TenantConfig> producer = new SpecificAvroSerializer<>(registry, false, true);
  private final MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
  private final KeyValueStore<String, TenantConfig> tenants = InMemoryStores.tenants(context);
  private final TopologyFixture.CountingListener listener = new TopologyFixture.CountingListener();
  private final TenantTableStatus status = new TenantTableStatus();
  private final TenantConfigs decoded = new TenantConfigs();
  private final TenantStoreUpdater updater = new TenantStoreUpdater(topic, listener, status, Keyring.none(), decoded);

  TenantStoreUpdaterTest() {
    updater.init(context);
  }

  private byte[] bytes(TenantConfig config) {
    return producer.serialize(topic.name(), config);
  }

  @Test
  void aValueReplacesTheTenantsConfiguration() {
    updater.process(new Record<>("acme", bytes(ACME), T0));
    assertThat(decoded.get(tenants, "acme")).isEqualTo(ACME);
    TenantConfig upgraded = TenantConfig.newBuilder(ACME).setTier(Tier.PROFESSIONAL).build();

    updater.process(new Record<>("acme", bytes(upgraded), T0 + 1));

    assertThat(tenants.get("acme")).isEqualTo(upgraded);
    assertThat(decoded.get(tenants, "acme")).as("the decoded view after the update").isEqualTo(upgraded);
  }

  @Test
  void aTombstoneDeletesTheTenant() {
    updater.process(new Record<>("acme", bytes(ACME), T0));
    assertThat(decoded.get(tenants, "acme")).isEqualTo(ACME);

    updater.process(new Record<>("acme", null, T0 + 1));

    assertThat(tenants.get("acme")).isNull();
    assertThat(decoded.get(tenants, "acme")).as("the decoded view after the tombstone").isNull();
  }

  @Test
  void aRecordWithoutKeyIsRefusedAndCounted() {
    updater.process(new Record<>(null, bytes(ACME), T0));

    assertThat(tenants.approximateNumEntries()).isZero();
    assertThat(listener.refused(TenantUpdateRefusal.MISSING_KEY)).isEqualTo(1);
  }

  @Test
  void aRecordKeyedByAnotherTenantIsRefusedAndTheStoreKeepsThePreviousValue() {
    updater.process(new Record<>("acme", bytes(ACME), T0));

    updater.process(new Record<>("acme", bytes(Samples.tenant("globex", Tier.TRIAL)), T0 + 1));

    assertThat(tenants.get("acme")).isEqualTo(ACME);
    assertThat(tenants.get("globex")).isNull();
    assertThat(listener.refused(TenantUpdateRefusal.KEY_MISMATCH)).isEqualTo(1);
  }

  @Test
  void aValueThatDoesNotDecodeIsRefusedAndTheStoreKeepsThePreviousValue() {
    updater.process(new Record<>("acme", bytes(ACME), T0));

    updater.process(new Record<>("acme", new byte[] {0, 0, 0, 0x30, 0x39, 1}, T0 + 1)); // unknown schema id 12345
    updater.process(new Record<>("acme", "{\"tenantId\":\"acme\"}".getBytes(StandardCharsets.UTF_8), T0 + 2));

    assertThat(tenants.get("acme")).isEqualTo(ACME);
    assertThat(listener.refused(TenantUpdateRefusal.UNDECODABLE)).isEqualTo(2);
  }

  @Test
  void aRegistryOutageIsRetriedUntilTheRegistryAnswersNeverSkipped() {
    byte[] acme = bytes(ACME);
    flaky.failSchemaLookups(2);

    updater.process(new Record<>("acme", acme, T0));

    assertThat(flaky.failedCalls()).isEqualTo(2);
    assertThat(tenants.get("acme")).isEqualTo(ACME);
    assertThat(status.isBehind()).as("caught up").isFalse();
    assertThat(listener.refusals).isEmpty();
  }

  @Test
  void closingTheStatusEndsAWaitWithTheRecordUnappliedAndTheTableBehind() {
    byte[] acme = bytes(ACME);
    status.close();
    flaky.failSchemaLookups(1);

    assertThatThrownBy(() -> updater.process(new Record<>("acme", acme, T0)))
        .isInstanceOf(SchemaRegistryUnavailableException.class);

    assertThat(tenants.get("acme")).isNull();
    assertThat(status.isBehind()).isTrue();
    assertThat(listener.refusals).as("an outage is not bad data").isEmpty();
  }
}
