package io.klaxon.streams;

import static io.klaxon.streams.Samples.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class TenantStoreUpdaterTest {
  private static final TenantConfig ACME = Samples.tenant("acme", Tier.ENTERPRISE);

  private final MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
  private final KeyValueStore<String, TenantConfig> tenants = InMemoryStores.tenants(context);
  private final TenantStoreUpdater updater = new TenantStoreUpdater();

  TenantStoreUpdaterTest() {
    updater.init(context);
  }

  @Test
  void aValueReplacesTheTenantsConfiguration() {
    updater.process(new Record<>("acme", ACME, T0));
    TenantConfig upgraded = TenantConfig.newBuilder(ACME).setTier(Tier.PROFESSIONAL).build();

    updater.process(new Record<>("acme", upgraded, T0 + 1));

    assertThat(tenants.get("acme")).isEqualTo(upgraded);
  }

  @Test
  void aTombstoneDeletesTheTenant() {
    updater.process(new Record<>("acme", ACME, T0));

    updater.process(new Record<>("acme", null, T0 + 1));

    assertThat(tenants.get("acme")).isNull();
  }

  @Test
  void aRecordWithoutKeyIsIgnored() {
    updater.process(new Record<>(null, ACME, T0));

    assertThat(tenants.approximateNumEntries()).isZero();
  }
}
