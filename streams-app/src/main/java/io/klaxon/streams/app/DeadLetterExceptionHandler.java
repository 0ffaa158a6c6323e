package io.klaxon.streams.app;

import io.klaxon.events.DeadLetter;
import io.klaxon.events.DeadLetterReason;
import io.klaxon.registry.HttpSchemaRegistryClient;
import io.klaxon.registry.InMemorySchemaRegistry;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.registry.SchemaRegistryUnavailableException;
import io.klaxon.serde.SpecificAvroSerializer;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line of "errors are data": an exception that escapes a processor, or a record that
 * cannot be produced, becomes a {@link DeadLetter} ({@code PROCESSING_ERROR} or {@code
 * PRODUCTION_ERROR}) carrying the source record's raw bytes and position, and processing resumes.
 * A schema registry outage is the exception: that is not the record's fault, so the task fails
 * and the record is retried once the registry is back.
 *
 * <p>Configured through the Streams properties {@link #DLQ_TOPIC}, {@link #REGISTRY_URL} and
 * {@link #REGISTRY_USER_INFO}.
 */
public final class DeadLetterExceptionHandler implements ProcessingExceptionHandler, ProductionExceptionHandler {
  public static final String DLQ_TOPIC = "klaxon.dlq.topic";
  public static final String REGISTRY_URL = "klaxon.schema.registry.url";
  public static final String REGISTRY_USER_INFO = "klaxon.schema.registry.basic.auth";
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterExceptionHandler.class);

  private String topic;
  private SpecificAvroSerializer<DeadLetter> serializer;

  @Override
  public void configure(Map<String, ?> configs) {
    Object dlq = configs.get(DLQ_TOPIC);
    topic = dlq == null ? "klaxon.alerts.dlq.v1" : dlq.toString();
    Object url = configs.get(REGISTRY_URL);
    Object userInfo = configs.get(REGISTRY_USER_INFO);
    SchemaRegistry registry = url == null ? new InMemorySchemaRegistry()
        : url.toString().startsWith("mock://") ? InMemorySchemaRegistry.scoped(url.toString().substring(7))
        : HttpSchemaRegistryClient.builder(url.toString()).basicAuth(userInfo == null ? null : userInfo.toString()).build();
    serializer = new SpecificAvroSerializer<>(registry, false, true);
  }

  @Override
  public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    if (exception instanceof SchemaRegistryUnavailableException) {
      return ProcessingExceptionHandler.Response.fail();
    }
    LOG.warn("Processor {} failed on {}-{}@{}; dead-lettering the record: {}", context.processorNodeId(),
        context.topic(), context.partition(), context.offset(), exception.toString());
    return ProcessingExceptionHandler.Response.resume(List.of(deadLetter(context, DeadLetterReason.PROCESSING_ERROR,
        "processor " + context.processorNodeId() + " failed: " + exception)));
  }

  @Override
  public ProductionExceptionHandler.Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
      Exception exception) {
    LOG.warn("Could not produce to {} from {}-{}@{}; dead-lettering the source record: {}", record.topic(),
        context.topic(), context.partition(), context.offset(), exception.toString());
    return ProductionExceptionHandler.Response.resume(List.of(deadLetter(context, DeadLetterReason.PRODUCTION_ERROR,
        "could not produce to " + record.topic() + ": " + exception)));
  }

  @Override
  @SuppressWarnings("rawtypes")
  public ProductionExceptionHandler.Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record,
      Exception exception, SerializationExceptionOrigin origin) {
    LOG.warn("Could not serialize the {} of a record for {}; dead-lettering the source record: {}", origin,
        record.topic(), exception.toString());
    return ProductionExceptionHandler.Response.resume(List.of(deadLetter(context, DeadLetterReason.PRODUCTION_ERROR,
        "could not serialize the " + origin.name().toLowerCase(java.util.Locale.ROOT) + " for " + record.topic() + ": " + exception)));
  }

  ProducerRecord<byte[], byte[]> deadLetter(ErrorHandlerContext context, DeadLetterReason reason, String detail) {
    byte[] key = context.sourceRawKey();
    byte[] value = context.sourceRawValue();
    DeadLetter letter = DeadLetter.newBuilder()
        .setReason(reason)
        .setDetail(detail)
        .setSourceTopic(context.topic() == null ? "" : context.topic())
        .setSourcePartition(context.partition())
        .setSourceOffset(context.offset())
        .setOriginalTimestamp(Instant.ofEpochMilli(context.timestamp()))
        .setOriginalKey(key == null ? null : ByteBuffer.wrap(key))
        .setOriginalValue(value == null ? null : ByteBuffer.wrap(value))
        .setDeadLetteredAt(Instant.ofEpochMilli(context.timestamp()))
        .build();
    return new ProducerRecord<>(topic, null, context.timestamp(), key, serializer.serialize(topic, letter));
  }
}
