package io.klaxon.streams;

import io.klaxon.control.AckState;
import io.klaxon.control.Acknowledgement;
import io.klaxon.control.ControlKeys;
import io.klaxon.control.Silence;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.OutcomeType;
import io.klaxon.streams.control.Silencing;
import io.klaxon.streams.control.Suppression;
import io.klaxon.streams.dedup.DedupStoreKey;
import io.klaxon.streams.route.RoutableAlert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Holds back what the tenant asked not to hear about, after deduplication and before routing, at
 * the wall-clock time of processing:
 *
 * <ol>
 *   <li>a silence of the alert's tenant that is in force ({@code startsAt <= now < endsAt}) and
 *       whose matchers all hold: outcome {@link Outcome#SILENCED};
 *   <li>a maintenance window of the tenant that is open ({@link MaintenanceWindows}): outcome
 *       {@link Outcome#SILENCED};
 *   <li>a FIRING alert whose fingerprint is acknowledged: outcome {@link Outcome#ACKNOWLEDGED}.
 * </ol>
 *
 * A RESOLVED alert that is acknowledged still goes on (the resolution is news), and the
 * acknowledgement ends: an UNACKED record goes to the acks topic, so the next occurrence of the
 * alert notifies again. Silences and acknowledgements are read from global stores, by the tenant's
 * own key prefix only, so one tenant's silence never mutes another's alert. The last suppression of
 * each fingerprint is kept for a day in {@link KlaxonTopology#STORE_SUPPRESSIONS} for the explain
 * endpoint.
 *
 * <p>Each decision on an alert that changes its state (a first firing, a change of what holds it
 * back, a resolution) is also written to the alert states topic ({@link AlertStatePublisher}).
 */
final class SilenceProcessor implements Processor<String, RoutableAlert, String, Object> {
  static final Duration SUPPRESSION_RETENTION = Duration.ofDays(1);
  /** How often suppressions older than {@link #SUPPRESSION_RETENTION} are looked for (a walk of the store). */
  static final Duration SUPPRESSION_SWEEP_INTERVAL = Duration.ofMinutes(1);
  static final String ACK_CLEARED_BY = "klaxon";

  private final TopologyConfig config;
  private final PipelineListener listener;
  private final OutcomeAudit audit;
  private final Silencing silencing = new Silencing();
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, Silence> silences;
  private KeyValueStore<String, Acknowledgement> acks;
  private KeyValueStore<String, Suppression> suppressions;
  private AlertStatePublisher states;

  SilenceProcessor(TopologyConfig config, PipelineListener listener, OutcomeAudit audit) {
    this.config = config;
    this.listener = listener;
    this.audit = audit;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.silences = context.getStateStore(KlaxonTopology.STORE_SILENCES);
    this.acks = context.getStateStore(KlaxonTopology.STORE_ACKS);
    this.suppressions = context.getStateStore(KlaxonTopology.STORE_SUPPRESSIONS);
    this.states = AlertStatePublisher.of(context, config.publishAlertStates());
    context.schedule(SUPPRESSION_SWEEP_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::forgetOldSuppressions);
  }

  @Override
  public void process(Record<String, RoutableAlert> record) {
    String tenantId = record.key();
    RoutableAlert alert = record.value();
    AlertEvent event = alert.event();
    long now = context.currentSystemTimeMs();
    Acknowledgement ack = acks.get(ControlKeys.ack(tenantId, alert.fingerprint()));
    boolean acked = ack != null && ack.getState() == AckState.ACKED;
    if (acked && event.getStatus() == AlertStatus.RESOLVED) {
      Acknowledgement cleared = new Acknowledgement(tenantId, alert.fingerprint(), AckState.UNACKED, ACK_CLEARED_BY,
          Instant.ofEpochMilli(now), "resolved", "pipeline");
      context.forward(new Record<String, Object>(ControlKeys.of(cleared), cleared, record.timestamp()),
          KlaxonTopology.SINK_ACKS);
    }
    Optional<Suppression> held = silencing.at(silences, alert.tenant(), event.getSeverity(), event.getLabels(), now);
    if (held.isEmpty() && acked && event.getStatus() == AlertStatus.FIRING) {
      held = Optional.of(new Suppression(Suppression.Kind.ACKNOWLEDGEMENT, ack.getBy(), now));
    }
    if (event.getStatus() == AlertStatus.FIRING) {
      states.firing(event, tenantId, alert.fingerprint(), alert.repeat(), held.orElse(null), now, record.timestamp());
    } else {
      states.ended(DedupStoreKey.of(tenantId, alert.fingerprint()), record.timestamp());
    }
    if (held.isPresent()) {
      Suppression suppression = held.get();
      boolean ackd = suppression.kind() == Suppression.Kind.ACKNOWLEDGEMENT;
      suppressions.put(DedupStoreKey.of(tenantId, alert.fingerprint()), suppression);
      listener.outcome(ackd ? Outcome.ACKNOWLEDGED : Outcome.SILENCED, tenantId, alert.tenant().getTier(), event.getSeverity());
      audit.write(context, OutcomeAudit.of(ackd ? OutcomeType.ACKNOWLEDGED : OutcomeType.SILENCED, tenantId, event.getEventId())
          .setReason(suppression.kind().name()).setDecidedBy(suppression.ref()).setDetail(alert.fingerprint()), record.timestamp());
      return;
    }
    context.forward(record.withValue(alert), KlaxonTopology.PROC_ROUTE);
  }

  private void forgetOldSuppressions(long now) {
    List<String> old = new ArrayList<>();
    try (KeyValueIterator<String, Suppression> all = suppressions.all()) {
      all.forEachRemaining(entry -> {
        if (now - entry.value.atMs() > SUPPRESSION_RETENTION.toMillis()) {
          old.add(entry.key);
        }
      });
    }
    old.forEach(suppressions::delete);
  }
}
