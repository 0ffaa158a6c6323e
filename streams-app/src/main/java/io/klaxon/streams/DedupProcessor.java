package io.klaxon.streams;

import io.klaxon.events.OutcomeType;
import io.klaxon.events.TenantConfig;
import io.klaxon.streams.dedup.DedupDecisions;
import io.klaxon.streams.dedup.DedupState;
import io.klaxon.streams.dedup.DedupStoreKey;
import io.klaxon.streams.dedup.ExpiryKeys;
import io.klaxon.streams.dedup.Fingerprints;
import io.klaxon.streams.route.RoutableAlert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
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
 * <p>The index is derived state: it is not logged, so a changelog holds only the dedup store itself
 * and a restore after a crash or a move reads only that. (Every index key is unique, so a logged
 * index kept a tombstone for every key it ever held for a day, and restoring it read them all.)
 * When the task starts, its index may be empty (new on this instance, or wiped after a crash) or
 * stale (kept from when the task last ran here), so the store is walked once, in bounded steps on
 * the wall clock ({@code walkBatch} entries per {@link #WALK_INTERVAL}), and every entry is
 * indexed at its current expiry. Until the walk reaches an entry it is not forgotten, which costs
 * only space: decisions compare times with the window and treat an expired entry as absent. A
 * stale index key is harmless: when it comes due the entry it names is found gone or not yet
 * expired, and the key is deleted. The one-byte completion mark that older versions wrote sorts
 * before every time key and is never visited.
 */
final class DedupProcessor implements Processor<String, ValidAlert, String, Object> {
  /** Index keys examined per punctuation, by default. */
  static final int EXPIRY_BATCH = 10_000;
  /** Store entries indexed per step of the walk at start, by default. */
  static final int WALK_BATCH = 2_000;
  /** How often (wall clock) the walk at start takes a step. */
  static final Duration WALK_INTERVAL = Duration.ofSeconds(1);

  private final TopologyConfig config;
  private final PipelineListener listener;
  private final OutcomeAudit audit;
  private final int expiryBatch;
  private final int walkBatch;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, DedupState> store;
  private KeyValueStore<Bytes, byte[]> index;
  private KeyValueStore<String, TenantConfig> tenants;
  private AlertStatePublisher states;
  /** No index key is due before this time (kept in memory; from the lowest time after a restart). */
  private long indexedFrom = Long.MIN_VALUE;
  /** Where the walk that indexes the store goes on from; null once it has reached the end. */
  private String unindexedFrom;
  private Cancellable walk;

  DedupProcessor(TopologyConfig config, PipelineListener listener, OutcomeAudit audit) {
    this(config, listener, audit, EXPIRY_BATCH, WALK_BATCH);
  }

  /**
   * @param expiryBatch index keys examined per expiry punctuation
   * @param walkBatch store entries indexed per step of the walk at start
   */
  DedupProcessor(TopologyConfig config, PipelineListener listener, OutcomeAudit audit, int expiryBatch, int walkBatch) {
    if (expiryBatch < 1 || walkBatch < 1) {
      throw new IllegalArgumentException("expiryBatch and walkBatch must be at least 1, not " + expiryBatch + " and "
          + walkBatch);
    }
    this.config = config;
    this.listener = listener;
    this.audit = audit;
    this.expiryBatch = expiryBatch;
    this.walkBatch = walkBatch;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.store = context.getStateStore(KlaxonTopology.STORE_DEDUP);
    this.index = context.getStateStore(KlaxonTopology.STORE_DEDUP_EXPIRY);
    this.tenants = context.getStateStore(KlaxonTopology.STORE_TENANTS);
    this.states = AlertStatePublisher.of(context, config.publishAlertStates());
    try (KeyValueIterator<String, DedupState> all = store.all()) {
      // An empty store has nothing to walk: every entry will be indexed as it is made.
      unindexedFrom = all.hasNext() ? "" : null;
    }
    new BoundedStreamTime(config.maxStreamTimeAhead()).schedule(context, config.expiryInterval(), this::expire);
    if (unindexedFrom != null) {
      walk = context.schedule(WALK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, wallClock -> indexUnwalked());
    }
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
  }

  /** Forgets an entry that has expired; indexes one that has not at its current expiry. */
  private void settle(String storeKey, long now, Map<String, Long> windows) {
    DedupState state = store.get(storeKey);
    if (state == null) {
      return;
    }
    long window = windows.computeIfAbsent(DedupStoreKey.tenantOf(storeKey), this::windowOf);
    if (DedupDecisions.expired(state, now, window)) {
      store.delete(storeKey);
      states.ended(storeKey, now);
    } else {
      indexAt(ExpiryKeys.expiry(state.lastSeen(), window), storeKey);
    }
  }

  /**
   * One step of the walk at start: indexes the next entries of the store at their expiry (the
   * expiry punctuation forgets those already due).
   */
  private void indexUnwalked() {
    List<KeyValue<String, DedupState>> entries = new ArrayList<>();
    try (KeyValueIterator<String, DedupState> range = store.range(unindexedFrom, null)) {
      while (entries.size() < walkBatch && range.hasNext()) {
        entries.add(range.next());
      }
    }
    Map<String, Long> windows = new HashMap<>();
    for (KeyValue<String, DedupState> entry : entries) {
      long window = windows.computeIfAbsent(DedupStoreKey.tenantOf(entry.key), this::windowOf);
      indexAt(ExpiryKeys.expiry(entry.value.lastSeen(), window), entry.key);
    }
    if (entries.size() < walkBatch) {
      unindexedFrom = null;
      walk.cancel();
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
