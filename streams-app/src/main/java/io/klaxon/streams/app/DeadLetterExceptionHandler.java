package io.klaxon.streams.app;

import io.klaxon.contract.DeadLetters;
import io.klaxon.events.DeadLetter;
import io.klaxon.events.DeadLetterReason;
import io.klaxon.events.Outcome;
import io.klaxon.events.OutcomeType;
import io.klaxon.privacy.Keyring;
import io.klaxon.privacy.Sealer;
import io.klaxon.registry.RegistrySettings;
import io.klaxon.registry.SchemaRegistryException;
import io.klaxon.registry.SchemaRegistryUnavailableException;
import io.klaxon.serde.SpecificAvroSerializer;
import io.klaxon.topics.TopicNames;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line of "errors are data": an exception that escapes a processor, or a record that
 * cannot be produced, becomes a {@link DeadLetter} ({@code PROCESSING_ERROR} or {@code
 * PRODUCTION_ERROR}) carrying the source record's raw bytes and position (written with its
 * timestamp and headers), and processing resumes.
 * A schema registry that cannot be reached or refuses Klaxon's credentials is the exception: that
 * is not the record's fault, so the task fails and the record is retried once the registry answers.
 *
 * <p>When the outcome audit is on ({@link #OUTCOMES_TOPIC} set), the letter goes with its {@link
 * Outcome} record ({@code DEAD_LETTERED}, the same reason), in the same transaction.
 *
 * <p>Configured through the Streams properties {@link #DLQ_TOPIC} (default the alerts DLQ),
 * {@link #OUTCOMES_TOPIC} (no audit record when unset) and the
 * registry's client properties ({@link RegistrySettings#toClientConfig()}: {@value
 * RegistrySettings#URL_CONFIG}, {@value RegistrySettings#BASIC_AUTH_USER_INFO_CONFIG}, {@value
 * RegistrySettings#REQUEST_TIMEOUT_MS_CONFIG}), which {@code StreamsSettings} sets.
 */
public final class DeadLetterExceptionHandler implements ProcessingExceptionHandler, ProductionExceptionHandler {
  public static final String DLQ_TOPIC = "klaxon.dlq.topic";
  public static final String OUTCOMES_TOPIC = "klaxon.outcomes.topic";
  /** A {@link Sealing} object (not a string): the Streams app passes it when it has a master key. */
  public static final String SEALING = "klaxon.dlq.sealing";
  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterExceptionHandler.class);

  private String topic;
  private SpecificAvroSerializer<DeadLetter> serializer;
  private String outcomesTopic;
  private SpecificAvroSerializer<Outcome> outcomeSerializer;
  private Sealing sealing;

  /**
   * How to seal a letter whose source record is on the alerts topic, keyed (as the topic's
   * contract says) by the id of a tenant that has a data key: as every other alert dead letter of
   * the tenant, so that its erasure shreds this one too.
   *
   * @param alertsTopic the input topic whose record keys name the tenant
   */
  public record Sealing(Sealer<DeadLetter> sealer, Keyring keyring, String alertsTopic) {
    @Override
    public String toString() {
      return "dead letters of " + alertsTopic + " sealed per tenant";
    }
  }

  /** @throws IllegalArgumentException when the registry URL is missing or a registry setting is invalid */
  @Override
  public void configure(Map<String, ?> configs) {
    Object dlq = configs.get(DLQ_TOPIC);
    topic = dlq == null ? TopicNames.DEFAULTS.alertsDlq() : dlq.toString();
    serializer = new SpecificAvroSerializer<>(RegistrySettings.fromClientConfig(configs).connect(), false, true);
    Object outcomes = configs.get(OUTCOMES_TOPIC);
    outcomesTopic = outcomes == null || outcomes.toString().isEmpty() ? null : outcomes.toString();
    if (outcomesTopic != null) {
      outcomeSerializer = new SpecificAvroSerializer<>(RegistrySettings.fromClientConfig(configs).connect(), false, true);
    }
    sealing = configs.get(SEALING) instanceof Sealing given ? given : null;
  }

  @Override
  public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    if (exception instanceof SchemaRegistryUnavailableException
        || exception instanceof SchemaRegistryException e && e.isAccessDenied()) {
      return ProcessingExceptionHandler.Response.fail();
    }
    LOG.warn("Processor {} failed on {}-{}@{}; dead-lettering the record: {}", context.processorNodeId(),
        context.topic(), context.partition(), context.offset(), exception.toString());
    return ProcessingExceptionHandler.Response.resume(deadLetter(context, DeadLetterReason.PROCESSING_ERROR,
        "processor " + context.processorNodeId() + " failed: " + exception));
  }

  @Override
  public ProductionExceptionHandler.Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
      Exception exception) {
    LOG.warn("Could not produce to {} from {}-{}@{}; dead-lettering the source record: {}", record.topic(),
        context.topic(), context.partition(), context.offset(), exception.toString());
    return ProductionExceptionHandler.Response.resume(deadLetter(context, DeadLetterReason.PRODUCTION_ERROR,
        "could not produce to " + record.topic() + ": " + exception));
  }

  @Override
  @SuppressWarnings("rawtypes")
  public ProductionExceptionHandler.Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record,
      Exception exception, SerializationExceptionOrigin origin) {
    LOG.warn("Could not serialize the {} of a record for {}; dead-lettering the source record: {}", origin,
        record.topic(), exception.toString());
    return ProductionExceptionHandler.Response.resume(deadLetter(context, DeadLetterReason.PRODUCTION_ERROR,
        "could not serialize the " + origin.name().toLowerCase(Locale.ROOT) + " for " + record.topic() + ": " + exception));
  }

  /** The dead letter of the source record, and its outcome record when the audit is on. */
  List<ProducerRecord<byte[], byte[]>> deadLetter(ErrorHandlerContext context, DeadLetterReason reason, String detail) {
    DeadLetter letter = sealed(context, DeadLetters.builder(reason, detail, context.topic(), context.partition(),
        context.offset(), context.timestamp(), context.sourceRawKey(), context.sourceRawValue()).build());
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(2);
    // The source record's headers go with the letter, so that a replay re-injects the record whole.
    records.add(new ProducerRecord<>(topic, null, context.timestamp(), context.sourceRawKey(),
        serializer.serialize(topic, letter), new RecordHeaders(context.headers().toArray())));
    if (outcomesTopic != null) {
      Outcome outcome = Outcome.newBuilder().setOutcome(OutcomeType.DEAD_LETTERED).setReason(reason.name())
          .setDetail(detail).setNotificationIds(List.of()).setSourceTopic(context.topic())
          .setSourcePartition(context.partition()).setSourceOffset(context.offset())
          .setRecordTimestamp(Instant.ofEpochMilli(context.timestamp())).build();
      records.add(new ProducerRecord<>(outcomesTopic, null, context.timestamp(), context.sourceRawKey(),
          outcomeSerializer.serialize(outcomesTopic, outcome)));
    }
    return records;
  }

  /** What {@link #configure} was given to seal with; null when nothing is sealed. */
  Sealing sealing() {
    return sealing;
  }

  /**
   * The letter sealed when its source is an alerts-topic record keyed by a tenant the keyring
   * knows (with a key, or erased: then emptied); else the letter as it is. A record of an internal
   * topic (after the re-key) is not sealed: its key is not a tenant id.
   */
  private DeadLetter sealed(ErrorHandlerContext context, DeadLetter letter) {
    byte[] key = context.sourceRawKey();
    if (sealing == null || key == null || !sealing.alertsTopic().equals(context.topic())) {
      return letter;
    }
    String tenant;
    try {
      tenant = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(key)).toString();
    } catch (CharacterCodingException e) {
      return letter;
    }
    Keyring keyring = sealing.keyring();
    if (keyring.sealingKey(tenant).isEmpty() && !keyring.erased(tenant)) {
      return letter;
    }
    letter.setTenantId(tenant);
    return sealing.sealer().seal(letter, keyring);
  }
}
