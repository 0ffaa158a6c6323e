package io.klaxon.bench;

import io.klaxon.launcher.Launcher;
import io.klaxon.launcher.ProcessFigures;
import io.klaxon.launcher.RunMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;

/**
 * CPU time and memory of every process a scenario runs, by name: each running part of the
 * launchers added (broker, registry, {@code streams-1}, a reference application...), other
 * processes the scenario started (e.g. Alertmanager), and this JVM, the harness ({@value
 * #HARNESS}). Figures come from {@code /proc} ({@link ProcessFigures}). Thread-safe.
 */
public final class ProcessTable {
  /** The name of this JVM's figures among the processes'. */
  public static final String HARNESS = "harness";

  private final List<Launcher> launchers = new CopyOnWriteArrayList<>();
  private final Map<String, Long> others = new ConcurrentHashMap<>();

  /** A table of the running parts of {@code launchers} and the harness. */
  public ProcessTable(Launcher... launchers) {
    this.launchers.addAll(List.of(launchers));
  }

  /** Includes the running parts of {@code launcher} from now on. */
  public ProcessTable add(Launcher launcher) {
    launchers.add(launcher);
    return this;
  }

  /** Leaves the parts of {@code launcher} out from now on. */
  public void remove(Launcher launcher) {
    launchers.remove(launcher);
  }

  /** Includes another process, by pid, under {@code name} (until {@link #removeProcess}). */
  public ProcessTable addProcess(String name, long pid) {
    others.put(name, pid);
    return this;
  }

  public void removeProcess(String name) {
    others.remove(name);
  }

  /** CPU seconds used so far (user + system) by each process. */
  public Map<String, Double> cpuSeconds() {
    return byProcess(ProcessFigures::cpuSeconds);
  }

  /** Resident memory now of each process, in MiB. */
  public Map<String, Double> rssMiB() {
    return byProcess(ProcessFigures::rssMiB);
  }

  /** Peak resident memory so far of each process, in MiB. */
  public Map<String, Double> peakRssMiB() {
    return byProcess(ProcessFigures::peakRssMiB);
  }

  private Map<String, Double> byProcess(ToDoubleFunction<ProcessFigures> figure) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Launcher launcher : launchers) {
      for (ProcessFigures figures : launcher.figures()) {
        out.put(figures.part(), figure.applyAsDouble(figures));
      }
    }
    others.forEach((name, pid) -> out.put(name, figure.applyAsDouble(ProcessFigures.of(name, RunMode.SEPARATE_PROCESS,
        pid))));
    out.put(HARNESS, figure.applyAsDouble(ProcessFigures.ofThisProcess(HARNESS)));
    return out;
  }

  /**
   * Cores each process used between two readings of {@link #cpuSeconds()} {@code seconds} apart
   * (processes in both readings only), rounded to two decimals.
   */
  public static Map<String, Double> cores(Map<String, Double> before, Map<String, Double> after, double seconds) {
    Map<String, Double> out = new LinkedHashMap<>();
    after.forEach((process, used) -> {
      Double earlier = before.get(process);
      if (earlier != null && seconds > 0) {
        out.put(process, Math.round((used - earlier) / seconds * 100) / 100.0);
      }
    });
    return out;
  }

  /** The sum of a per-process figure over the pipeline's processes (the harness left out). */
  public static double pipelineTotal(Map<String, Double> byProcess) {
    return byProcess.entrySet().stream().filter(e -> !e.getKey().equals(HARNESS)).mapToDouble(Map.Entry::getValue).sum();
  }
}
