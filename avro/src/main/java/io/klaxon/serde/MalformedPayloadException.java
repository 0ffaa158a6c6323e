package io.klaxon.serde;

/**
 * The Avro body does not decode with the writer's schema: an invalid length, enum index or union
 * branch, or bytes left over after the record.
 */
public final class MalformedPayloadException extends WireFormatException {
  public MalformedPayloadException(String message, Integer schemaId, Throwable cause) {
    super(message, schemaId, cause);
  }
}
