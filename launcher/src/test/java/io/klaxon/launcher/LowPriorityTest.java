package io.klaxon.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LowPriorityTest {
  @BeforeEach
  void linux() {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/renice")) && Files.isDirectory(Path.of("/proc/self")),
        "needs renice and /proc");
  }

  /** The niceness of {@code pid}: field 19 of /proc/pid/stat (after the command name in parentheses). */
  private static int niceness(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
    return Integer.parseInt(fields[16]);
  }

  @Test
  void aProcessIsMovedToTheLowestPriority() throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "30").start();
    try {
      assertThat(niceness(sleeper.pid())).isNotEqualTo(LowPriority.NICENESS);

      assertThat(LowPriority.lower(sleeper.pid())).isTrue();

      assertThat(niceness(sleeper.pid())).isEqualTo(LowPriority.NICENESS);
    } finally {
      sleeper.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void onlyTheDescendantsAreLoweredAndEachOnce() throws Exception {
    Process parent = new ProcessBuilder("sh", "-c", "sleep 30 & wait").start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (parent.descendants().findAny().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      long child = parent.descendants().findFirst().orElseThrow().pid();
      Set<Long> seen = new HashSet<>();

      assertThat(LowPriority.lowerNew(parent.toHandle(), seen)).isEqualTo(1);
      assertThat(LowPriority.lowerNew(parent.toHandle(), seen)).as("already lowered").isZero();

      assertThat(niceness(child)).isEqualTo(LowPriority.NICENESS);
      assertThat(niceness(parent.pid())).as("the parent keeps its priority").isNotEqualTo(LowPriority.NICENESS);
      assertThat(seen).containsExactly(child);
    } finally {
      parent.descendants().forEach(ProcessHandle::destroyForcibly);
      parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aProcessThatIsGoneIsNotLowered() throws Exception {
    Process done = new ProcessBuilder("true").start();
    done.waitFor(10, TimeUnit.SECONDS);

    assertThat(LowPriority.lower(done.pid())).isFalse();
  }
}
