package io.klaxon.streams;

import io.klaxon.control.ControlKeys;
import io.klaxon.events.ErasureReport;
import io.klaxon.events.TenantChange;
import io.klaxon.events.TenantChangeAction;
import io.klaxon.events.TenantConfig;
import io.klaxon.streams.dedup.DedupStoreKey;
import io.klaxon.streams.dedup.ExpiryKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes an erased tenant's state from this task's stores. {@code klaxon tenants erase} replaces
 * the tenant's record with an erasure marker ({@code TenantConfig.erasedAt}); from then on the
 * validator dead-letters the tenant's events, so no new state of it is made. Every {@link
 * #CHECK_INTERVAL} (wall clock) this node looks for markers this task has not answered yet ({@link
 * KlaxonTopology#STORE_ERASURES} remembers each tenant's last answered {@code erasedAt}, so an
 * erasure is answered once per task, also after a restart or a move), deletes every entry of the
 * tenant in each of the task's stores (by key prefix; the time indexes, whose keys end with the
 * entry's key, by a walk), writes a tombstone on the alert states topic for each alert state it
 * deleted, and reports what it did as a {@code TenantChange} (action ERASED, {@code erasure} set,
 * reporter {@code task:<id>}) on the tenant changes topic, where the erase command waits for one
 * report per task. All of it in the task's transaction.
 *
 * <p>Receives no records; it is a child of {@code validate} only so that it belongs to the
 * sub-topology whose stores it sweeps.
 */
final class EraseProcessor implements Processor<String, Object, String, Object> {
  private static final Logger LOG = LoggerFactory.getLogger(EraseProcessor.class);
  static final Duration CHECK_INTERVAL = Duration.ofSeconds(5);
  private static final StringSerializer KEYS = new StringSerializer();

  /**
   * A store this node sweeps, and how its keys start for a tenant.
   *
   * @param name the store
   * @param separator what follows the tenant id in its keys ({@code null}: the key is the tenant id)
   */
  record Swept(String name, String separator) {}

  private final List<Swept> stores;
  private final List<String> indexes;
  private final String alertStatesTopic;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, TenantConfig> tenants;
  private KeyValueStore<String, Long> erasures;

  /**
   * @param stores the keyed stores to sweep
   * @param indexes the time-index stores to walk ({@link ExpiryKeys} keys)
   * @param alertStatesTopic the alert states topic, when {@link KlaxonTopology#STORE_ALERT_STATES} is
   *     among the stores and each of its deleted entries gets a tombstone there; else null
   */
  EraseProcessor(List<Swept> stores, List<String> indexes, String alertStatesTopic) {
    this.stores = List.copyOf(stores);
    this.indexes = List.copyOf(indexes);
    this.alertStatesTopic = alertStatesTopic;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.tenants = context.getStateStore(KlaxonTopology.STORE_TENANTS);
    this.erasures = context.getStateStore(KlaxonTopology.STORE_ERASURES);
    context.schedule(CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::eraseMarked);
  }

  @Override
  public void process(Record<String, Object> record) {
    // Nothing is sent here (see the class comment).
  }

  private void eraseMarked(long now) {
    List<TenantConfig> marked = new ArrayList<>();
    try (KeyValueIterator<String, TenantConfig> all = tenants.all()) {
      all.forEachRemaining(entry -> {
        Instant erasedAt = entry.value == null ? null : entry.value.getErasedAt();
        Long answered = erasedAt == null ? null : erasures.get(entry.key);
        if (erasedAt != null && (answered == null || answered != erasedAt.toEpochMilli())) {
          marked.add(entry.value);
        }
      });
    }
    for (TenantConfig tenant : marked) {
      erase(tenant.getTenantId(), tenant.getErasedAt(), now);
    }
  }

  private void erase(String tenantId, Instant erasedAt, long now) {
    Map<String, Long> deleted = new LinkedHashMap<>();
    long tombstones = 0;
    for (Swept swept : stores) {
      KeyValueStore<String, Object> store = context.getStateStore(swept.name());
      List<String> keys = new ArrayList<>();
      if (swept.separator() == null) {
        if (store.get(tenantId) != null) {
          keys.add(tenantId);
        }
      } else {
        try (KeyValueIterator<String, Object> range = store.prefixScan(tenantId + swept.separator(), KEYS)) {
          range.forEachRemaining(entry -> keys.add(entry.key));
        }
      }
      for (String key : keys) {
        store.delete(key);
        if (alertStatesTopic != null && swept.name().equals(KlaxonTopology.STORE_ALERT_STATES)) {
          context.forward(new Record<>(ControlKeys.alert(tenantId, DedupStoreKey.fingerprintOf(key)), null, now),
              KlaxonTopology.SINK_ALERT_STATES);
          tombstones++;
        }
      }
      deleted.put(swept.name(), (long) keys.size());
    }
    for (String name : indexes) {
      deleted.put(name, sweepIndex(context.getStateStore(name), tenantId));
    }
    erasures.put(tenantId, erasedAt.toEpochMilli());
    Map<String, Long> written = alertStatesTopic == null ? Map.of() : Map.of(alertStatesTopic, tombstones);
    ErasureReport report = ErasureReport.newBuilder()
        .setErasedAt(erasedAt)
        .setReporter("task:" + context.taskId())
        .setStateDeleted(deleted)
        .setTombstones(written)
        .build();
    context.forward(new Record<>(tenantId, TenantChange.newBuilder()
        .setTenantId(tenantId)
        .setAuthor("klaxon-streams " + context.applicationId())
        .setAt(erasedAt)
        .setAction(TenantChangeAction.ERASED)
        .setChanges(List.of())
        .setErasure(report)
        .build(), now), KlaxonTopology.SINK_TENANT_CHANGES);
    LOG.info("Erased tenant {} from task {}: {}", tenantId, context.taskId(), deleted);
  }

  /** Deletes the index entries of the tenant's keys (in any store: both separators); returns how many. */
  private static long sweepIndex(KeyValueStore<Bytes, byte[]> index, String tenantId) {
    List<Bytes> keys = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> all = index.all()) {
      all.forEachRemaining(entry -> {
        if (entry.key.get().length > Long.BYTES) {
          String storeKey = ExpiryKeys.storeKeyOf(entry.key);
          if (storeKey.startsWith(tenantId + "/") || storeKey.startsWith(tenantId + "\u0000")) {
            keys.add(entry.key);
          }
        }
      });
    }
    keys.forEach(index::delete);
    return keys.size();
  }
}
