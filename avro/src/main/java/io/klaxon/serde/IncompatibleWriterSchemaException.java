package io.klaxon.serde;

/**
 * The writer's schema (fetched by id) cannot be read with the reader's schema: data of another
 * type, or an evolution that broke compatibility.
 */
public final class IncompatibleWriterSchemaException extends WireFormatException {
  public IncompatibleWriterSchemaException(String message, int schemaId) {
    super(message, schemaId, null);
  }
}
