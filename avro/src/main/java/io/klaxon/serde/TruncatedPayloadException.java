package io.klaxon.serde;

/**
 * The payload ended too early: shorter than the 5-byte header, or the Avro body stopped in the
 * middle of a field.
 */
public final class TruncatedPayloadException extends WireFormatException {
  public TruncatedPayloadException(String message, Integer schemaId, Throwable cause) {
    super(message, schemaId, cause);
  }
}
