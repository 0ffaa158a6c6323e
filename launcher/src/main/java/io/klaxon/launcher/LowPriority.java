package io.klaxon.launcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Moves helper processes to the lowest CPU priority (nice 19, with {@code renice}), so that they
 * take a core only when nothing else of the pipeline wants it. Used for the JVMs that assemble an
 * ahead-of-time cache beside running parts. Linux keeps a priority per thread, and {@code renice
 * -p <pid>} moves only the thread whose id is the process id, so every thread of the process is
 * moved (listed in {@code /proc/<pid>/task}); threads a moved thread starts later inherit its
 * priority, and a caller that looks again moves the others. Where {@code renice} is missing or
 * refuses, the process keeps its priority: nothing else changes.
 */
final class LowPriority {
  /** The niceness helpers get: the lowest priority Linux has. */
  static final int NICENESS = 19;
  private static final Path RENICE = Path.of("/usr/bin/renice");
  private static final Path PROC = Path.of("/proc");

  private LowPriority() {}

  /**
   * Lowers every thread of the process {@code pid} that is not in {@code seen} yet (thread ids;
   * without {@code /proc}, the process id alone), and adds it there; how many threads it lowered.
   */
  static int lower(long pid, Set<Long> seen) {
    if (!Files.isExecutable(RENICE)) {
      return 0;
    }
    List<String> fresh = new ArrayList<>();
    for (long thread : threads(pid)) {
      if (seen.add(thread)) {
        fresh.add(Long.toString(thread));
      }
    }
    if (fresh.isEmpty()) {
      return 0;
    }
    List<String> command = new ArrayList<>(List.of(RENICE.toString(), "-n", Integer.toString(NICENESS), "-p"));
    command.addAll(fresh);
    try {
      Process renice = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      // A thread that ended in the meantime makes renice fail for it alone (the others are moved),
      // and such a look counts nothing.
      return renice.waitFor(5, TimeUnit.SECONDS) && renice.exitValue() == 0 ? fresh.size() : 0;
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  /**
   * Lowers every thread of every descendant of {@code parent} not in {@code seen} yet (see {@link
   * #lower}); how many threads it lowered.
   */
  static int lowerDescendants(ProcessHandle parent, Set<Long> seen) {
    int lowered = 0;
    for (ProcessHandle child : parent.descendants().toList()) {
      if (child.isAlive()) {
        lowered += lower(child.pid(), seen);
      }
    }
    return lowered;
  }

  /**
   * The thread ids of {@code pid}: its {@code /proc} task entries (none when it is gone), or the
   * process id on a system without {@code /proc}.
   */
  private static List<Long> threads(long pid) {
    if (!Files.isDirectory(PROC.resolve("self"))) {
      return List.of(pid);
    }
    Path tasks = PROC.resolve(Long.toString(pid)).resolve("task");
    List<Long> ids = new ArrayList<>();
    if (Files.isDirectory(tasks)) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(tasks)) {
        for (Path entry : entries) {
          try {
            ids.add(Long.parseLong(entry.getFileName().toString()));
          } catch (NumberFormatException notAThread) {
            // /proc lists only numbers here; anything else is skipped
          }
        }
      } catch (IOException gone) {
        return List.of();
      }
    }
    return ids;
  }
}
