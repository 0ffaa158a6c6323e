package io.klaxon.streams;

import io.klaxon.registry.SchemaRegistry;
import io.klaxon.registry.SchemaRegistryUnavailableException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A schema registry ({@link #registry()}) that answers like the one it wraps, except that schema
 * lookups by id fail as an unreachable registry would, as many times as the test asks ({@link
 * #failSchemaLookups}). Counts the lookups that failed. Thread-safe.
 */
final class FlakySchemaRegistry {
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final SchemaRegistry registry;

  FlakySchemaRegistry(SchemaRegistry delegate) {
    registry = (SchemaRegistry) Proxy.newProxyInstance(SchemaRegistry.class.getClassLoader(),
        new Class<?>[] {SchemaRegistry.class}, (proxy, method, args) -> {
          if (method.getName().equals("schemaById") && failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            failed.incrementAndGet();
            throw new SchemaRegistryUnavailableException(0, "registry unreachable (test outage) while fetching schema id "
                + args[0], null);
          }
          try {
            return method.invoke(delegate, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /** The registry to hand to the code under test. */
  SchemaRegistry registry() {
    return registry;
  }

  /** The next {@code times} schema lookups by id fail with {@link SchemaRegistryUnavailableException}. */
  void failSchemaLookups(int times) {
    failuresLeft.set(times);
  }

  /** How many lookups failed so far. */
  int failedLookups() {
    return failed.get();
  }
}
