package io.klaxon.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * Whether each process's resident memory stayed flat over a long run ({@code soak}). A process
 * fills its heap, caches and buffers in the first part of a run; what matters is whether it keeps
 * growing after that. So the trend is the least-squares slope of RSS against time over the second
 * half of the measured samples, in MiB per hour, and a process counts as flat when that slope
 * would add less than {@value #FLAT_SHARE_PER_HOUR_PERCENT}% of its half-way RSS in an hour.
 */
public final class MemoryTrend {
  /** The largest growth per hour, as a share of the half-way RSS, that still counts as flat. */
  static final double FLAT_SHARE_PER_HOUR_PERCENT = 5.0;

  private MemoryTrend() {}

  /**
   * One process's memory over a run.
   *
   * @param firstMiB RSS at the first sample
   * @param halfWayMiB RSS at the first sample of the second half
   * @param lastMiB RSS at the last sample
   * @param maxMiB the highest RSS sampled
   * @param secondHalfMiBPerHour least-squares slope of RSS over the second half, MiB per hour
   * @param flat whether that slope is below the flat threshold
   */
  public record Trend(double firstMiB, double halfWayMiB, double lastMiB, double maxMiB, double secondHalfMiBPerHour,
      boolean flat) {}

  /** The trend of each process that appears in the samples, by name; empty for fewer than four samples. */
  public static Map<String, Trend> of(List<Sample> samples) {
    Map<String, Trend> out = new LinkedHashMap<>();
    if (samples.size() < 4) {
      return out;
    }
    Set<String> processes = new TreeSet<>();
    samples.forEach(sample -> processes.addAll(sample.rssMiBByProcess().keySet()));
    for (String process : processes) {
      List<Sample> with = samples.stream().filter(s -> s.rssMiBByProcess().containsKey(process)).toList();
      if (with.size() >= 4) {
        out.put(process, trend(with, s -> s.rssMiBByProcess().get(process)));
      }
    }
    out.put("pipeline (all but the harness)", trend(samples, Sample::rssMiB));
    return out;
  }

  private static Trend trend(List<Sample> samples, ToDoubleFunction<Sample> rss) {
    List<Sample> secondHalf = samples.subList(samples.size() / 2, samples.size());
    double halfWay = rss.applyAsDouble(secondHalf.getFirst());
    double slopePerSecond = slope(secondHalf, rss);
    double perHour = slopePerSecond * 3600;
    double max = samples.stream().mapToDouble(rss).max().orElse(0);
    boolean flat = perHour < halfWay * FLAT_SHARE_PER_HOUR_PERCENT / 100;
    return new Trend(round(rss.applyAsDouble(samples.getFirst())), round(halfWay),
        round(rss.applyAsDouble(samples.getLast())), round(max), round(perHour), flat);
  }

  /** Least-squares slope of {@code value} against {@link Sample#second()}, per second. */
  static double slope(List<Sample> samples, ToDoubleFunction<Sample> value) {
    double meanX = samples.stream().mapToDouble(Sample::second).average().orElse(0);
    double meanY = samples.stream().mapToDouble(value).average().orElse(0);
    double covariance = 0;
    double variance = 0;
    for (Sample sample : samples) {
      double dx = sample.second() - meanX;
      covariance += dx * (value.applyAsDouble(sample) - meanY);
      variance += dx * dx;
    }
    return variance == 0 ? 0 : covariance / variance;
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}
