package io.klaxon.bench.ceiling;

import io.klaxon.bench.GroupProgress;
import io.klaxon.bench.ProcessTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Watches a Streams application work through what is on its input topic, the same way whatever
 * the application: the offsets its consumer group has committed on that topic against the topic's
 * end offsets ({@link GroupProgress}), read five times a second, with every process's CPU time.
 * Under exactly-once the offsets are committed with each transaction, so "processed" here means
 * processed and committed.
 */
final class DrainMeter {
  private static final long POLL_NANOS = 200_000_000L;
  /** The share of the records the "warm" rate leaves out, while the JIT and the caches warm up. */
  private static final double COLD_SHARE = 0.10;

  private final GroupProgress offsets;
  private final ProcessTable processes;

  /**
   * A drain, as the offsets showed it.
   *
   * @param records records the group committed from its first commit seen to the end
   * @param toFirstCommit seconds from the moment the application was launched to its first commit
   * @param seconds seconds from its first commit seen to the commit of the last record
   * @param perSecond {@code records / seconds}
   * @param warmPerSecond the same, from the first commit at or past 10% of the records
   * @param cores CPU by process over {@code seconds}
   * @param cpuSeconds CPU seconds by process over {@code seconds}
   * @param perSecondTimeline committed records per second, by second since the first commit
   */
  record Drain(long records, double toFirstCommit, double seconds, double perSecond, double warmPerSecond,
      Map<String, Double> cores, Map<String, Double> cpuSeconds, List<double[]> perSecondTimeline) {}

  DrainMeter(GroupProgress offsets, ProcessTable processes) {
    this.offsets = offsets;
    this.processes = processes;
  }

  /**
   * Waits until {@code group} has committed every record of {@code topic}.
   *
   * @param launchedNanos System.nanoTime when the application was launched
   * @param alive false once the application has died
   * @throws IllegalStateException when the application dies or does not finish within {@code timeout}
   */
  Drain await(String name, String group, String topic, long launchedNanos, Duration timeout, BooleanSupplier alive,
      Consumer<String> progress) throws InterruptedException, ExecutionException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long firstNanos = 0;
    long firstCommitted = 0;
    Map<String, Double> firstCpu = null;
    long warmNanos = 0;
    long warmCommitted = 0;
    List<double[]> timeline = new ArrayList<>();
    long lastSecondCommitted = 0;
    long nextSecond = 0;
    long lastReport = System.nanoTime();
    while (true) {
      long now = System.nanoTime();
      long committed = offsets.committed(group, topic);
      long end = offsets.endOffsets(topic);
      if (firstNanos == 0 && committed > 0) {
        firstNanos = now;
        firstCommitted = committed;
        firstCpu = processes.cpuSeconds();
        lastSecondCommitted = committed;
        nextSecond = now + 1_000_000_000L;
      }
      if (firstNanos != 0 && warmNanos == 0 && committed >= COLD_SHARE * end) {
        warmNanos = now;
        warmCommitted = committed;
      }
      if (firstNanos != 0 && now >= nextSecond) {
        timeline.add(new double[] {Math.round((now - firstNanos) / 1e8) / 10.0, committed - lastSecondCommitted});
        lastSecondCommitted = committed;
        nextSecond += 1_000_000_000L;
      }
      if (firstNanos != 0 && committed >= end) {
        Map<String, Double> cpu = processes.cpuSeconds();
        double seconds = (now - firstNanos) / 1e9;
        double warmSeconds = (now - warmNanos) / 1e9;
        Map<String, Double> used = ProcessTable.cores(firstCpu, cpu, 1.0);
        timeline.add(new double[] {Math.round(seconds * 10) / 10.0, committed - lastSecondCommitted});
        return new Drain(committed - firstCommitted, (firstNanos - launchedNanos) / 1e9, seconds,
            seconds > 0 ? (committed - firstCommitted) / seconds : Double.NaN,
            warmSeconds > 0 ? (committed - warmCommitted) / warmSeconds : Double.NaN,
            ProcessTable.cores(firstCpu, cpu, seconds), used, timeline);
      }
      if (!alive.getAsBoolean()) {
        throw new IllegalStateException(name + " died while draining (" + committed + " of " + end + " committed)");
      }
      if (now > deadline) {
        throw new IllegalStateException(name + " did not drain within " + timeout.toSeconds() + " s (" + committed
            + " of " + end + " committed)");
      }
      if (now - lastReport > 1_000_000_000L) {
        lastReport = now;
        progress.accept(String.format(Locale.ROOT, "%s draining: %,d / %,d committed", name, committed, end));
      }
      Thread.sleep(Math.max(1, (now + POLL_NANOS - System.nanoTime()) / 1_000_000));
    }
  }
}
