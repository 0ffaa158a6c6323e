package io.klaxon.registry;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The subset of the Confluent Schema Registry API that Klaxon uses.
 *
 * <p>Implementations are thread-safe. Every method throws {@link SchemaRegistryException} (naming
 * the subject, version or id) when the registry refuses the request, and {@link
 * SchemaRegistryUnavailableException} when it cannot be reached.
 */
public interface SchemaRegistry extends AutoCloseable {

  /**
   * Registers {@code schema} under {@code subject} (or finds it, if already registered) and
   * returns its id. Refused with error code 409 when incompatible with the subject's earlier
   * versions at the subject's compatibility level.
   */
  int register(String subject, Schema schema);

  /**
   * Finds {@code schema} among the versions of {@code subject}.
   *
   * @throws SchemaRegistryException 404 (40401 or 40403) when not registered there
   */
  RegisteredSchema lookup(String subject, Schema schema);

  /**
   * Returns the schema with this id.
   *
   * @throws SchemaRegistryException 404 (40403) when no schema has this id
   */
  Schema schemaById(int id);

  /** Returns the newest version under {@code subject}. */
  RegisteredSchema latest(String subject);

  /** Returns a given version under {@code subject}. */
  RegisteredSchema version(String subject, int version);

  /** All subjects, sorted. */
  List<String> subjects();

  /** The versions registered under {@code subject}, ascending. */
  List<Integer> versions(String subject);

  /**
   * Tells whether {@code schema} could be registered under {@code subject} at its compatibility
   * level. A subject with no versions accepts anything.
   */
  boolean isCompatible(String subject, Schema schema);

  /** The compatibility level of {@code subject} (falling back to the global level). */
  CompatibilityLevel compatibility(String subject);

  /** Sets the compatibility level of {@code subject}, or the global level when null. */
  void setCompatibility(String subject, CompatibilityLevel level);

  /** Releases connections; the default does nothing. */
  @Override
  default void close() {}
}
