package io.klaxon.streams;

import io.klaxon.events.TenantConfig;
import io.klaxon.registry.InMemorySchemaRegistry;
import io.klaxon.serde.SpecificAvroSerde;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * In-memory key-value stores attached to a {@link MockProcessorContext} under the topology's store
 * names, so a processor finds them in {@code init} as it would in the topology. Without changelog
 * and cache, which the mock context does not support.
 */
final class InMemoryStores {
  private InMemoryStores() {}

  /** A store named {@code name} with string keys, attached to {@code context}. */
  static <V> KeyValueStore<String, V> attach(MockProcessorContext<?, ?> context, String name, Serde<V> values) {
    KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values)
        .withLoggingDisabled()
        .build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    return store;
  }

  /** The dedup expiry index (bytes to bytes), attached to {@code context}. */
  static KeyValueStore<Bytes, byte[]> dedupExpiry(MockProcessorContext<?, ?> context) {
    KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(KlaxonTopology.STORE_DEDUP_EXPIRY), Serdes.Bytes(), Serdes.ByteArray())
        .withLoggingDisabled()
        .build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    return store;
  }

  /** The tenants store, holding {@code tenants} under their ids. */
  static KeyValueStore<String, TenantConfig> tenants(MockProcessorContext<?, ?> context, TenantConfig... tenants) {
    KeyValueStore<String, TenantConfig> store = attach(context, KlaxonTopology.STORE_TENANTS,
        SpecificAvroSerde.of(new InMemorySchemaRegistry(), TenantConfig.class));
    for (TenantConfig tenant : tenants) {
      store.put(tenant.getTenantId(), tenant);
    }
    return store;
  }
}
