package io.klaxon.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * The decoded view of the tenants store. The store under test keeps Avro bytes, like the real one,
 * so each read of it decodes a new object: handing out the same object means it was not decoded again.
 */
class TenantConfigsTest {
  private static final TenantConfig ACME = Samples.tenant("acme", Tier.ENTERPRISE);
  private final KeyValueStore<String, TenantConfig> store = InMemoryStores.tenants(new MockProcessorContext<>(), ACME);
  private final TenantConfigs decoded = new TenantConfigs();

  @Test
  void aTenantIsDecodedOnceUntilTheStoreChanges() {
    assertThat(store.get("acme")).as("the store decodes anew on each read").isNotSameAs(store.get("acme"));

    TenantConfig first = decoded.get(store, "acme");

    assertThat(first).isEqualTo(ACME);
    assertThat(decoded.get(store, "acme")).isSameAs(first);
  }

  @Test
  void afterAChangeEveryTenantIsReadFromTheStoreAgain() {
    TenantConfig before = decoded.get(store, "acme");
    TenantConfig upgraded = TenantConfig.newBuilder(ACME).setTier(Tier.PROFESSIONAL).build();
    store.put("acme", upgraded);

    assertThat(decoded.get(store, "acme")).as("not yet told").isSameAs(before);
    decoded.changed();

    assertThat(decoded.get(store, "acme")).isEqualTo(upgraded);
  }

  @Test
  void aTenantDeletedFromTheStoreIsGoneAfterTheChange() {
    decoded.get(store, "acme");
    store.delete("acme");
    decoded.changed();

    assertThat(decoded.get(store, "acme")).isNull();
  }

  @Test
  void unknownTenantsAreNotKept() {
    for (int i = 0; i < 100; i++) {
      assertThat(decoded.get(store, "made-up-" + i)).isNull();
    }
    assertThat(decoded.kept()).isZero();
  }

  @Test
  void atMostTheLimitIsKept() {
    for (int i = 0; i <= TenantConfigs.MAX_KEPT; i++) {
      store.put("t" + i, Samples.tenant("t" + i, Tier.TRIAL));
    }
    for (int i = 0; i <= TenantConfigs.MAX_KEPT; i++) {
      assertThat(decoded.get(store, "t" + i)).isNotNull();
    }
    assertThat(decoded.kept()).isBetween(1, TenantConfigs.MAX_KEPT);
  }
}
