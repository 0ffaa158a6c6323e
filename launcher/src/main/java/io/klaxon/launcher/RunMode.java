package io.klaxon.launcher;

/** Where a part runs. */
public enum RunMode {
  /** Inside the launcher's JVM: quick to start, shares the launcher's CPU and memory figures. */
  IN_PROCESS,
  /**
   * As its own OS process ({@code java ... PartMain <kind>}), with its own JVM flags, log file,
   * pid, CPU and memory figures; it can be killed and restarted on its own.
   */
  SEPARATE_PROCESS
}
