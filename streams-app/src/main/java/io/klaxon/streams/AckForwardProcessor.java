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
 * through the acknowledgements (the global {@link KlaxonTopology#STORE_ACKS}) for alerts
 * acknowledged by someone (not the pipeline) that still fire in this task (their entry in {@link
 * KlaxonTopology#STORE_DEDUP} says firing; a tenant's alerts all live in the task of its partition,
 * so exactly one task answers each), and sends one acknowledgement request
 * ({@link NotificationRequests#acknowledgement}) to each PagerDuty target of the tenant, which
 * acknowledges the fingerprint's incident there (a service without one ignores it). {@link
 * KlaxonTopology#STORE_ACKS_FORWARDED} remembers the time of the acknowledgement last sent for each
 * alert, so each one is sent once, also after a restart or a move, and a later acknowledgement (after
 * an unack) is sent again; its entries go once the alert stops firing.
 *
 * <p>Receives no records; it is a child of {@code validate} only so that it belongs to the
 * sub-topology whose dedup store it reads. All of it in the task's transaction.
 */
final class AckForwardProcessor implements Processor<String, Object, String, Object> {
  static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);
  /** The {@code via} of an acknowledgement the pipeline ended when its alert resolved. */
  private static final String VIA_PIPELINE = "pipeline";

  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, Acknowledgement> acks;
  private KeyValueStore<String, TenantConfig> tenants;
  private KeyValueStore<String, DedupState> dedup;
  private KeyValueStore<String, Long> forwarded;

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
    try (KeyValueIterator<String, Acknowledgement> all = acks.all()) {
      while (all.hasNext()) {
        Acknowledgement ack = all.next().value;
        if (ack == null || ack.getState() != AckState.ACKED || VIA_PIPELINE.equals(ack.getVia())) {
          continue;
        }
        String key = DedupStoreKey.of(ack.getTenantId(), ack.getFingerprint());
        DedupState alert = dedup.get(key);
        Long sent = forwarded.get(key);
        if (alert == null || !alert.firing() || (sent != null && sent == ack.getAt().toEpochMilli())) {
          continue;
        }
        TenantConfig tenant = tenants.get(ack.getTenantId());
        if (tenant == null || !tenant.getEnabled() || tenant.getErasedAt() != null) {
          continue;
        }
        for (ChannelTarget target : tenant.getTargets()) {
          if (TargetKind.of(target) == TargetKind.PAGERDUTY) {
            context.forward(new Record<>(ack.getTenantId(), NotificationRequests.acknowledgement(tenant, target, ack, now), now),
                KlaxonTopology.SINK_NOTIFICATIONS);
          }
        }
        forwarded.put(key, ack.getAt().toEpochMilli());
      }
    }
  }

  /** Drops what is remembered of alerts that no longer fire here. */
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
