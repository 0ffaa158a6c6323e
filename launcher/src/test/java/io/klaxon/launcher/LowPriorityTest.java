package io.klaxon.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LowPriorityTest {
  @TempDir
  Path temp;

  @BeforeEach
  void linux() {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/renice")) && Files.isDirectory(Path.of("/proc/self/task")),
        "needs renice and /proc");
  }

  /** The niceness of every thread of {@code pid}: field 19 of each /proc/pid/task/tid/stat. */
  private static List<Integer> threadNiceness(long pid) throws IOException {
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      return tasks.map(task -> {
        try {
          String stat = Files.readString(task.resolve("stat"));
          // after "pid (name) ": state is field 3, nice field 19
          return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1)[16]);
        } catch (IOException e) {
          return null; // the thread ended meanwhile
        }
      }).filter(java.util.Objects::nonNull).toList();
    }
  }

  /** Waits until {@code process} has at least {@code count} threads and has started no new one for a second. */
  private static void awaitSettled(Process process, int count) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    int last = -1;
    long stableSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      int now = threadNiceness(process.pid()).size();
      if (now != last) {
        last = now;
        stableSince = System.nanoTime();
      } else if (now >= count && System.nanoTime() - stableSince > TimeUnit.SECONDS.toNanos(1)) {
        return;
      }
      Thread.sleep(50);
    }
  }

  @Test
  void everyThreadOfAJvmIsMovedToTheLowestPriorityNotOnlyItsFirst() throws Exception {
    Path main = Files.writeString(temp.resolve("Idle.java"),
        "public class Idle { public static void main(String[] a) throws Exception { Thread.sleep(60_000); } }");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process jvm = new ProcessBuilder(java.toString(), main.toString()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      awaitSettled(jvm, 10);
      assertThat(threadNiceness(jvm.pid())).as("a JVM runs many threads").hasSizeGreaterThan(5)
          .doesNotContain(LowPriority.NICENESS);
      Set<Long> seen = new HashSet<>();

      int lowered = LowPriority.lower(jvm.pid(), seen);

      assertThat(threadNiceness(jvm.pid())).containsOnly(LowPriority.NICENESS);
      assertThat(lowered).isGreaterThan(5).isEqualTo(seen.size());
      Set<Long> before = Set.copyOf(seen);
      int later = LowPriority.lower(jvm.pid(), seen);
      assertThat(seen).containsAll(before);
      assertThat(later).as("a second look moves only threads started since the first")
          .isEqualTo(seen.size() - before.size());
    } finally {
      jvm.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void onlyTheDescendantsAreLowered() throws Exception {
    Process parent = new ProcessBuilder("sh", "-c", "sleep 30 & wait").start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (parent.descendants().findAny().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      long child = parent.descendants().findFirst().orElseThrow().pid();
      Set<Long> seen = new HashSet<>();

      assertThat(LowPriority.lowerDescendants(parent.toHandle(), seen)).isEqualTo(1);
      assertThat(LowPriority.lowerDescendants(parent.toHandle(), seen)).as("already lowered").isZero();

      assertThat(threadNiceness(child)).containsOnly(LowPriority.NICENESS);
      assertThat(threadNiceness(parent.pid())).as("the parent keeps its priority").doesNotContain(LowPriority.NICENESS);
      assertThat(seen).containsExactly(child);
    } finally {
      parent.descendants().forEach(ProcessHandle::destroyForcibly);
      parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aProcessThatIsGoneLowersNothing() throws Exception {
    Process done = new ProcessBuilder("true").start();
    done.waitFor(10, TimeUnit.SECONDS);

    assertThat(LowPriority.lower(done.pid(), new HashSet<>())).isZero();
  }
}
