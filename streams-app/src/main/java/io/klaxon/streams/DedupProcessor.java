package io.klaxon.streams;

import io.klaxon.events.OutcomeType;
import io.klaxon.events.TenantConfig;
import io.klaxon.streams.dedup.DedupDecisions;
import io.klaxon.streams.dedup.DedupState;
import io.klaxon.streams.dedup.DedupStoreKey;
import io.klaxon.streams.dedup.ExpiryKeys;
import io.klaxon.streams.dedup.Fingerprints;
import io.klaxon.streams.route.RoutableAlert;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Suppresses duplicates per fingerprint ({@link DedupDecisions}) with the tenant's window and
 * repeat interval: an alert that passes goes on as a {@link RoutableAlert}, one that does not is
 * counted as deduplicated. Owns the dedup store (keyed by tenant id and fingerprint, see {@link
 * DedupStoreKey}) and its expiry index; reads the tenants store.
 *
 * <p>Expiry. State is forgotten once the tenant's window has passed since the fingerprint was last
 * seen, on punctuation by stream time bounded by the wall clock ({@link BoundedStreamTime}, so one
 * tenant's records timestamped ahead cannot make it forget another tenant's state). A punctuation
 * does not walk the store: the expiry index ({@link ExpiryKeys}, ordered by time) holds every entry
 * at or before the time it can expire, and a range scan finds only those due. The index is written
 * when an entry is created (or its last-seen time moves back), not on every duplicate: an entry
 * seen again since it was indexed is found not yet expired when its index key comes due, and is
 * indexed again at its new expiry, so each live fingerprint costs one index visit per window. Each
 * tenant's window is read from the tenants store once per punctuation. One punctuation examines at
 * most {@code expiryBatch} index keys; what is left waits for the next one, so a backlog is worked
 * off in bounded steps instead of one long pause.
 *
 * <p>A tenant whose window grows keeps its state the longer window (checked when the entry comes
 * due); one whose window shrinks decides with the shorter window at once (decisions read the
 * current window), and its existing entries are removed at the latest at the expiry they were
 * indexed at.
 *
 * <p>When the dedup state of a firing alert expires, its entry on the alert states topic is
 * removed ({@link AlertStatePublisher}).
 *
 * <p>A dedup store written before the index existed is indexed by a walk of the store, in the same
 * bounded steps, after which the index records that it is complete ({@link ExpiryKeys#COMPLETE}).
 */
final class DedupProcessor implements Processor<String, ValidAlert, String, Object> {
  /** Index keys examined per punctuation, by default. */
  static final int EXPIRY_BATCH = 10_000;

  private final TopologyConfig config;
  private final PipelineListener listener;
  private final OutcomeAudit audit;
  private final int expiryBatch;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, DedupState> store;
  private KeyValueStore<Bytes, byte[]> index;
  private KeyValueStore<String, TenantConfig> tenants;
  private AlertStatePublisher states;
  /** No index key is due before this time (kept in memory; from the lowest time after a restart). */
  private long indexedFrom = Long.MIN_VALUE;
  /** Where the walk that indexes an older store goes on from; null once the index is complete. */
  private String unindexedFrom;
  /** Whether the index is complete but not marked so yet (written at the next punctuation, not in init). */
  private boolean unmarked;

  DedupProcessor(TopologyConfig config, PipelineListener listener, OutcomeAudit audit) {
    this(config, listener, audit, EXPIRY_BATCH);
  }

  /** @param expiryBatch index keys (and, while an older store is indexed, store entries) examined per punctuation */
  DedupProcessor(TopologyConfig config, PipelineListener listener, OutcomeAudit audit, int expiryBatch) {
    if (expiryBatch < 1) {
      throw new IllegalArgumentException("expiryBatch must be at least 1, not " + expiryBatch);
    }
    this.config = config;
    this.listener = listener;
    this.audit = audit;
    this.expiryBatch = expiryBatch;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.store = context.getStateStore(KlaxonTopology.STORE_DEDUP);
    this.index = context.getStateStore(KlaxonTopology.STORE_DEDUP_EXPIRY);
    this.tenants = context.getStateStore(KlaxonTopology.STORE_TENANTS);
    this.states = AlertStatePublisher.of(context, config.publishAlertStates());
    if (index.get(ExpiryKeys.COMPLETE) == null) {
      try (KeyValueIterator<String, DedupState> all = store.all()) {
        // An empty store (a new deployment) has nothing to walk: every entry will be indexed as it is made.
        unmarked = !all.hasNext();
        unindexedFrom = unmarked ? null : "";
      }
    }
    new BoundedStreamTime(config.maxStreamTimeAhead()).schedule(context, config.expiryInterval(), this::expire);
  }

  @Override
  public void process(Record<String, ValidAlert> record) {
    ValidAlert alert = record.value();
    String fingerprint = Fingerprints.of(alert.event());
    String key = DedupStoreKey.of(record.key(), fingerprint);
    long window = window(alert.tenant());
    DedupState previous = store.get(key);
    DedupDecisions.Decision decision = DedupDecisions.decide(previous, alert.event().getStatus(),
        record.timestamp(), window, repeat(alert.tenant()));
    DedupState state = decision.state();
    store.put(key, state);
    if (previous == null || state.lastSeen() < previous.lastSeen()) {
      indexAt(ExpiryKeys.expiry(state.lastSeen(), window), key);
    }
    if (decision.pass()) {
      context.forward(record.withValue(new RoutableAlert(alert.event(), alert.tenant(), fingerprint, decision.repeat(),
          decision.duplicatesSuppressed())), KlaxonTopology.PROC_SILENCE);
    } else {
      listener.outcome(Outcome.DEDUPLICATED, record.key(), alert.tenant().getTier(), alert.event().getSeverity());
      audit.write(context, OutcomeAudit.of(OutcomeType.DEDUPLICATED, record.key(), alert.event().getEventId())
          .setDetail(fingerprint), record.timestamp());
    }
  }

  private void expire(long now) {
    Map<String, Long> windows = new HashMap<>();
    List<Bytes> due = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> range = index.range(ExpiryKeys.from(indexedFrom), ExpiryKeys.before(now))) {
      while (due.size() < expiryBatch && range.hasNext()) {
        due.add(range.next().key);
      }
    }
    for (Bytes indexKey : due) {
      index.delete(indexKey);
      settle(ExpiryKeys.storeKeyOf(indexKey), now, windows);
    }
    // Everything due before now has been settled, or the batch ended at the last key examined.
    indexedFrom = due.size() < expiryBatch ? now : ExpiryKeys.expiryOf(due.get(due.size() - 1));
    if (unindexedFrom != null) {
      indexOlderEntries(now, windows);
    } else if (unmarked) {
      index.put(ExpiryKeys.COMPLETE, new byte[0]);
      unmarked = false;
    }
  }

  /** Forgets an entry that has expired; indexes one that has not at its current expiry. */
  private void settle(String storeKey, long now, Map<String, Long> windows) {
    DedupState state = store.get(storeKey);
    if (state != null) {
      settle(storeKey, state, now, windows);
    }
  }

  private void settle(String storeKey, DedupState state, long now, Map<String, Long> windows) {
    long window = windows.computeIfAbsent(DedupStoreKey.tenantOf(storeKey), this::windowOf);
    if (DedupDecisions.expired(state, now, window)) {
      store.delete(storeKey);
      states.ended(storeKey, now);
    } else {
      indexAt(ExpiryKeys.expiry(state.lastSeen(), window), storeKey);
    }
  }

  /** One bounded step of the walk that indexes entries of a store written before the index existed. */
  private void indexOlderEntries(long now, Map<String, Long> windows) {
    List<KeyValue<String, DedupState>> entries = new ArrayList<>();
    try (KeyValueIterator<String, DedupState> range = store.range(unindexedFrom, null)) {
      while (entries.size() < expiryBatch && range.hasNext()) {
        entries.add(range.next());
      }
    }
    for (KeyValue<String, DedupState> entry : entries) {
      settle(entry.key, entry.value, now, windows);
    }
    if (entries.size() < expiryBatch) {
      index.put(ExpiryKeys.COMPLETE, new byte[0]);
      unindexedFrom = null;
    } else {
      // The smallest key after the last one walked: the same characters followed by U+0000.
      unindexedFrom = entries.get(entries.size() - 1).key + '\u0000';
    }
  }

  private void indexAt(long expiry, String storeKey) {
    index.put(ExpiryKeys.of(expiry, storeKey), new byte[0]);
    indexedFrom = Math.min(indexedFrom, expiry);
  }

  private long windowOf(String tenantId) {
    TenantConfig tenant = tenants.get(tenantId);
    return tenant == null ? config.defaultDedupWindow().toMillis() : window(tenant);
  }

  private long window(TenantConfig tenant) {
    return tenant.getDedupWindowMs() != null ? tenant.getDedupWindowMs() : config.defaultDedupWindow().toMillis();
  }

  private long repeat(TenantConfig tenant) {
    return tenant.getRepeatIntervalMs() != null ? tenant.getRepeatIntervalMs() : config.defaultRepeatInterval().toMillis();
  }
}
