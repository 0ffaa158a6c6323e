package io.klaxon.streams;

import io.klaxon.registry.CompatibilityLevel;
import io.klaxon.registry.RegisteredSchema;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.registry.SchemaRegistryUnavailableException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/**
 * A schema registry that answers like the one it wraps, except that schema lookups by id fail as
 * an unreachable registry would, as many times as the test asks ({@link #failSchemaLookups}).
 * Counts the lookups that failed. Thread-safe.
 */
final class FlakySchemaRegistry implements SchemaRegistry {
  private final SchemaRegistry delegate;
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();

  FlakySchemaRegistry(SchemaRegistry delegate) {
    this.delegate = delegate;
  }

  /** The next {@code times} schema lookups by id fail with {@link SchemaRegistryUnavailableException}. */
  void failSchemaLookups(int times) {
    failuresLeft.set(times);
  }

  /** How many lookups failed so far. */
  int failedLookups() {
    return failed.get();
  }

  @Override
  public Schema schemaById(int id) {
    if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      failed.incrementAndGet();
      throw new SchemaRegistryUnavailableException(0, "registry unreachable (test outage) while fetching schema id " + id, null);
    }
    return delegate.schemaById(id);
  }

  @Override
  public int register(String subject, Schema schema) {
    return delegate.register(subject, schema);
  }

  @Override
  public RegisteredSchema lookup(String subject, Schema schema) {
    return delegate.lookup(subject, schema);
  }

  @Override
  public RegisteredSchema latest(String subject) {
    return delegate.latest(subject);
  }

  @Override
  public RegisteredSchema version(String subject, int version) {
    return delegate.version(subject, version);
  }

  @Override
  public List<String> subjects() {
    return delegate.subjects();
  }

  @Override
  public List<Integer> versions(String subject) {
    return delegate.versions(subject);
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    return delegate.isCompatible(subject, schema);
  }

  @Override
  public CompatibilityLevel compatibility(String subject) {
    return delegate.compatibility(subject);
  }

  @Override
  public void setCompatibility(String subject, CompatibilityLevel level) {
    delegate.setCompatibility(subject, level);
  }
}
