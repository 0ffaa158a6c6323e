package io.klaxon.notifier.app;

import io.klaxon.events.DeadLetter;
import io.klaxon.events.DeadLetterReason;
import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.metrics.NotifierMetrics;
import io.klaxon.privacy.SealedDataException;
import io.klaxon.registry.SchemaRegistryException;
import io.klaxon.serde.SpecificAvroDeserializer;
import io.klaxon.serde.UnknownSchemaIdException;
import io.klaxon.serde.WireFormatException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes input records into notification requests, telling bad data from a schema registry that
 * cannot be reached or will not answer (refuses, throttles, answers nonsense), which is never bad
 * data (the record may be fine; it is read again later). An undecodable record becomes a {@link
 * DeadLetter} (reason {@code UNKNOWN_SCHEMA} or {@code UNDECODABLE}, detail, schema id, original key
 * and value bytes, topic, partition and offset), is counted ({@code
 * klaxon_notifier_undecodable_total}) and logged by position and reason only, never with its
 * payload. Whether a decoded request holds what its type needs (an ALERT its alert, a GROUP its
 * group, a DIGEST its digest) is not checked here but by rendering, which refuses such a request
 * for good: it is a notification that cannot be delivered, dead-lettered with the request, not an
 * unreadable record.
 * Never throws. Thread-safe when the deserializer is.
 */
final class RequestDecoder {
  private static final Logger LOG = LoggerFactory.getLogger(RequestDecoder.class);

  /** What a record decoded to. */
  sealed interface Decoded {
    record Request(NotificationRequest request) implements Decoded {}

    /**
     * The record can never be decoded (already counted and logged).
     *
     * @param letter its dead letter: the reason, the original key and value bytes, where it was read
     */
    record Undecodable(DeadLetter letter) implements Decoded {}

    /**
     * The registry could not be asked, or would not answer: the record may be fine.
     *
     * @param reason what the registry did, without secrets ("unreachable", "answered HTTP 401")
     */
    record RegistryUnavailable(String reason) implements Decoded {}

    /** A sealed notification of an erased tenant: nothing left to deliver (already counted and logged). */
    record Erased(String reason) implements Decoded {}

    /** A sealed notification whose data key cannot be opened here now: read it again later. */
    record KeyUnavailable(String reason) implements Decoded {}
  }

  private final SpecificAvroDeserializer<NotificationRequest> deserializer;
  private final SealedRequests sealed;
  private final NotifierMetrics metrics;
  private final InstantSource clock;

  /** @param sealed opens sealed notifications; null when none are expected (a sealed one then waits for a master key) */
  RequestDecoder(SpecificAvroDeserializer<NotificationRequest> deserializer, SealedRequests sealed, NotifierMetrics metrics,
      InstantSource clock) {
    this.deserializer = Objects.requireNonNull(deserializer, "deserializer");
    this.sealed = sealed;
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  Decoded decode(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      return undecodable(record, DeadLetterReason.UNDECODABLE, "no value", null);
    }
    try {
      NotificationRequest request = deserializer.deserialize(record.topic(), record.value());
      return request == null ? undecodable(record, DeadLetterReason.UNDECODABLE, "no value", null) : open(record, request);
    } catch (UnknownSchemaIdException e) {
      // Only the registry's own "schema not found" (40403) makes an id unknown; a bare 404 comes
      // from a wrong URL or a proxy in the way.
      return e.getCause() instanceof SchemaRegistryException answer && answer.errorCode() != SchemaRegistryException.SCHEMA_NOT_FOUND
          ? registryUnavailable(record, answer)
          : undecodable(record, DeadLetterReason.UNKNOWN_SCHEMA, e.getMessage(), schemaId(e));
    } catch (WireFormatException e) {
      return undecodable(record, DeadLetterReason.UNDECODABLE, e.getMessage(), schemaId(e));
    } catch (SchemaRegistryException e) {
      return registryUnavailable(record, e);
    } catch (RuntimeException e) {
      return undecodable(record, DeadLetterReason.UNDECODABLE, "decoding failed: " + e.getClass().getSimpleName(), null);
    }
  }

  private Decoded open(ConsumerRecord<String, byte[]> record, NotificationRequest request) {
    if (request.getSealed() == null) {
      return new Decoded.Request(request);
    }
    if (sealed == null) {
      return new Decoded.KeyUnavailable("notification of tenant " + request.getTenantId()
          + " is sealed and no master key is configured (KLAXON_MASTER_KEY_REF)");
    }
    SealedRequests.Result result;
    try {
      result = sealed.open(request);
    } catch (SealedDataException e) {
      return undecodable(record, DeadLetterReason.UNDECODABLE, "sealed fields do not open: " + e.getMessage(), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Decoded.KeyUnavailable("interrupted while reading the tenants topic");
    }
    return switch (result) {
      case SealedRequests.Result.Whole whole -> new Decoded.Request(whole.request());
      case SealedRequests.Result.Erased erased -> {
        metrics.erasedSkipped();
        LOG.info("Skipping sealed notification {} at {}-{}@{}: {}", request.getNotificationId(), record.topic(),
            record.partition(), record.offset(), erased.reason());
        yield new Decoded.Erased(erased.reason());
      }
      case SealedRequests.Result.Wait wait -> {
        LOG.warn("Sealed notification at {}-{}@{} waits: {}", record.topic(), record.partition(), record.offset(), wait.reason());
        yield new Decoded.KeyUnavailable(wait.reason());
      }
    };
  }

  private static Integer schemaId(WireFormatException e) {
    return e.schemaId().isPresent() ? e.schemaId().getAsInt() : null;
  }

  private static Decoded registryUnavailable(ConsumerRecord<String, byte[]> record, SchemaRegistryException e) {
    String reason = e.httpStatus() == 0 ? "unreachable" : "answered HTTP " + e.httpStatus();
    LOG.warn("Schema registry {} while decoding {}-{}@{}; reading it again later", reason, record.topic(),
        record.partition(), record.offset());
    return new Decoded.RegistryUnavailable(reason);
  }

  private Decoded undecodable(ConsumerRecord<String, byte[]> record, DeadLetterReason reason, String detail,
      Integer schemaId) {
    metrics.undecodable();
    LOG.warn("Dead-lettering undecodable notification request at {}-{}@{} ({})", record.topic(), record.partition(),
        record.offset(), reason);
    return new Decoded.Undecodable(DeadLetter.newBuilder()
        .setReason(reason)
        .setDetail(detail == null ? reason.name() : detail)
        .setSchemaId(schemaId)
        .setSourceTopic(record.topic())
        .setSourcePartition(record.partition())
        .setSourceOffset(record.offset())
        .setOriginalTimestamp(Instant.ofEpochMilli(record.timestamp()))
        .setOriginalKey(record.key() == null ? null : ByteBuffer.wrap(record.key().getBytes(StandardCharsets.UTF_8)))
        .setOriginalValue(record.value() == null ? null : ByteBuffer.wrap(record.value().clone()))
        .setDeadLetteredAt(clock.instant())
        .build());
  }
}
