package io.klaxon.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Moves a helper process to the lowest CPU priority (nice 19, with {@code renice}), so that it
 * takes a core only when nothing else of the pipeline wants it. Used for the JVMs that assemble an
 * ahead-of-time cache beside running parts. Where {@code renice} is missing or refuses, the process
 * keeps its priority: nothing else changes.
 */
final class LowPriority {
  /** The niceness helpers get: the lowest priority Linux has. */
  static final int NICENESS = 19;
  private static final Path RENICE = Path.of("/usr/bin/renice");

  private LowPriority() {}

  /** Lowers the priority of the process {@code pid}; whether it was lowered. */
  static boolean lower(long pid) {
    if (!Files.isExecutable(RENICE)) {
      return false;
    }
    try {
      Process renice = new ProcessBuilder(RENICE.toString(), "-n", Integer.toString(NICENESS), "-p",
          Long.toString(pid)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return renice.waitFor(5, TimeUnit.SECONDS) && renice.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Lowers every descendant of {@code parent} that is not in {@code seen} yet, and adds it there
   * (so that a caller looking again and again starts one {@code renice} per new process); how many
   * it lowered.
   */
  static int lowerNew(ProcessHandle parent, Set<Long> seen) {
    int lowered = 0;
    for (ProcessHandle child : parent.descendants().toList()) {
      if (child.isAlive() && seen.add(child.pid()) && lower(child.pid())) {
        lowered++;
      }
    }
    return lowered;
  }
}
