package io.klaxon.stack;

import io.klaxon.launcher.ProcessFigures;
import io.klaxon.ops.Durations;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run of {@code klaxon up}: start the stack, print where everything is, show a live summary
 * line every second, stop on Ctrl-C or after the requested duration, print the final table (with
 * each process's CPU and memory).
 */
final class UpRun {
  private static final StackSummary NOTHING_YET = new StackSummary(0, 0, 0, 0, 0, Map.of());

  private final StackOptions options;
  private final boolean demo;
  private final int rate;
  private final long seed;
  private final Duration duration;
  private final PrintStream out;

  UpRun(StackOptions options, boolean demo, int rate, long seed, Duration duration, PrintStream out) {
    this.options = options;
    this.demo = demo;
    this.rate = rate;
    this.seed = seed;
    this.duration = duration;
    this.out = out;
  }

  int run() throws Exception {
    System.setProperty("klaxon.logDir", options.dataDir().resolve("logs").toString());
    long started = System.nanoTime();
    LocalStack stack;
    try {
      stack = LocalStack.start(options, line -> out.println("klaxon: " + line));
    } catch (Exception e) {
      out.println("klaxon: could not start: " + e.getMessage());
      out.println("klaxon: details in " + options.dataDir().resolve("logs"));
      return 1;
    }
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    // On Ctrl-C the JVM waits for this hook, and the hook waits for the orderly stop below.
    Thread hook = new Thread(() -> {
      interrupted.set(true);
      stop.countDown();
      try {
        stopped.await(90, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "klaxon-up-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    String failure = null;
    StackSummary summary = NOTHING_YET;
    List<ProcessFigures> processes = List.of();
    DemoTraffic traffic = null;
    try {
      out.printf("klaxon: up in %.1fs%n%s%n", (System.nanoTime() - started) / 1e9, stack.describe());
      out.println(demo ? "klaxon: sending demo traffic at " + rate + " events/s" : "klaxon: waiting for alerts (try ./klaxon send --help)");
      out.println(duration == null ? "klaxon: Ctrl-C stops everything" : "klaxon: running for " + duration.toSeconds() + "s");
      if (demo) {
        traffic = new DemoTraffic(stack, rate, seed);
      }
      long runStart = System.nanoTime();
      long deadline = duration == null ? Long.MAX_VALUE : Durations.nanoDeadline(runStart, duration);
      while (!stop.await(1, TimeUnit.SECONDS)) {
        summary = read(traffic, stack, summary);
        out.println(summary.line((System.nanoTime() - runStart) / 1_000_000_000L));
        failure = stack.failure();
        if (failure != null || System.nanoTime() >= deadline) {
          break;
        }
      }
      if (traffic != null) {
        traffic.close();
      }
      if (failure == null && duration != null) {
        // Let what was produced drain through the pipeline before the final count.
        long drainUntil = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < drainUntil && summary.processed() < produced(traffic)) {
          Thread.sleep(200);
          summary = read(traffic, stack, summary);
        }
      }
      summary = read(traffic, stack, summary);
      if (failure == null) {
        failure = stack.failure();
      }
      processes = stack.figures();
    } finally {
      out.println("klaxon: stopping");
      stack.close();
      if (!interrupted.get()) {
        Runtime.getRuntime().removeShutdownHook(hook);
      }
    }
    out.println(summary.table(failure, processes));
    stopped.countDown();
    return failure == null ? 0 : 1;
  }

  private static long produced(DemoTraffic traffic) {
    return traffic == null ? 0 : traffic.produced();
  }

  /** The counters now; the last ones when an instance does not answer this time. */
  private static StackSummary read(DemoTraffic traffic, LocalStack stack, StackSummary last) throws InterruptedException {
    try {
      return StackSummary.of(produced(traffic), stack.metrics());
    } catch (IOException e) {
      return last;
    }
  }
}
