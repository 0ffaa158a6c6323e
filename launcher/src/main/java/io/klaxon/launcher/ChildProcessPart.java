package io.klaxon.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;

/**
 * A part as its own OS process: {@code java <flags> -cp <the launcher's class path> PartMain <kind>}
 * with exactly the part's environment (plus {@link #INHERITED}), its output appended to its log
 * file, its pid written to its pid file while it runs. The process's standard input stays open to
 * this JVM: if the launcher dies, the part sees the end of it and stops ({@link PartMain}).
 *
 * <p>Where {@code setsid} exists the part runs in a session of its own: Ctrl-C in a terminal then
 * reaches the launcher only, which stops the parts in order (the applications before the broker),
 * instead of every part at once.
 */
final class ChildProcessPart implements RunningPart {
  /** What a part inherits of the launcher's environment: what a JVM and its tools need to run. */
  static final List<String> INHERITED = List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR", "USER");
  private static final Pattern BLANKS = Pattern.compile("\\s+");
  private static final Duration KILL_WAIT = Duration.ofSeconds(10);
  /** Runs a program in a new session; it execs the program, so the pid stays the program's. */
  private static final Path SETSID = Path.of("/usr/bin/setsid");
  /** The longest a stop waits for the part to finish writing its ahead-of-time cache ({@link AotCache#settleBeforeStop}). */
  private static final Duration CACHE_WRITE_WAIT = Duration.ofSeconds(60);

  private final Part part;
  private final Process process;
  private final Path pidFile;
  private final Path logFile;
  private final AotCache aot;
  /** Set before an ordered stop: the exit that follows is not a crash. */
  private volatile boolean stopping;

  private ChildProcessPart(Part part, Process process, Path pidFile, Path logFile, AotCache aot) {
    this.part = part;
    this.process = process;
    this.pidFile = pidFile;
    this.logFile = logFile;
    this.aot = aot;
  }

  /**
   * Launches the part, with the {@code aot} cache when it has one for the part; returns as soon as
   * the process runs (readiness is the launcher's to wait for).
   */
  static ChildProcessPart start(Part part, Path logFile, Path pidFile, AotCache aot) throws IOException {
    Files.createDirectories(logFile.getParent());
    Files.createDirectories(pidFile.getParent());
    List<String> own = ownFlags(part, System.getenv(Part.EVERY_PART_FLAGS));
    List<String> flags = flags(part.name(), own);
    // The part's own flags (heap, recording), not its name: every instance of a kind shares one cache.
    Optional<AotCache.Start> cache = aot.start(part.kind(), own);
    cache.ifPresent(start -> flags.add(start.flag()));
    // A JVM's fatal error report goes beside the part's log, not into the launcher's working directory.
    flags.add("-XX:ErrorFile=" + logFile.toAbsolutePath().resolveSibling(part.name() + "-hs_err-%p.log"));
    String java = javaBinary();
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(SETSID)) {
      command.add(SETSID.toString());
    }
    command.add(java);
    command.addAll(flags);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), PartMain.class.getName(),
        part.kind().name().toLowerCase(Locale.ROOT)));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    Map<String, String> environment = builder.environment();
    environment.keySet().retainAll(INHERITED);
    environment.putAll(part.env());
    Map<String, String> training = cache.map(start -> start.environment(part.env())).orElse(Map.of());
    environment.putAll(training);
    appendLine(logFile, "starting " + part.name() + " with " + String.join(" ", flags)
        + (training.isEmpty() ? "" : " (training its cache: " + training + ")"));
    Process process;
    try {
      process = builder.start();
    } catch (IOException | RuntimeException e) {
      cache.ifPresent(aot::exited);
      throw e;
    }
    cache.ifPresent(start -> {
      var unused = process.onExit().thenRun(() -> aot.exited(start));
      aot.endRecordingLater(start, process, Path.of(java), AotCache.RECORDING_TIME,
          line -> note(logFile, part.name() + ": " + line));
    });
    Files.writeString(pidFile, process.pid() + "\n", StandardCharsets.UTF_8);
    return new ChildProcessPart(part, process, pidFile, logFile, aot);
  }

  /** Appends a line of the launcher's own to the part's log, marked and timed. */
  private static void appendLine(Path logFile, String line) throws IOException {
    Files.writeString(logFile, "=== " + Instant.now() + " " + line + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** {@link #appendLine}, later on, when the log may be gone. */
  private static void note(Path logFile, String line) {
    try {
      appendLine(logFile, line);
    } catch (IOException e) {
      // The log's directory is gone (the deployment was removed): nothing to note it in.
    }
  }

  /** The part's own JVM flags, then those of {@code everyPart} ({@link Part#EVERY_PART_FLAGS}, may be null). */
  static List<String> ownFlags(Part part, String everyPart) {
    List<String> own = new ArrayList<>(part.jvmFlags());
    if (everyPart != null && !everyPart.isBlank()) {
      own.addAll(List.of(BLANKS.split(everyPart.strip())));
    }
    return own;
  }

  /** The JVM flags: what every part needs, then the part's {@code own}. */
  static List<String> flags(String name, List<String> own) {
    List<String> flags = new ArrayList<>();
    // RocksDB's JNI library needs native access; Kafka's and others' libraries use sun.misc.Unsafe.
    flags.add("--enable-native-access=ALL-UNNAMED");
    if (Runtime.version().feature() >= 24) {
      flags.add("--sun-misc-unsafe-memory-access=allow");
    }
    flags.add("-Dlog4j2.configurationFile=klaxon-part-log4j2.xml");
    // The part stops its component in its own shutdown hook and logs while doing so.
    flags.add("-Dlog4j2.shutdownHookEnabled=false");
    // Names the process in ps and pgrep output.
    flags.add("-Dklaxon.part=" + name);
    flags.addAll(own);
    return flags;
  }

  private static String javaBinary() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  @Override
  public long pid() {
    return process.pid();
  }

  @Override
  public boolean alive() {
    return process.isAlive();
  }

  @Override
  public Integer exitStatus() {
    return process.isAlive() ? null : process.exitValue();
  }

  /**
   * Runs {@code action} with the exit status once the process exits on its own or is killed (not
   * after {@link #stop}), on a thread of the JDK's process reaper.
   */
  void onCrash(IntConsumer action) {
    // The action reports its own outcome; nothing waits for it.
    var unused = process.onExit().thenAccept(exited -> {
      if (!stopping) {
        action.accept(exited.exitValue());
      }
    });
  }

  /**
   * Stops the part (SIGTERM, then SIGKILL after {@code grace}); a part writing its ahead-of-time
   * cache first finishes it (at most {@link #CACHE_WRITE_WAIT}), since a signal in the middle of the
   * write crashes the JVM.
   */
  @Override
  public void stop(Duration grace) throws InterruptedException {
    if (process.isAlive()) {
      if (!aot.settleBeforeStop(process.pid(), CACHE_WRITE_WAIT)) {
        note(logFile, part.name() + ": still writing its ahead-of-time cache after " + CACHE_WRITE_WAIT.toSeconds()
            + " s; stopping it anyway");
      }
      stopping = true;
      process.destroy();
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
    released();
  }

  @Override
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    released();
  }

  /** Lets go of the stopped process: its standard input and its pid file. */
  private void released() {
    try {
      process.getOutputStream().close();
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      // The pipe or the pid file is already gone.
    }
  }

  @Override
  public String toString() {
    return part.name() + " (pid " + process.pid() + ")";
  }
}
