package io.klaxon.serde;

/** The record had no value (null) where an event was required. */
public final class NullPayloadException extends WireFormatException {
  public NullPayloadException(String topic) {
    super("Null payload on topic '" + topic + "': expected a Confluent wire-format Avro value", null, null);
  }
}
