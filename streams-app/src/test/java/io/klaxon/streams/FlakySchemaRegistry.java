package io.klaxon.streams;

import io.klaxon.registry.SchemaRegistry;
import io.klaxon.registry.SchemaRegistryUnavailableException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A schema registry ({@link #registry()}) that answers like the one it wraps, except during the
 * outages a test stages: while {@linkplain #setReachable unreachable} every call fails, and {@link
 * #failSchemaLookups} makes the next lookups by id fail, as an unreachable registry would ({@link
 * SchemaRegistryUnavailableException}). Counts lookups by id and the calls that failed. Thread-safe.
 */
public final class FlakySchemaRegistry {
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger failedLookups = new AtomicInteger();
  private final AtomicInteger lookups = new AtomicInteger();
  private volatile boolean reachable = true;
  private final SchemaRegistry registry;

  public FlakySchemaRegistry(SchemaRegistry delegate) {
    registry = (SchemaRegistry) Proxy.newProxyInstance(SchemaRegistry.class.getClassLoader(),
        new Class<?>[] {SchemaRegistry.class}, (proxy, method, args) -> {
          if (method.getName().equals("schemaById")) {
            lookups.incrementAndGet();
          }
          if (!reachable || method.getName().equals("schemaById") && failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            failed.incrementAndGet();
            if (method.getName().equals("schemaById")) {
              failedLookups.incrementAndGet();
            }
            throw new SchemaRegistryUnavailableException(0, "registry unreachable (test outage) in " + method.getName(), null);
          }
          try {
            return method.invoke(delegate, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /** The registry to hand to the code under test. */
  public SchemaRegistry registry() {
    return registry;
  }

  /** Whether calls reach the wrapped registry; while not, every call fails. */
  public void setReachable(boolean reachable) {
    this.reachable = reachable;
  }

  /** The next {@code times} schema lookups by id fail. */
  public void failSchemaLookups(int times) {
    failuresLeft.set(times);
  }

  /** How many schema lookups by id failed so far. */
  public int failedLookups() {
    return failedLookups.get();
  }

  /** How many schema lookups by id were made so far, failed or not. */
  public int lookups() {
    return lookups.get();
  }

  /** How many calls failed so far. */
  public int failedCalls() {
    return failed.get();
  }
}
