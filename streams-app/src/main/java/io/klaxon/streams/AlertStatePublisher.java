package io.klaxon.streams;

import io.klaxon.control.ControlKeys;
import io.klaxon.events.AlertEvent;
import io.klaxon.streams.control.Suppression;
import io.klaxon.streams.dedup.DedupStoreKey;
import io.klaxon.streams.state.AlertStates;
import io.klaxon.streams.state.PublishedAlert;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Writes the alert states topic ({@code AlertState}, keyed {@code tenant/fingerprint}) from the
 * nodes that decide an alert's state, in the same transaction as the decision, and only when the
 * state changes: an alert's first FIRING, a change of what holds it back (seen when the alert next
 * passes deduplication: a first firing or a repeat), and a tombstone when it resolves or its dedup
 * state expires. {@link KlaxonTopology#STORE_ALERT_STATES} remembers what was last written per
 * alert (about 20 bytes each), and is emptied by the same tombstones, so it holds no more entries
 * than the dedup store. Switched off, it writes nothing and needs no store. Used on one stream thread.
 */
final class AlertStatePublisher {
  private final ProcessorContext<String, Object> context;
  private final KeyValueStore<String, PublishedAlert> published;

  private AlertStatePublisher(ProcessorContext<String, Object> context, KeyValueStore<String, PublishedAlert> published) {
    this.context = context;
    this.published = published;
  }

  /** The publisher of a processor; one that writes nothing when {@code enabled} is false. */
  static AlertStatePublisher of(ProcessorContext<String, Object> context, boolean enabled) {
    return new AlertStatePublisher(context, enabled ? context.getStateStore(KlaxonTopology.STORE_ALERT_STATES) : null);
  }

  /**
   * A FIRING alert passed deduplication and was held back by {@code held} (or not, when null).
   *
   * @param repeat whether it passed as a repeat of a still-firing alert (else it is a new occurrence)
   */
  void firing(AlertEvent event, String tenantId, String fingerprint, boolean repeat, Suppression held, long now,
      long timestamp) {
    if (published == null) {
      return;
    }
    String key = DedupStoreKey.of(tenantId, fingerprint);
    PublishedAlert previous = published.get(key);
    if (repeat && previous != null && !previous.differsFrom(held)) {
      return;
    }
    long startsAt = repeat && previous != null ? previous.startsAtMs() : event.getOccurredAt().toEpochMilli();
    published.put(key, new PublishedAlert(startsAt, held == null ? null : held.kind(), held == null ? "" : held.ref()));
    context.forward(new Record<String, Object>(ControlKeys.alert(tenantId, fingerprint),
        AlertStates.of(event, fingerprint, startsAt, held, now), timestamp), KlaxonTopology.SINK_ALERT_STATES);
  }

  /** The alert {@code DedupStoreKey} names resolved, or its dedup state expired: a tombstone, if it was published. */
  void ended(String storeKey, long timestamp) {
    if (published == null || published.get(storeKey) == null) {
      return;
    }
    published.delete(storeKey);
    context.forward(new Record<String, Object>(
        ControlKeys.alert(DedupStoreKey.tenantOf(storeKey), DedupStoreKey.fingerprintOf(storeKey)), null, timestamp),
        KlaxonTopology.SINK_ALERT_STATES);
  }
}
