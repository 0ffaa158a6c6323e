package io.klaxon.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AotCacheTest {
  @TempDir
  Path temp;
  private Path dir;
  private String classPath;

  @BeforeEach
  void jars() throws IOException {
    dir = temp.resolve("aot");
    Path a = Files.writeString(temp.resolve("a.jar"), "a");
    Path b = Files.writeString(temp.resolve("b.jar"), "b");
    classPath = a + File.pathSeparator + b;
  }

  private static String flag(Optional<AotCache.Start> start) {
    return start.orElseThrow().flag();
  }

  /** Writes the file a training run's flag names, as the JVM does when the part stops. */
  private static void written(AotCache.Start start) throws IOException {
    Path file = start.file();
    Files.createDirectories(file.getParent());
    Files.writeString(file, "cache");
  }

  @Test
  void theFirstPartOfAKindTrainsItsSiblingsStartPlainAndLaterPartsUseTheCache() throws IOException {
    AotCache cache = new AotCache(dir, 25, classPath);
    List<String> flags = List.of("-Xmx1g");

    AotCache.Start first = cache.start(PartKind.STREAMS, flags).orElseThrow();
    assertThat(first.trains()).isTrue();
    assertThat(first.flag()).startsWith("-XX:AOTCacheOutput=" + dir.resolve("streams-")).endsWith(".aot");
    assertThat(cache.start(PartKind.STREAMS, flags)).isEmpty();
    assertThat(flag(cache.start(PartKind.NOTIFIER, flags))).startsWith("-XX:AOTCacheOutput=");

    written(first);
    cache.exited(first);

    AotCache.Start later = cache.start(PartKind.STREAMS, flags).orElseThrow();
    assertThat(later.trains()).isFalse();
    assertThat(later.flag()).isEqualTo(first.flag().replace("AOTCacheOutput", "AOTCache"));
  }

  @Test
  void aGroupMemberThatTrainsGetsASessionTimeoutThatOutlastsTheFreezeAtTheEndOfItsRecording() throws IOException {
    AotCache cache = new AotCache(dir, 25, classPath);
    Map<String, String> member = Map.of("GROUP_INSTANCE_ID", "notifier-1");
    AotCache.Start trains = cache.start(PartKind.NOTIFIER, List.of()).orElseThrow();
    assertThat(trains.trains()).isTrue();

    assertThat(trains.environment(member)).containsExactly(Map.entry("KAFKA_SESSION_TIMEOUT_MS", "30000"));
    assertThat(trains.environment(Map.of())).as("dynamic members are found dead by their session timeout only")
        .isEmpty();
    assertThat(trains.environment(Map.of("GROUP_INSTANCE_ID", "notifier-1", "KAFKA_SESSION_TIMEOUT_MS", "10000")))
        .as("the operator's own timeout stands").isEmpty();

    written(trains);
    cache.exited(trains);
    AotCache.Start uses = cache.start(PartKind.NOTIFIER, List.of()).orElseThrow();
    assertThat(uses.trains()).isFalse();
    assertThat(uses.environment(member)).as("a part that uses the cache records nothing").isEmpty();
  }

  @Test
  void aPartThatExitsWithoutWritingTheCacheLetsTheNextOneTrain() {
    AotCache cache = new AotCache(dir, 25, classPath);
    AotCache.Start crashed = cache.start(PartKind.STREAMS, List.of()).orElseThrow();

    cache.exited(crashed);

    assertThat(cache.start(PartKind.STREAMS, List.of()).orElseThrow().trains()).isTrue();
  }

  @Test
  void otherFlagsTrainACacheOfTheirOwnBesideTheFirst() throws IOException {
    AotCache cache = new AotCache(dir, 25, classPath);
    AotCache.Start small = cache.start(PartKind.BROKER, List.of("-Xmx1g")).orElseThrow();
    written(small);
    cache.exited(small);

    AotCache.Start large = cache.start(PartKind.BROKER, List.of("-Xmx2g")).orElseThrow();

    assertThat(large.trains()).isTrue();
    assertThat(large.flag()).isNotEqualTo(small.flag());
    assertThat(small.file()).exists();
  }

  @Test
  void aRebuiltJarTrainsANewCacheAndTheEarlierBuildsCachesAreDeleted() throws IOException {
    AotCache.Start old = new AotCache(dir, 25, classPath).start(PartKind.NOTIFIER, List.of()).orElseThrow();
    written(old);
    Files.setLastModifiedTime(old.file(), FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
    Files.setLastModifiedTime(temp.resolve("a.jar"), FileTime.from(Instant.parse("2026-06-01T00:00:00Z")));

    AotCache.Start rebuilt = new AotCache(dir, 25, classPath).start(PartKind.NOTIFIER, List.of()).orElseThrow();

    assertThat(rebuilt.trains()).isTrue();
    assertThat(rebuilt.flag()).isNotEqualTo(old.flag());
    assertThat(old.file()).doesNotExist();
  }

  @Test
  void aPartThatRecordsAFlightRecordingStartsWithoutTheCache() {
    AotCache cache = new AotCache(dir, 25, classPath);

    assertThat(cache.start(PartKind.STREAMS,
        List.of("-Xmx2g", "-XX:StartFlightRecording=filename=/tmp/streams.jfr,settings=profile"))).isEmpty();
    assertThat(cache.start(PartKind.STREAMS, List.of("-Xmx2g"))).isPresent();
  }

  @Test
  void offWithoutADirectoryBeforeJdk25OrWithADirectoryOnTheClassPath() {
    assertThat(new AotCache(null, 25, classPath).start(PartKind.STREAMS, List.of())).isEmpty();
    assertThat(new AotCache(dir, 21, classPath).start(PartKind.STREAMS, List.of())).isEmpty();
    AotCache withClasses = new AotCache(dir, 25, classPath + File.pathSeparator + temp);
    assertThat(withClasses.enabled()).isFalse();
    assertThat(withClasses.start(PartKind.STREAMS, List.of())).isEmpty();
  }

  @Test
  void aPartThatTrainsWritesItsCacheWhileItRunsSoThatAKillLeavesItBehind() throws Exception {
    Path java = javaWithJcmd();
    AotCache cache = new AotCache(dir, Runtime.version().feature(), classPath);
    AotCache.Start start = cache.start(PartKind.STREAMS, List.of()).orElseThrow();
    Process part = idle(java, temp.resolve("part.log"), start.flag());
    List<String> log = new CopyOnWriteArrayList<>();
    try {
      cache.endRecordingLater(start, part, java, Duration.ofSeconds(3), log::add);

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (log.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(log).singleElement().asString().startsWith("wrote the ahead-of-time cache " + start.file());
      if (Files.isExecutable(Path.of("/usr/bin/renice"))) {
        assertThat(log.getFirst()).as("the JVM that assembled the cache ran at the lowest priority")
            .contains("(assembled at the lowest CPU priority)");
      }
      assertThat(part.isAlive()).as("the part runs on").isTrue();
    } finally {
      part.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(start.file()).isRegularFile();
    assertThat(Files.size(start.file())).isGreaterThan(1_000_000);
  }

  @Test
  void aPartThatStopsBeforeItsRecordingTimeIsLeftAlone() throws Exception {
    Path java = javaWithJcmdOfAnyRelease();
    AotCache cache = new AotCache(dir, 25, classPath);
    AotCache.Start start = cache.start(PartKind.NOTIFIER, List.of()).orElseThrow();
    Process quick = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    List<String> log = new CopyOnWriteArrayList<>();

    cache.endRecordingLater(start, quick, java, Duration.ofSeconds(2), log::add);
    quick.waitFor(30, TimeUnit.SECONDS);
    Thread.sleep(3_000);

    assertThat(log).isEmpty();
    assertThat(start.file()).doesNotExist();
  }

  @Test
  void aStopWaitsUntilTheCacheBeingWrittenIsWrittenSoTheSignalDoesNotCrashThePart() throws Exception {
    Path java = javaWithJcmd();
    AotCache cache = new AotCache(dir, Runtime.version().feature(), classPath);
    AotCache.Start start = cache.start(PartKind.STREAMS, List.of()).orElseThrow();
    Path output = temp.resolve("part.log");
    Process part = idle(java, output, start.flag());
    List<String> log = new CopyOnWriteArrayList<>();
    try {
      cache.endRecordingLater(start, part, java, Duration.ofSeconds(1), log::add);
      // The JVM reports the classes it leaves out of the cache as it starts writing it.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.readString(output).contains("[aot]") && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(output).content().as("the part began writing its cache").contains("[aot]");

      assertThat(cache.settleBeforeStop(part.pid(), Duration.ofSeconds(90))).isTrue();

      assertThat(log).as("the stop came only once the cache was written").singleElement().asString()
          .startsWith("wrote the ahead-of-time cache");
      part.destroy();
      assertThat(part.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(part.exitValue()).as("ended by the signal (143), not crashed by it (134)").isEqualTo(143);
    } finally {
      part.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(start.file()).isRegularFile();
  }

  @Test
  void aStopBeforeTheRecordingEndsLeavesTheCacheToTheExitAndRunsNoJcmd() throws Exception {
    Path java = javaWithJcmdOfAnyRelease();
    AotCache cache = new AotCache(dir, 25, classPath);
    AotCache.Start start = cache.start(PartKind.NOTIFIER, List.of()).orElseThrow();
    Process part = idle(java, temp.resolve("part.log"));
    List<String> log = new CopyOnWriteArrayList<>();
    try {
      cache.endRecordingLater(start, part, java, Duration.ofSeconds(2), log::add);

      assertThat(cache.settleBeforeStop(part.pid(), Duration.ofSeconds(1))).isTrue();
      Thread.sleep(3_500);

      assertThat(part.isAlive()).isTrue();
      assertThat(log).as("no jcmd ran after the stop was announced").isEmpty();
    } finally {
      part.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** The JDK's java, when it is 25 or later and has jcmd beside it (the test is skipped otherwise). */
  private static Path javaWithJcmd() {
    Assumptions.assumeTrue(Runtime.version().feature() >= AotCache.FIRST_JDK, "needs JDK 25 or later");
    return javaWithJcmdOfAnyRelease();
  }

  /** The JDK's java, when it has jcmd beside it (the test is skipped otherwise). */
  private static Path javaWithJcmdOfAnyRelease() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Assumptions.assumeTrue(Files.isExecutable(java.resolveSibling("jcmd")), "needs jcmd");
    return java;
  }

  /** A JVM with {@code flags} that sleeps for two minutes, its output to {@code output}, a crash report beside it. */
  private Process idle(Path java, Path output, String... flags) throws IOException {
    Files.createDirectories(dir);
    Path main = Files.writeString(temp.resolve("Idle.java"),
        "public class Idle { public static void main(String[] a) throws Exception { Thread.sleep(120_000); } }");
    List<String> command = new ArrayList<>(List.of(java.toString()));
    command.addAll(List.of(flags));
    command.addAll(List.of("-XX:ErrorFile=" + temp.resolve("hs_err-%p.log"), main.toString()));
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(output.toFile()).start();
  }
}
