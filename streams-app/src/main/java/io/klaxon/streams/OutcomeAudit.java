package io.klaxon.streams;

import io.klaxon.events.OutcomeType;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Writes the audit record of an input's outcome ({@link io.klaxon.events.Outcome}) to {@link
 * KlaxonTopology#SINK_OUTCOMES}, from the processor that decided it and while it processes the input,
 * so that the record goes out in the same transaction as the outcome itself. The input's position
 * (topic, partition, offset) comes from the processor context: each record names the one input it
 * accounts for. Does nothing when the audit is off (the sink is then not in the topology).
 * Immutable; one per topology, shared by its processors.
 */
final class OutcomeAudit {
  private final boolean enabled;
  private final String inputTopic;

  /** @param inputTopic the alerts topic, named when the context knows no position */
  OutcomeAudit(boolean enabled, String inputTopic) {
    this.enabled = enabled;
    this.inputTopic = inputTopic;
  }

  /** The record of an outcome, to be completed with its reason, rule and notifications. */
  static io.klaxon.events.Outcome.Builder of(OutcomeType outcome, String tenantId, String eventId) {
    return io.klaxon.events.Outcome.newBuilder().setOutcome(outcome).setTenantId(tenantId).setEventId(eventId)
        .setNotificationIds(List.of());
  }

  /**
   * Completes {@code outcome} with the position of the record being processed and forwards it,
   * keyed by its tenant id, at the input's {@code timestamp}.
   */
  void write(ProcessorContext<? super String, ? super io.klaxon.events.Outcome> context,
      io.klaxon.events.Outcome.Builder outcome, long timestamp) {
    if (!enabled) {
      return;
    }
    RecordMetadata source = context.recordMetadata().orElse(null);
    io.klaxon.events.Outcome record = outcome
        .setSourceTopic(source != null ? source.topic() : inputTopic)
        .setSourcePartition(source != null ? source.partition() : -1)
        .setSourceOffset(source != null ? source.offset() : -1L)
        .setRecordTimestamp(Instant.ofEpochMilli(timestamp))
        .build();
    context.forward(new Record<>(record.getTenantId(), record, timestamp), KlaxonTopology.SINK_OUTCOMES);
  }

  /** Routing rules joined as {@code decidedBy} says: in order, comma-separated, each once. */
  static String rules(List<String> routeNames) {
    return routeNames.isEmpty() ? null : String.join(",", routeNames.stream().distinct().toList());
  }
}
