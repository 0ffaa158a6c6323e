package io.klaxon.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a Linux process's CPU time ({@code /proc/<pid>/stat}, user + system) and resident memory
 * ({@code /proc/<pid>/status}: VmRSS now, VmHWM the peak). Where {@code /proc} is missing the
 * figures are -1. Stateless apart from the pid; thread-safe.
 */
public final class ProcessSampler {
  /** Clock ticks per second of {@code /proc/<pid>/stat} times; 100 on every Linux this runs on. */
  private static final double TICKS_PER_SECOND = 100.0;

  private final long pid;

  public ProcessSampler(long pid) {
    this.pid = pid;
  }

  /** The process this samples. */
  public long pid() {
    return pid;
  }

  /** CPU seconds used so far (user + system), or -1. */
  public double cpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name, which is in parentheses and may contain spaces.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
      long utime = Long.parseLong(fields[11]);
      long stime = Long.parseLong(fields[12]);
      return (utime + stime) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Resident memory now, in MiB, or -1. */
  public double rssMiB() {
    return statusKiB("VmRSS:") / 1024.0;
  }

  /** Peak resident memory so far, in MiB, or -1. */
  public double peakRssMiB() {
    return statusKiB("VmHWM:") / 1024.0;
  }

  private double statusKiB(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.substring(field.length()).trim().split("\\s+", -1)[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Gone or unreadable.
    }
    return -1024;
  }
}
