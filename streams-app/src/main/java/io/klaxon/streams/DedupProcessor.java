package io.klaxon.streams;

import io.klaxon.events.TenantConfig;
import io.klaxon.streams.dedup.DedupDecisions;
import io.klaxon.streams.dedup.DedupState;
import io.klaxon.streams.dedup.DedupStoreKey;
import io.klaxon.streams.dedup.Fingerprints;
import io.klaxon.streams.route.RoutableAlert;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Suppresses duplicates per fingerprint ({@link DedupDecisions}) with the tenant's window and
 * repeat interval: an alert that passes goes on as a {@link RoutableAlert}, one that does not is
 * counted as deduplicated. Forgets state once the window has passed (punctuation on stream time,
 * bounded by the wall clock: {@link BoundedStreamTime}, so one tenant's records timestamped ahead
 * cannot make it forget another tenant's state), so the store holds only fingerprints seen within
 * their tenant's window. Owns the dedup store (keyed
 * by tenant id and fingerprint, see {@link #storeKey}); reads the tenants store.
 */
final class DedupProcessor implements Processor<String, ValidAlert, String, RoutableAlert> {
  private final TopologyConfig config;
  private final PipelineListener listener;
  private ProcessorContext<String, RoutableAlert> context;
  private KeyValueStore<String, DedupState> store;
  private KeyValueStore<String, TenantConfig> tenants;

  DedupProcessor(TopologyConfig config, PipelineListener listener) {
    this.config = config;
    this.listener = listener;
  }

  @Override
  public void init(ProcessorContext<String, RoutableAlert> context) {
    this.context = context;
    this.store = context.getStateStore(KlaxonTopology.STORE_DEDUP);
    this.tenants = context.getStateStore(KlaxonTopology.STORE_TENANTS);
    new BoundedStreamTime(config.maxStreamTimeAhead()).schedule(context, config.expiryInterval(), this::expire);
  }

  @Override
  public void process(Record<String, ValidAlert> record) {
    ValidAlert alert = record.value();
    String fingerprint = Fingerprints.of(alert.event());
    String key = DedupStoreKey.of(record.key(), fingerprint);
    DedupDecisions.Decision decision = DedupDecisions.decide(store.get(key), alert.event().getStatus(),
        record.timestamp(), window(alert.tenant()), repeat(alert.tenant()));
    store.put(key, decision.state());
    if (decision.pass()) {
      context.forward(record.withValue(new RoutableAlert(alert.event(), alert.tenant(), fingerprint, decision.repeat(),
          decision.duplicatesSuppressed())));
    } else {
      listener.outcome(Outcome.DEDUPLICATED, record.key(), alert.tenant().getTier(), alert.event().getSeverity());
    }
  }

  private void expire(long now) {
    List<String> expired = new ArrayList<>();
    try (KeyValueIterator<String, DedupState> all = store.all()) {
      all.forEachRemaining(entry -> {
        TenantConfig tenant = tenants.get(DedupStoreKey.tenantOf(entry.key));
        long window = tenant == null ? config.defaultDedupWindow().toMillis() : window(tenant);
        if (DedupDecisions.expired(entry.value, now, window)) {
          expired.add(entry.key);
        }
      });
    }
    expired.forEach(store::delete);
  }

  private long window(TenantConfig tenant) {
    return tenant.getDedupWindowMs() != null ? tenant.getDedupWindowMs() : config.defaultDedupWindow().toMillis();
  }

  private long repeat(TenantConfig tenant) {
    return tenant.getRepeatIntervalMs() != null ? tenant.getRepeatIntervalMs() : config.defaultRepeatInterval().toMillis();
  }

}
