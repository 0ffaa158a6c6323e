package io.klaxon.launcher;

/**
 * What one part's process has used so far, read from {@code /proc} ({@link ProcessSampler}); -1
 * where unknown. Parts that run in-process share the launcher's process, and so its figures.
 *
 * @param part the part's name
 * @param mode how it runs
 * @param pid its process (the launcher's for an in-process part)
 * @param cpuSeconds CPU time used, user + system
 * @param rssMiB resident memory now
 * @param peakRssMiB the largest resident memory so far
 */
public record ProcessFigures(String part, RunMode mode, long pid, double cpuSeconds, double rssMiB, double peakRssMiB) {

  /** The figures of {@code pid} now. */
  public static ProcessFigures of(String part, RunMode mode, long pid) {
    ProcessSampler sampler = new ProcessSampler(pid);
    return new ProcessFigures(part, mode, pid, sampler.cpuSeconds(), sampler.rssMiB(), sampler.peakRssMiB());
  }

  /** The figures of this JVM now (the launcher's, with the parts it runs in-process), named {@code name}. */
  public static ProcessFigures ofThisProcess(String name) {
    return of(name, RunMode.IN_PROCESS, ProcessHandle.current().pid());
  }
}
