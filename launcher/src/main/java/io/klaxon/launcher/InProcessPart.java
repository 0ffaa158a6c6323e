package io.klaxon.launcher;

import io.klaxon.ops.Env;
import java.time.Duration;

/** A part started in this JVM through its kind's entry point, with its environment as given. */
final class InProcessPart implements RunningPart {
  private final Part part;
  private final AutoCloseable running;
  private volatile boolean stopped;

  private InProcessPart(Part part, AutoCloseable running) {
    this.part = part;
    this.running = running;
  }

  /** Starts the part; returns once its entry point has returned. */
  static InProcessPart start(Part part) throws Exception {
    return new InProcessPart(part, part.kind().start(Env.of(part.env())));
  }

  @Override
  public long pid() {
    return ProcessHandle.current().pid();
  }

  @Override
  public boolean alive() {
    return !stopped;
  }

  @Override
  public Integer exitStatus() {
    return null;
  }

  @Override
  public synchronized void stop(Duration grace) {
    if (stopped) {
      return;
    }
    stopped = true;
    try {
      running.close();
    } catch (Exception e) {
      throw new IllegalStateException("stopping " + part.name() + " failed: " + e, e);
    }
  }

  @Override
  public void kill() {
    throw new UnsupportedOperationException(part.name() + " runs inside the launcher's JVM; only a part that runs"
        + " as its own process can be killed");
  }
}
