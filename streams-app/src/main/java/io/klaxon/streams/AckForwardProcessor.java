package io.klaxon.streams;

import io.klaxon.contract.TargetKind;
import io.klaxon.control.AckState;
import io.klaxon.control.Acknowledgement;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.TenantConfig;
import io.klaxon.streams.dedup.DedupState;
import io.klaxon.streams.dedup.DedupStoreKey;
import io.klaxon.streams.route.NotificationRequests;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Tells PagerDuty what Klaxon's Ack decided: every {@link #CHECK_INTERVAL} (wall clock) it looks
 * at the acknowledgements that changed since it last looked ({@link AckChanges}; the whole global
 * {@link KlaxonTopology#STORE_ACKS} once when the task starts, or when it fell behind what those
 * keep), and for each one whose alert still fires in this task
 * (its entry in {@link KlaxonTopology#STORE_DEDUP} says firing; a tenant's alerts all live in the
 * task of its partition, so exactly one task answers each), it sends one acknowledgement request
 * ({@link NotificationRequests#acknowledgement}) to each PagerDuty target of the tenant, which
 * acknowledges the fingerprint's incident there. {@link KlaxonTopology#STORE_ACKS_FORWARDED}
 * remembers the time of the acknowledgement last sent for each alert, so each one is sent once,
 * also after a restart or a move, and a later acknowledgement (after an unack) is sent again; its
 * entries go once the alert stops firing. An alert acknowledged while it does not fire here is
 * not sent: there is no incident of it to acknowledge.
 *
 * <p>Receives no records; it is a child of {@code validate} only so that it belongs to the
 * sub-topology whose dedup store it reads. All of it in the task's transaction.
 */
final class AckForwardProcessor implements Processor<String, Object, String, Object> {
  static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

  private final AckChanges changes;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, Acknowledgement> acks;
  private KeyValueStore<String, TenantConfig> tenants;
  private KeyValueStore<String, DedupState> dedup;
  private KeyValueStore<String, Long> forwarded;
  /** The position in {@link #changes} looked at next; -1 until the first look through the whole store. */
  private long cursor = -1;

  AckForwardProcessor(AckChanges changes) {
    this.changes = changes;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.acks = context.getStateStore(KlaxonTopology.STORE_ACKS);
    this.tenants = context.getStateStore(KlaxonTopology.STORE_TENANTS);
    this.dedup = context.getStateStore(KlaxonTopology.STORE_DEDUP);
    this.forwarded = context.getStateStore(KlaxonTopology.STORE_ACKS_FORWARDED);
    context.schedule(CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::forwardNew);
  }

  @Override
  public void process(Record<String, Object> record) {
    // Nothing is sent here (see the class comment).
  }

  private void forwardNew(long now) {
    forgetResolved();
    AckChanges.Batch batch = cursor < 0 ? null : changes.since(cursor);
    if (batch == null) {
      // Taken before the look: a change made during it is looked at again next time, which is harmless.
      long next = changes.end();
      try (KeyValueIterator<String, Acknowledgement> all = acks.all()) {
        while (all.hasNext()) {
          consider(all.next().value, now);
        }
      }
      cursor = next;
      return;
    }
    for (String key : batch.keys()) {
      consider(acks.get(key), now);
    }
    cursor = batch.next();
  }

  private void consider(Acknowledgement ack, long now) {
    // Only people acknowledge: the pipeline writes UNACKED, when an alert resolves.
    if (ack == null || ack.getState() != AckState.ACKED) {
      return;
    }
    TenantConfig tenant = tenants.get(ack.getTenantId());
    if (tenant == null || !tenant.getEnabled() || tenant.getErasedAt() != null) {
      return;
    }
    List<ChannelTarget> pagers = tenant.getTargets().stream()
        .filter(target -> TargetKind.of(target) == TargetKind.PAGERDUTY)
        .toList();
    if (pagers.isEmpty()) {
      return;
    }
    String key = DedupStoreKey.of(ack.getTenantId(), ack.getFingerprint());
    DedupState alert = dedup.get(key);
    Long sent = forwarded.get(key);
    if (alert == null || !alert.firing() || (sent != null && sent == ack.getAt().toEpochMilli())) {
      return;
    }
    for (ChannelTarget target : pagers) {
      context.forward(new Record<>(ack.getTenantId(), NotificationRequests.acknowledgement(tenant, target, ack, now), now),
          KlaxonTopology.SINK_NOTIFICATIONS);
    }
    forwarded.put(key, ack.getAt().toEpochMilli());
  }

  /** Drops what is remembered of alerts that no longer fire here (few: acknowledged alerts that fire). */
  private void forgetResolved() {
    List<String> gone = new ArrayList<>();
    try (KeyValueIterator<String, Long> all = forwarded.all()) {
      while (all.hasNext()) {
        KeyValue<String, Long> entry = all.next();
        DedupState alert = dedup.get(entry.key);
        if (alert == null || !alert.firing()) {
          gone.add(entry.key);
        }
      }
    }
    gone.forEach(forwarded::delete);
  }
}
