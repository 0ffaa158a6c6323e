package io.klaxon.launcher;

import io.klaxon.ops.GroupRecovery;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The JDK's ahead-of-time cache (JDK 25: JEP 483, 514 and 515) for the parts run as their own
 * processes. A part's first run with a given class path, JVM and flags records which classes it
 * loads and links and how its methods run, and writes the cache when it stops; every later start
 * of that kind of part maps the cache, so it starts faster and its JIT compiles the hot methods
 * sooner: a Streams instance started again after a crash competes less with the survivors, and a
 * part reaches full speed sooner after {@code klaxon up}. In {@code ./klaxon bench alertmanager
 * --quick} the Streams app and the broker used about 40% less CPU and Klaxon notified about 1.5
 * times as fast (load-tests/reports/README.md, "Ahead-of-time cache").
 *
 * <p>On when the system property {@value #DIR_PROPERTY} names the cache directory (the {@code
 * klaxon} script sets {@code .klaxon/aot}, unless {@code KLAXON_AOT=off}), the JVM is 25 or later,
 * and the class path holds only jar files (the JVM does not cache classes from directories). One
 * file per kind of part: {@code <kind>-<fingerprint>.aot}, the fingerprint covering the JVM, the
 * class path's jars (path, size, modification time) and the part's flags, so a rebuilt jar or a new
 * flag trains a new cache; caches older than the newest jar (an earlier build's) are deleted when a
 * new one trains. While one part of a kind trains, its siblings
 * start without a cache. A part that trains writes the cache after {@link #RECORDING_TIME} and runs
 * on ({@link #endRecordingLater}), so a part killed later still leaves its cache behind; one that
 * dies sooner writes nothing, and the next one of its kind trains again.
 * A part that records a flight recording ({@code --profile}) starts without the cache: the JDK
 * records nothing while it trains one.
 * A cache the JVM cannot use (another JVM build, a damaged file) is ignored with a warning in the
 * part's log: it never stops a part from starting. Thread-safe.
 */
public final class AotCache {
  /** The system property naming the cache directory. */
  static final String DIR_PROPERTY = "klaxon.aot.dir";
  /** The first JDK whose single-step {@code -XX:AOTCacheOutput} records and writes a cache. */
  static final int FIRST_JDK = 25;
  /** The flag of a part that records a JFR profile: such a part starts without the cache. */
  static final String FLIGHT_RECORDING = "-XX:StartFlightRecording";
  /**
   * How long a part that trains runs before its recording ends and its cache is written: its
   * start-up and its first half minute of work, after which it runs on without recording.
   */
  static final Duration RECORDING_TIME = Duration.ofSeconds(30);
  /**
   * The consumer session timeout of a part that trains and that the launcher removes from its group
   * at once when it dies (it has a {@code GROUP_INSTANCE_ID}, {@link DeadMembers}). Ending the
   * recording stops the part's JVM while it writes what it recorded: about 6 s for the notifier's
   * 16,000 classes on an idle machine, longer on a busy one, and that is as long as the parts'
   * usual session timeout. Without this, the group would take the frozen part's partitions away, and a
   * notifier would deliver again everything since its last commit. A death is still noticed at
   * once, by the launcher, not by the timeout.
   */
  static final Duration TRAINING_SESSION_TIMEOUT = Duration.ofSeconds(30);
  /** The pass-through client setting of the Streams app and the notifier that sets the session timeout. */
  static final String SESSION_TIMEOUT_VARIABLE = "KAFKA_SESSION_TIMEOUT_MS";

  /**
   * How long writing a cache may take (the JDK assembles it in a child JVM, at the lowest priority:
   * on a machine whose cores are busy that takes minutes).
   */
  private static final Duration WRITE_WAIT = Duration.ofMinutes(10);
  /** How often the part is looked at for the JVM that assembles its cache, while the cache is written. */
  private static final Duration ASSEMBLER_LOOK = Duration.ofMillis(50);

  private final Path dir;
  private final String classPath;
  private final Set<PartKind> training = ConcurrentHashMap.newKeySet();
  /** One cache is written at a time: each is assembled by a JVM of its own, which takes a core for a while. */
  private final Semaphore writing = new Semaphore(1);
  /** The recordings {@link #endRecordingLater} is to end, by the pid of their part, until they end or are dropped. */
  private final Map<Long, Recording> recordings = new ConcurrentHashMap<>();

  /**
   * @param dir the cache directory, or null when the cache is off
   * @param jdkFeature the JVM's feature release (e.g. 25)
   * @param classPath the class path the parts run with
   */
  AotCache(Path dir, int jdkFeature, String classPath) {
    this.classPath = Objects.requireNonNull(classPath, "classPath");
    this.dir = dir != null && jdkFeature >= FIRST_JDK && jarsOnly(classPath) ? dir : null;
  }

  /** The cache as this JVM's system properties set it up. */
  public static AotCache fromSystem() {
    String dir = System.getProperty(DIR_PROPERTY);
    return new AotCache(dir == null || dir.isBlank() ? null : Path.of(dir), Runtime.version().feature(),
        System.getProperty("java.class.path"));
  }

  /** Whether parts get a cache at all. */
  public boolean enabled() {
    return dir != null;
  }

  /**
   * What to add to the flags of a part of {@code kind} started with {@code flags}: the cache to use
   * when there is one, else the file this run should write (unless a sibling already trains it), else
   * nothing.
   */
  Optional<Start> start(PartKind kind, List<String> flags) {
    if (dir == null || flags.stream().anyMatch(flag -> flag.startsWith(FLIGHT_RECORDING))) {
      // The JDK records no flight recording while it trains a cache, and a profiled run is one of its kind.
      return Optional.empty();
    }
    String name = kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    Path cache = dir.resolve(name + "-" + fingerprint(flags) + ".aot");
    if (Files.isRegularFile(cache)) {
      return Optional.of(new Start(cache, kind, false));
    }
    if (!training.add(kind)) {
      return Optional.empty();
    }
    try {
      Files.createDirectories(dir);
      deleteStale(name);
    } catch (IOException e) {
      training.remove(kind);
      return Optional.empty();
    }
    return Optional.of(new Start(cache, kind, true));
  }

  /**
   * How a part starts with the cache.
   *
   * @param file the cache file this start uses or writes
   * @param trains whether this run writes the cache (call {@link #exited} when it exits)
   */
  record Start(Path file, PartKind kind, boolean trains) {
    /** The JVM flag to add. */
    String flag() {
      return (trains ? "-XX:AOTCacheOutput=" : "-XX:AOTCache=") + file;
    }

    /**
     * What this start adds to a part's environment {@code env}: when it trains a part with a
     * static group identity, a session timeout that outlasts the freeze at the end of the
     * recording ({@link #TRAINING_SESSION_TIMEOUT}), unless the part's environment sets one.
     */
    Map<String, String> environment(Map<String, String> env) {
      if (!trains || !env.containsKey(GroupRecovery.INSTANCE_ID_VARIABLE) || env.containsKey(SESSION_TIMEOUT_VARIABLE)) {
        return Map.of();
      }
      return Map.of(SESSION_TIMEOUT_VARIABLE, Long.toString(TRAINING_SESSION_TIMEOUT.toMillis()));
    }
  }

  /**
   * When {@code start} trains: once {@code process} has run for {@code after}, ends its recording
   * with the JDK's {@code jcmd <pid> AOT.end_recording}, one part at a time. The JVM then writes
   * the cache and runs on, so a part killed later (kill -9, out of memory) leaves its cache behind:
   * without this, a part that never stops cleanly (a crash loop, a chaos run) would train again at
   * every start and never get a cache. Without {@code jcmd} beside {@code java} the cache is written when the part stops.
   * {@code log} hears what happened, in a line.
   */
  void endRecordingLater(Start start, Process process, Path java, Duration after, Consumer<String> log) {
    Path jcmd = java.resolveSibling("jcmd");
    if (!start.trains() || !Files.isExecutable(jcmd)) {
      return;
    }
    Recording recording = new Recording();
    recordings.put(process.pid(), recording);
    Thread.ofVirtual().name("aot-recording-" + process.pid()).start(() -> {
      try {
        if (process.waitFor(after.toMillis(), TimeUnit.MILLISECONDS)) {
          return; // stopped (or died) first: it wrote its cache on the way out, or nothing
        }
        writing.acquire();
        try {
          if (recording.begin()) {
            endRecording(start, process, jcmd, log);
          }
        } finally {
          writing.release();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        recording.finish();
        recordings.remove(process.pid(), recording);
      }
    });
  }

  /**
   * Call before stopping the part of process {@code pid}: a signal that reaches a JVM while it writes
   * its cache crashes it (JDK 25: SIGSEGV in the archive writer), and the cache is lost. A recording
   * not yet ended is ended by the stop instead (the JVM writes the cache on its way out); one being
   * written is waited for, at most {@code max}. Returns whether the part may be stopped safely: false
   * only when the write is still under way after {@code max}.
   */
  boolean settleBeforeStop(long pid, Duration max) throws InterruptedException {
    Recording recording = recordings.get(pid);
    return recording == null || recording.settle(max);
  }

  /** One part's recording: to be ended later, being written, or finished (written, failed or dropped). */
  private static final class Recording {
    private boolean begun;
    private boolean dropped;
    private boolean finished;

    /** Starts writing, unless the part's stop came first. */
    synchronized boolean begin() {
      begun = !dropped;
      return begun;
    }

    synchronized void finish() {
      finished = true;
      notifyAll();
    }

    /** Drops a write not yet begun; waits at most {@code max} for one under way; whether none is under way. */
    synchronized boolean settle(Duration max) throws InterruptedException {
      if (!begun) {
        dropped = true;
        return true;
      }
      long deadline = System.nanoTime() + max.toNanos();
      while (!finished) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      return true;
    }
  }

  private static void endRecording(Start start, Process process, Path jcmd, Consumer<String> log)
      throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    try {
      Process command = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "AOT.end_recording")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      Set<Long> seen = new HashSet<>();
      LowPriority.lower(command.pid(), seen);
      int lowered = 0;
      long deadline = System.nanoTime() + WRITE_WAIT.toNanos();
      boolean done = false;
      while (!done && System.nanoTime() - deadline < 0) {
        // The part's JVM assembles the cache in a child JVM of its own, which takes a core for a
        // while: at the lowest priority it takes that core only from what would otherwise idle.
        lowered += LowPriority.lowerDescendants(process.toHandle(), seen);
        done = command.waitFor(ASSEMBLER_LOOK.toMillis(), TimeUnit.MILLISECONDS);
      }
      if (!done) {
        command.destroyForcibly();
      }
      log.accept(done && command.exitValue() == 0 && Files.isRegularFile(start.file())
          ? "wrote the ahead-of-time cache " + start.file() + (lowered > 0
              ? " (assembled at the lowest CPU priority)" : "") + "; running on"
          : "could not end the ahead-of-time recording (jcmd " + (done ? "exit " + command.exitValue() : "timed out")
              + "); the cache is written when the part stops");
    } catch (IOException e) {
      log.accept("could not run jcmd to end the ahead-of-time recording: " + e.getMessage());
    }
  }

  /** The part that {@code start} let train has exited (stopped, crashed or killed). */
  void exited(Start start) {
    if (start.trains()) {
      training.remove(start.kind());
    }
  }

  private String fingerprint(List<String> flags) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      update(digest, System.getProperty("java.home"));
      update(digest, System.getProperty("java.runtime.version"));
      for (String entry : entries(classPath)) {
        Path jar = Path.of(entry).toAbsolutePath();
        BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
        update(digest, jar + "|" + attributes.size() + "|" + attributes.lastModifiedTime().toMillis());
      }
      flags.forEach(flag -> update(digest, flag));
      return HexFormat.of().formatHex(digest.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the class path entry for the AOT cache's fingerprint", e);
    }
  }

  private static void update(MessageDigest digest, String value) {
    digest.update(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
  }

  /**
   * Deletes the caches of kind {@code name} written before the newest jar of the class path: they
   * belong to an earlier build. Caches of this build with other flags (say, a benchmark's heap)
   * stay.
   */
  private void deleteStale(String name) throws IOException {
    long build = 0;
    for (String entry : entries(classPath)) {
      build = Math.max(build, Files.getLastModifiedTime(Path.of(entry)).toMillis());
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, name + "-*.aot*")) {
      for (Path file : files) {
        if (Files.getLastModifiedTime(file).toMillis() < build) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  /** The class path's entries, empty ones left out. */
  private static List<String> entries(String classPath) {
    return Arrays.stream(classPath.split(Pattern.quote(File.pathSeparator), -1))
        .filter(entry -> !entry.isEmpty()).toList();
  }

  private static boolean jarsOnly(String classPath) {
    for (String entry : entries(classPath)) {
      if (!entry.endsWith(".jar") || !Files.isRegularFile(Path.of(entry))) {
        return false;
      }
    }
    return true;
  }
}
