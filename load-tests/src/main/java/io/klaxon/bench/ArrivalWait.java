package io.klaxon.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Waits until a count of arrivals reaches a target, or stops moving for a while, and remembers
 * each process's CPU time at the last arrival seen, so CPU over a run ends where its work ended
 * rather than where the wait gave up.
 *
 * @param arrived the count when the wait ended
 * @param lastChangeNanos System.nanoTime when the count last moved (when the wait began if it never did)
 * @param cpuAtLastChange CPU seconds by process then
 */
public record ArrivalWait(long arrived, long lastChangeNanos, Map<String, Double> cpuAtLastChange) {

  /**
   * Waits, polling every 100 ms and reporting progress at most once a second.
   *
   * @param check run on every poll; throws to abandon the wait (e.g. a process died)
   */
  public static ArrivalWait await(String label, LongSupplier arrivals, long target, Duration idle,
      ProcessTable processes, Runnable check, Consumer<String> progress) throws InterruptedException {
    long lastCount = arrivals.getAsLong();
    long lastChange = System.nanoTime();
    Map<String, Double> cpu = processes.cpuSeconds();
    long lastReport = 0;
    while (lastCount < target && System.nanoTime() - lastChange < idle.toNanos()) {
      Thread.sleep(100);
      check.run();
      long count = arrivals.getAsLong();
      if (count != lastCount) {
        lastCount = count;
        lastChange = System.nanoTime();
        cpu = processes.cpuSeconds();
        if (lastChange - lastReport > 1_000_000_000L) {
          lastReport = lastChange;
          progress.accept(String.format(Locale.ROOT, "%s: notified %,d / %,d", label, count, target));
        }
      }
    }
    return new ArrivalWait(lastCount, lastChange, cpu);
  }
}
