package io.klaxon.serde;

/** The header named a schema id that the schema registry does not know. */
public final class UnknownSchemaIdException extends WireFormatException {
  public UnknownSchemaIdException(int schemaId, Throwable cause) {
    super("Unknown schema id " + schemaId + " in bytes 1-4: the schema registry has no schema with this id",
        schemaId, cause);
  }
}
