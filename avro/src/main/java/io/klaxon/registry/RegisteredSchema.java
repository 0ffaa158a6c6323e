package io.klaxon.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One version of a schema under a subject, as a schema registry knows it.
 *
 * @param subject the subject, for example {@code klaxon.alerts.v1-value}
 * @param id the registry-wide schema id written into the wire format
 * @param version the version under the subject, starting at 1
 * @param schema the parsed schema
 */
public record RegisteredSchema(String subject, int id, int version, Schema schema) {
  public RegisteredSchema {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(schema, "schema");
  }
}
