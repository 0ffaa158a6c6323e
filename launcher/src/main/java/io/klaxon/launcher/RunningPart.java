package io.klaxon.launcher;

import java.time.Duration;

/** A started part, however it runs. Thread-safe. */
sealed interface RunningPart permits ChildProcessPart, InProcessPart {

  /** The process it runs in. */
  long pid();

  /** Whether it still runs (a separate process may have exited or been killed). */
  boolean alive();

  /** The exit status of a separate process that has exited, else null. */
  Integer exitStatus();

  /**
   * Stops it in order: SIGTERM to a separate process, then SIGKILL if it is still running after
   * {@code grace}; {@code close()} for an in-process part. Returns once it has stopped.
   */
  void stop(Duration grace) throws InterruptedException;

  /**
   * Stops it at once, as a crash would: SIGKILL.
   *
   * @throws UnsupportedOperationException for an in-process part, which cannot crash on its own
   */
  void kill() throws InterruptedException;
}
