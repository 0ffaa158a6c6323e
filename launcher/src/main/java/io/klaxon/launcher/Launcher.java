package io.klaxon.launcher;

import io.klaxon.embedded.DirectoryTree;
import io.klaxon.embedded.TopicCreator;
import io.klaxon.ops.Health;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Runs a {@link Deployment}: starts its parts, each in-process or as its own OS process as its
 * {@link Part} says, waits until each answers ready on its health URL, and stops them again.
 *
 * <p>Start order: the brokers; then the deployment's topics are created; then the registries; then
 * an optional step of the caller's (e.g. publishing tenants, so that the applications find them);
 * then every other part at once. {@link #start} returns when every part is ready, or throws (naming
 * the part, with the end of its log) after stopping whatever had started.
 *
 * <p>While it runs, single parts can be crashed and brought back, as fault tests need: {@link
 * #kill} (SIGKILL, a separate process only), {@link #stop} (SIGTERM, then SIGKILL after 30 s),
 * {@link #start(String)}, {@link #restart}; {@link #pid}, {@link #health}, {@link #figures} (CPU
 * and memory from {@code /proc}) and {@link #failure} tell how they are. A restarted part gets the
 * same environment, ports and log file (appended).
 *
 * <p>{@link #close()} stops every part (the applications together, then the registries, then the
 * brokers) and deletes the data directories unless the deployment keeps its data. Thread-safe,
 * but one caller at a time per part.
 */
public final class Launcher implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);
  /** How long a running part may answer "not ready" before {@link #failure} reports it. */
  private static final Duration UNHEALTHY_GRACE = Duration.ofSeconds(20);
  private static final int LOG_LINES_SHOWN = 15;

  /** A step of the caller's between the infrastructure (broker, topics, registry) and the applications. */
  @FunctionalInterface
  public interface Step {
    void run(Launcher launcher) throws Exception;
  }

  private final Deployment deployment;
  private final Consumer<String> progress;
  private final HealthProbe probe = new HealthProbe();
  private final AotCache aot = AotCache.fromSystem();
  private final Map<String, RunningPart> running = new LinkedHashMap<>();
  private final Map<String, Long> notReadySince = new ConcurrentHashMap<>();
  private boolean closed;

  private Launcher(Deployment deployment, Consumer<String> progress) {
    this.deployment = deployment;
    this.progress = progress;
  }

  /** Starts every part of {@code deployment}; {@code progress} gets one line per step. */
  public static Launcher start(Deployment deployment, Consumer<String> progress) throws Exception {
    return start(deployment, progress, launcher -> { });
  }

  /**
   * Starts every part of {@code deployment}, running {@code beforeApplications} once the broker,
   * the topics and the registry are ready.
   *
   * @throws Exception when a part cannot start or is not ready within two minutes, or the step
   *     fails; nothing is left running then
   */
  public static Launcher start(Deployment deployment, Consumer<String> progress, Step beforeApplications)
      throws Exception {
    Launcher launcher = new Launcher(deployment, progress);
    try {
      launcher.startAll(beforeApplications);
      return launcher;
    } catch (Exception e) {
      launcher.close();
      throw e;
    }
  }

  private void startAll(Step beforeApplications) throws Exception {
    Files.createDirectories(deployment.dir());
    startTogether(deployment.parts(PartKind.BROKER));
    if (!deployment.topics().isEmpty()) {
      progress.accept("creating " + deployment.topics().size() + " topics");
      TopicCreator.create(deployment.bootstrapServers(), deployment.topics());
    }
    startTogether(deployment.parts(PartKind.REGISTRY));
    beforeApplications.run(this);
    startTogether(deployment.parts().stream().filter(p -> !p.kind().infrastructure()).toList());
  }

  private void startTogether(List<Part> parts) throws Exception {
    if (parts.isEmpty()) {
      return;
    }
    long started = System.nanoTime();
    progress.accept("starting " + String.join(", ", parts.stream().map(Launcher::describe).toList()));
    for (Part part : parts) {
      launch(part);
    }
    awaitReady(parts);
    progress.accept(String.format(Locale.ROOT, "%s ready in %.1f s", String.join(", ", parts.stream().map(Part::name)
        .toList()), (System.nanoTime() - started) / 1e9));
  }

  private static String describe(Part part) {
    return part.name() + (part.mode() == RunMode.SEPARATE_PROCESS ? " (own process)" : "");
  }

  private void launch(Part part) throws Exception {
    RunningPart started = part.mode() == RunMode.SEPARATE_PROCESS
        ? ChildProcessPart.start(part, deployment.logFile(part.name()), deployment.pidFile(part.name()), aot)
        : InProcessPart.start(part);
    if (started instanceof ChildProcessPart child) {
      // A crashed instance's partitions move now, not when its session times out.
      DeadMembers.of(part).ifPresent(membership -> child.onCrash(status ->
          progress.accept(part.name() + " exited (status " + status + "); " + DeadMembers.remove(membership))));
    }
    notReadySince.remove(part.name());
    synchronized (this) {
      running.put(part.name(), started);
    }
  }

  private void awaitReady(List<Part> parts) throws InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    List<Part> waiting = new ArrayList<>(parts);
    Map<String, Health> last = new LinkedHashMap<>();
    while (true) {
      for (Iterator<Part> it = waiting.iterator(); it.hasNext(); ) {
        Part part = it.next();
        RunningPart process = runningPart(part.name());
        if (!process.alive()) {
          throw new IllegalStateException(part.name() + " exited (status " + process.exitStatus()
              + ") before it was ready" + logExcerpt(part));
        }
        Health health = probe.check(part.health());
        last.put(part.name(), health);
        if (health.up()) {
          it.remove();
        }
      }
      if (waiting.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        Part first = waiting.getFirst();
        throw new IllegalStateException(first.name() + " was not ready after " + READY_TIMEOUT.toSeconds() + " s ("
            + last.get(first.name()).detail() + ")" + logExcerpt(first));
      }
      Thread.sleep(100);
    }
  }

  /** The deployment this runs. */
  public Deployment deployment() {
    return deployment;
  }

  /**
   * Stops a part in order (SIGTERM, then SIGKILL after 30 s) and leaves it stopped; {@link
   * #failure} does not report it.
   */
  public void stop(String part) throws InterruptedException {
    RunningPart process = runningPart(part);
    process.stop(STOP_GRACE);
    synchronized (this) {
      running.remove(part);
    }
  }

  /**
   * Kills a part that runs as its own process, as a crash would (SIGKILL), and returns once it is
   * gone; {@link #failure} reports it until it is started again.
   *
   * @throws UnsupportedOperationException for an in-process part
   */
  public void kill(String part) throws InterruptedException {
    runningPart(part).kill();
  }

  /**
   * Starts a part that is stopped or was killed, with its environment and ports, and waits until
   * it is ready.
   *
   * @throws IllegalStateException when it still runs, or does not get ready within two minutes
   */
  public void start(String part) throws Exception {
    Part description = deployment.part(part);
    RunningPart current;
    synchronized (this) {
      current = running.get(part);
    }
    if (current != null && current.alive()) {
      throw new IllegalStateException(part + " is running");
    }
    if (current != null) {
      current.stop(STOP_GRACE);
    }
    startTogether(List.of(description));
  }

  /** Stops a part if it runs (in order), starts it again and waits until it is ready. */
  public void restart(String part) throws Exception {
    RunningPart current;
    synchronized (this) {
      current = running.get(part);
    }
    if (current != null) {
      current.stop(STOP_GRACE);
    }
    start(part);
  }

  /** The pid of the process the part runs in (the launcher's own for an in-process part). */
  public long pid(String part) {
    return runningPart(part).pid();
  }

  /** Whether the part runs (a killed part does not). */
  public boolean alive(String part) {
    RunningPart process;
    synchronized (this) {
      process = running.get(part);
    }
    return process != null && process.alive();
  }

  /** What the part's health URL says now. */
  public Health health(String part) {
    return probe.check(deployment.part(part).health());
  }

  /** CPU and memory of the process the part runs in, now. */
  public ProcessFigures figures(String part) {
    return ProcessFigures.of(part, deployment.part(part).mode(), runningPart(part).pid());
  }

  /** {@link #figures(String)} of every running part, in deployment order. */
  public List<ProcessFigures> figures() {
    List<ProcessFigures> out = new ArrayList<>();
    for (Part part : deployment.parts()) {
      if (alive(part.name())) {
        out.add(figures(part.name()));
      }
    }
    return out;
  }

  /**
   * What is wrong, or null when every started part is healthy: a part whose process has exited
   * (killed or crashed), or one that has not been ready for 20 s in a row (a rebalance or a slow
   * start is not a failure).
   */
  public String failure() {
    for (Part part : deployment.parts()) {
      RunningPart process;
      synchronized (this) {
        process = running.get(part.name());
      }
      if (process == null) {
        continue;
      }
      if (!process.alive()) {
        return part.name() + " exited" + (process.exitStatus() == null ? "" : " (status " + process.exitStatus() + ")")
            + (part.mode() == RunMode.SEPARATE_PROCESS ? "; see " + deployment.logFile(part.name()) : "");
      }
      Health health = probe.check(part.health());
      if (health.up()) {
        notReadySince.remove(part.name());
        continue;
      }
      long since = notReadySince.computeIfAbsent(part.name(), name -> System.nanoTime());
      if (System.nanoTime() - since > UNHEALTHY_GRACE.toNanos()) {
        return part.name() + " has not been ready for " + (System.nanoTime() - since) / 1_000_000_000L + " s: "
            + health.detail();
      }
    }
    return null;
  }

  private synchronized RunningPart runningPart(String part) {
    deployment.part(part);
    RunningPart process = running.get(part);
    if (process == null) {
      throw new IllegalStateException(part + " is not started");
    }
    return process;
  }

  private String logExcerpt(Part part) {
    if (part.mode() != RunMode.SEPARATE_PROCESS) {
      return "";
    }
    Path log = deployment.logFile(part.name());
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "; the end of " + log + ":\n  " + String.join("\n  ",
          lines.subList(Math.max(0, lines.size() - LOG_LINES_SHOWN), lines.size()));
    } catch (IOException e) {
      return "; see " + log;
    }
  }

  /**
   * Stops every part (applications together, then registries, then brokers) and, unless the
   * deployment keeps its data, deletes its data directories. Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    List<List<Part>> order = List.of(
        deployment.parts().stream().filter(p -> !p.kind().infrastructure()).toList(),
        deployment.parts(PartKind.REGISTRY),
        deployment.parts(PartKind.BROKER));
    for (List<Part> group : order) {
      stopTogether(group);
    }
    probe.close();
    if (!deployment.keepData()) {
      for (Path dir : deployment.dataDirs()) {
        DirectoryTree.delete(dir);
      }
      DirectoryTree.delete(deployment.dir().resolve("pids"));
    }
  }

  private void stopTogether(List<Part> parts) {
    List<Thread> stopping = new ArrayList<>();
    for (Part part : parts) {
      RunningPart process;
      synchronized (this) {
        process = running.remove(part.name());
      }
      if (process != null) {
        stopping.add(Thread.ofVirtual().name("stop-" + part.name()).start(() -> {
          try {
            process.stop(STOP_GRACE);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (RuntimeException e) {
            progress.accept("stopping " + part.name() + " failed: " + e.getMessage());
          }
        }));
      }
    }
    for (Thread thread : stopping) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
