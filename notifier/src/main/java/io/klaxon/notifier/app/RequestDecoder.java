package io.klaxon.notifier.app;

import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.metrics.NotifierMetrics;
import io.klaxon.registry.SchemaRegistryException;
import io.klaxon.serde.SpecificAvroDeserializer;
import io.klaxon.serde.UnknownSchemaIdException;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes input records into notification requests, telling bad data from a schema registry that
 * cannot be reached or will not answer (refuses, throttles, answers nonsense), which is never bad
 * data (the record may be fine; it is read again later). An undecodable
 * record is counted ({@code klaxon_notifier_undecodable_total}) and logged by position only,
 * never with its payload. Never throws for either. Thread-safe when the deserializer is.
 */
final class RequestDecoder {
  private static final Logger LOG = LoggerFactory.getLogger(RequestDecoder.class);

  /** What a record decoded to. */
  sealed interface Decoded {
    record Request(NotificationRequest request) implements Decoded {}

    /** The record can never be decoded (already counted and logged). */
    record Undecodable(String why) implements Decoded {}

    /**
     * The registry could not be asked, or would not answer: the record may be fine.
     *
     * @param reason what the registry did, without secrets ("unreachable", "answered HTTP 401")
     */
    record RegistryUnavailable(String reason) implements Decoded {}
  }

  private final SpecificAvroDeserializer<NotificationRequest> deserializer;
  private final NotifierMetrics metrics;

  RequestDecoder(SpecificAvroDeserializer<NotificationRequest> deserializer, NotifierMetrics metrics) {
    this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  Decoded decode(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      return undecodable(record, "no value");
    }
    try {
      NotificationRequest request = deserializer.deserialize(record.topic(), record.value());
      return request == null ? undecodable(record, "no value") : new Decoded.Request(request);
    } catch (UnknownSchemaIdException e) {
      // Only the registry's own "schema not found" (40403) makes an id unknown; a bare 404 comes
      // from a wrong URL or a proxy in the way.
      return e.getCause() instanceof SchemaRegistryException answer && answer.errorCode() != SchemaRegistryException.SCHEMA_NOT_FOUND
          ? registryUnavailable(record, answer)
          : undecodable(record, e.getClass().getSimpleName());
    } catch (SchemaRegistryException e) {
      return registryUnavailable(record, e);
    } catch (RuntimeException e) {
      return undecodable(record, e.getClass().getSimpleName());
    }
  }

  private static Decoded registryUnavailable(ConsumerRecord<String, byte[]> record, SchemaRegistryException e) {
    String reason = e.httpStatus() == 0 ? "unreachable" : "answered HTTP " + e.httpStatus();
    LOG.warn("Schema registry {} while decoding {}-{}@{}; reading it again later", reason, record.topic(),
        record.partition(), record.offset());
    return new Decoded.RegistryUnavailable(reason);
  }

  private Decoded undecodable(ConsumerRecord<String, byte[]> record, String why) {
    metrics.undecodable();
    LOG.warn("Skipping undecodable notification request at {}-{}@{} ({})", record.topic(), record.partition(),
        record.offset(), why);
    return new Decoded.Undecodable(why);
  }
}
