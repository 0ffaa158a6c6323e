package io.klaxon.launcher.parts;

import java.util.ArrayList;
import java.util.List;

/**
 * What a part has started so far, stopped in reverse order: returned by an entry point once
 * everything runs, or closed by it when a later step fails. Closing twice does nothing.
 * Not thread-safe while parts are added; {@link #close()} is synchronized.
 */
final class Stopper implements AutoCloseable {
  private final List<AutoCloseable> started = new ArrayList<>();

  /** The steps of an entry point, each {@link #add adding} what it started. */
  @FunctionalInterface
  interface Steps {
    void run(Stopper stopper) throws Exception;
  }

  /**
   * Runs {@code steps}; returns what stops everything they started, or, when a step fails, stops
   * what had started and throws the failure.
   */
  static Stopper startAll(Steps steps) throws Exception {
    Stopper stopper = new Stopper();
    try {
      steps.run(stopper);
      return stopper;
    } catch (Exception e) {
      throw stopper.closeAfter(e);
    }
  }

  /** Remembers {@code component} and returns it. */
  <T extends AutoCloseable> T add(T component) {
    started.add(component);
    return component;
  }

  /**
   * Stops everything added, last first; the first failure is thrown after all were tried, as an
   * {@link IllegalStateException} (an interruption is kept as the thread's interrupt status).
   */
  @Override
  public synchronized void close() {
    RuntimeException first = null;
    for (AutoCloseable component : started.reversed()) {
      try {
        component.close();
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        if (first == null) {
          first = new IllegalStateException("stopping " + component.getClass().getSimpleName() + " failed: " + e, e);
        } else {
          first.addSuppressed(e);
        }
      }
    }
    started.clear();
    if (first != null) {
      throw first;
    }
  }

  /** Closes after a failed start, keeping {@code cause} as the error and any close failure as suppressed. */
  private <E extends Exception> E closeAfter(E cause) {
    try {
      close();
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
    return cause;
  }
}
