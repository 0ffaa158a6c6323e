package io.klaxon.serde;

import java.util.OptionalInt;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A value could not be decoded from the Confluent wire format. Each subclass is one kind of bad
 * input, so a caller (the topology's validator, a dead-letter handler) can map it to a reason
 * code without parsing messages. Messages name the byte, the schema id or the field concerned and
 * never include payload contents beyond the offending byte.
 */
public abstract sealed class WireFormatException extends SerializationException
    permits NullPayloadException,
        TruncatedPayloadException,
        BadMagicByteException,
        UnknownSchemaIdException,
        MalformedPayloadException,
        IncompatibleWriterSchemaException {

  private final Integer schemaId;

  WireFormatException(String message, Integer schemaId, Throwable cause) {
    super(message, cause);
    this.schemaId = schemaId;
  }

  /** The schema id read from the header, when the header could be read. */
  public OptionalInt schemaId() {
    return schemaId == null ? OptionalInt.empty() : OptionalInt.of(schemaId);
  }
}
