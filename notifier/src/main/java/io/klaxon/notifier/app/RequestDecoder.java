package io.klaxon.notifier.app;

import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.metrics.NotifierMetrics;
import io.klaxon.registry.SchemaRegistryUnavailableException;
import io.klaxon.serde.SpecificAvroDeserializer;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes input records into notification requests, telling bad data from a schema registry
 * outage, which is not bad data (the record may be fine; it is read again later). An undecodable
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

    /** The registry could not be asked. */
    record RegistryUnavailable() implements Decoded {}
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
    } catch (SchemaRegistryUnavailableException e) {
      LOG.warn("Schema registry unavailable while decoding {}-{}@{}; reading it again later", record.topic(),
          record.partition(), record.offset());
      return new Decoded.RegistryUnavailable();
    } catch (KafkaException | IllegalArgumentException e) {
      return undecodable(record, e.getClass().getSimpleName());
    }
  }

  private Decoded undecodable(ConsumerRecord<String, byte[]> record, String why) {
    metrics.undecodable();
    LOG.warn("Skipping undecodable notification request at {}-{}@{} ({})", record.topic(), record.partition(),
        record.offset(), why);
    return new Decoded.Undecodable(why);
  }
}
