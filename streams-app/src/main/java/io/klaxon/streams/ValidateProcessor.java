package io.klaxon.streams;

import io.klaxon.contract.DeadLetters;
import io.klaxon.contract.TenantIds;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.DeadLetter;
import io.klaxon.events.DeadLetterReason;
import io.klaxon.events.OutcomeType;
import io.klaxon.events.TenantConfig;
import io.klaxon.registry.SchemaRegistryUnavailableException;
import io.klaxon.serde.UnknownSchemaIdException;
import io.klaxon.serde.WireFormat;
import io.klaxon.serde.WireFormatException;
import io.klaxon.streams.validate.AlertValidator;
import io.klaxon.streams.validate.Rejection;
import io.klaxon.streams.validate.UnknownSchemaIds;
import io.klaxon.topics.Topic;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Decodes and validates each input. Valid events keyed by their tenant id go on to the rate
 * limiter; valid events under another key are written back to the alerts topic under their tenant
 * id (so per-tenant state stays on one partition); everything else becomes a {@link DeadLetter}
 * with its reason, the original bytes and where they came from, written with the input record's
 * timestamp and headers. Nothing is dropped and no exception
 * escapes for bad data; a schema registry outage is not bad data and fails the task instead, so the
 * record is retried (a schema id the registry does not know is bad data: the answer is remembered
 * for a short while, {@link UnknownSchemaIds}, so that a run of such records does not wait on the
 * registry for each). So does an event whose tenant is missing or disabled while the tenants table is
 * behind ({@link TenantTableStatus}): the update it waits for may add or enable that tenant.
 */
final class ValidateProcessor implements Processor<byte[], byte[], Object, Object> {
  private final TopologyConfig config;
  private final String alertsTopic;
  private final Deserializer<AlertEvent> deserializer;
  private final AlertValidator validator;
  private final PipelineListener listener;
  private final TenantTableStatus tenantTable;
  private final OutcomeAudit audit;
  private final UnknownSchemaIds unknownSchemaIds;
  private final TenantConfigs decodedTenants;
  private ProcessorContext<Object, Object> context;
  private KeyValueStore<String, TenantConfig> tenants;

  /**
   * @param alerts the alerts topic; its value serde must reject null (a null value is dead-lettered)
   * @param unknownSchemaIds ids the registry recently said it does not know: a record with one is
   *     dead-lettered without asking again
   * @param decodedTenants the tenants store's configurations, decoded once per change
   */
  ValidateProcessor(TopologyConfig config, Topic<String, AlertEvent> alerts, PipelineListener listener,
      TenantTableStatus tenantTable, UnknownSchemaIds unknownSchemaIds, OutcomeAudit audit, TenantConfigs decodedTenants) {
    this.config = config;
    this.alertsTopic = alerts.name();
    this.deserializer = alerts.valueSerde().deserializer();
    this.validator = new AlertValidator(config.maxFutureSkew());
    this.listener = listener;
    this.tenantTable = tenantTable;
    this.audit = audit;
    this.unknownSchemaIds = unknownSchemaIds;
    this.decodedTenants = decodedTenants;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    this.context = context;
    this.tenants = context.getStateStore(KlaxonTopology.STORE_TENANTS);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    byte[] value = record.value();
    if (value != null && value.length > config.maxEventBytes()) {
      deadLetter(record, new Rejection(DeadLetterReason.TOO_LARGE,
          "value of " + value.length + " bytes exceeds the limit of " + config.maxEventBytes() + " bytes", null), null, null, null);
      return;
    }
    if (value != null && value.length >= WireFormat.HEADER_LENGTH && value[0] == WireFormat.MAGIC_BYTE
        && unknownSchemaIds.isUnknown(WireFormat.schemaId(value), context.currentSystemTimeMs())) {
      UnknownSchemaIdException unknown = new UnknownSchemaIdException(WireFormat.schemaId(value), null);
      deadLetter(record, new Rejection(DeadLetterReason.UNKNOWN_SCHEMA, unknown.getMessage(), null), null, null,
          unknown.schemaId().getAsInt());
      return;
    }
    AlertEvent event;
    try {
      event = deserializer.deserialize(sourceTopic(), value);
    } catch (UnknownSchemaIdException e) {
      unknownSchemaIds.remember(e.schemaId().getAsInt(), context.currentSystemTimeMs());
      deadLetter(record, new Rejection(DeadLetterReason.UNKNOWN_SCHEMA, e.getMessage(), null), null, null,
          e.schemaId().getAsInt());
      return;
    } catch (WireFormatException e) {
      deadLetter(record, new Rejection(DeadLetterReason.UNDECODABLE, e.getMessage(), null), null, null,
          e.schemaId().isPresent() ? e.schemaId().getAsInt() : null);
      return;
    }
    int schemaId = WireFormat.schemaId(value); // the value decoded, so its header is sound
    TenantConfig tenant = null;
    try {
      tenant = event.getTenantId() == null ? null : decodedTenants.get(tenants, event.getTenantId());
      if ((tenant == null || !tenant.getEnabled()) && tenantTable.isBehind() && TenantIds.isValid(event.getTenantId())) {
        throw new SchemaRegistryUnavailableException(0, "tenant '" + event.getTenantId() + "' is "
            + (tenant == null ? "unknown" : "disabled") + " while a tenant update waits for the schema registry;"
            + " the event is retried once the tenants table has caught up", null);
      }
      Optional<Rejection> rejection = validator.validate(event, tenant, record.timestamp());
      if (rejection.isPresent()) {
        deadLetter(record, rejection.get(), event, tenant, schemaId);
        return;
      }
      String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
      if (!event.getTenantId().equals(key)) {
        listener.outcome(Outcome.REKEYED, event.getTenantId(), tenant.getTier(), event.getSeverity());
        audit.write(context, OutcomeAudit.of(OutcomeType.REKEYED, event.getTenantId(), event.getEventId())
            .setDetail("key was " + (key == null ? "null" : "'" + key + "'")), record.timestamp());
        context.forward(new Record<Object, Object>(event.getTenantId().getBytes(StandardCharsets.UTF_8), value,
            record.timestamp(), record.headers()), KlaxonTopology.SINK_REKEY);
        return;
      }
      context.forward(new Record<Object, Object>(key, new ValidAlert(event, tenant), record.timestamp()),
          KlaxonTopology.PROC_RATE_LIMIT);
    } catch (SchemaRegistryUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      deadLetter(record, new Rejection(DeadLetterReason.PROCESSING_ERROR,
          "processing failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), null), event, tenant, schemaId);
    }
  }

  /**
   * @param event the decoded event, or null when the value did not decode
   * @param tenant the event's tenant as the tenants table has it, or null when unknown: only a known
   *     tenant is named to the listener, so junk tenant ids cannot take per-tenant metric series
   */
  private void deadLetter(Record<byte[], byte[]> record, Rejection rejection, AlertEvent event, TenantConfig tenant,
      Integer schemaId) {
    Optional<RecordMetadata> metadata = context.recordMetadata();
    String tenantId = event != null ? event.getTenantId() : null;
    DeadLetter letter = DeadLetters.builder(rejection.reason(), rejection.detail(),
            metadata.map(RecordMetadata::topic).orElse(alertsTopic), metadata.map(RecordMetadata::partition).orElse(-1),
            metadata.map(RecordMetadata::offset).orElse(-1L), record.timestamp(), record.key(), record.value())
        .setFieldPath(rejection.fieldPath())
        .setTenantId(tenantId)
        .setEventId(event != null ? event.getEventId() : null)
        .setSchemaId(schemaId)
        .build();
    String key = tenantId != null ? tenantId
        : record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    listener.deadLettered(rejection.reason());
    listener.outcome(Outcome.DEAD_LETTERED, tenant != null ? tenantId : null, null, event != null ? event.getSeverity() : null);
    audit.write(context, OutcomeAudit.of(OutcomeType.DEAD_LETTERED, tenantId, letter.getEventId())
        .setReason(rejection.reason().name())
        .setDetail(rejection.fieldPath() == null ? rejection.detail() : rejection.fieldPath() + ": " + rejection.detail()),
        record.timestamp());
    // The input's timestamp and headers go with the letter, so that a replay re-injects the record whole.
    context.forward(new Record<Object, Object>(key, letter, record.timestamp(), record.headers()), KlaxonTopology.SINK_DLQ);
  }

  private String sourceTopic() {
    return context.recordMetadata().map(RecordMetadata::topic).orElse(alertsTopic);
  }
}
