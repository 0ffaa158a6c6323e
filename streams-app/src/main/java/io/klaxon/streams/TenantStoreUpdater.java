package io.klaxon.streams;

import io.klaxon.events.TenantConfig;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the global tenants store equal to the compacted tenants topic: a value replaces the
 * tenant's configuration, a tombstone deletes it. A record whose key differs from its tenant id is
 * stored under its key, which is what producers look up by.
 */
final class TenantStoreUpdater implements Processor<String, TenantConfig, Void, Void> {
  private KeyValueStore<String, TenantConfig> tenants;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    tenants = context.getStateStore(KlaxonTopology.STORE_TENANTS);
  }

  @Override
  public void process(Record<String, TenantConfig> record) {
    if (record.key() == null) {
      return;
    }
    if (record.value() == null) {
      tenants.delete(record.key());
    } else {
      tenants.put(record.key(), record.value());
    }
  }
}
