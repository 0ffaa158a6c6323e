package io.klaxon.bench;

/**
 * Latency percentiles of one measurement, in milliseconds.
 *
 * @param count how many latencies were recorded
 */
public record LatencySummary(long count, double p50, double p95, double p99, double p999, double max) {
  /** The summary of nothing. */
  public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0);
}
