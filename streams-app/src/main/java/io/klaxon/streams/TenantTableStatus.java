package io.klaxon.streams;

/**
 * Whether the global tenants table is up to date with the tenants topic, as far as this instance
 * knows: shared by the updater that writes the table and the processors that read it, so that an
 * alert is never judged by a table that is known to lag.
 *
 * <p>The table lags while a tenant update waits for the schema registry (an outage is retried,
 * never skipped); {@link #close()} tells a waiting update to stop waiting, because the instance is
 * shutting down. Thread-safe: the updater runs on the global stream thread, readers on stream
 * threads and the metrics scrape.
 */
public final class TenantTableStatus {
  private volatile boolean waiting;
  private volatile boolean closed;

  /** True while a tenant update waits for the schema registry: the table may lack that update. */
  public boolean isBehind() {
    return waiting;
  }

  /** Stops any wait for the registry; the update that waited is read again at the next start. */
  public void close() {
    closed = true;
  }

  boolean isClosed() {
    return closed;
  }

  void waitingForRegistry() {
    waiting = true;
  }

  void caughtUp() {
    waiting = false;
  }
}
