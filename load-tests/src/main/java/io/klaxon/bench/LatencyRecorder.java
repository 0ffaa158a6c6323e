package io.klaxon.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Records latencies from any number of threads into an HdrHistogram (microsecond resolution, up
 * to one hour, 3 significant digits) and summarizes them. {@link #interval()} hands out what was
 * recorded since the previous call, for latency-over-time charts, {@link #endPhase()} what was
 * recorded since the previous phase ended, and {@link #summary()} everything.
 */
public final class LatencyRecorder {
  private static final long MAX_MICROS = TimeUnit.HOURS.toMicros(1);

  private final Recorder recorder = new Recorder(MAX_MICROS, 3);
  private final Histogram total = new Histogram(MAX_MICROS, 3);
  private final Histogram phase = new Histogram(MAX_MICROS, 3);

  /** Records one latency in nanoseconds; values outside 0..1 h are clamped. Thread-safe. */
  public void recordNanos(long nanos) {
    long micros = Math.max(0, Math.min(MAX_MICROS, TimeUnit.NANOSECONDS.toMicros(nanos)));
    recorder.recordValue(micros);
  }

  /** What was recorded since the previous call (also added to the total). Call from one thread. */
  public synchronized LatencySummary interval() {
    Histogram interval = recorder.getIntervalHistogram();
    total.add(interval);
    phase.add(interval);
    return summarize(interval);
  }

  /** What was recorded since the previous phase ended (or the start); starts a new phase. */
  public synchronized LatencySummary endPhase() {
    interval();
    LatencySummary summary = summarize(phase);
    phase.reset();
    return summary;
  }

  /** Everything recorded so far. */
  public synchronized LatencySummary summary() {
    interval();
    return summarize(total);
  }

  private static LatencySummary summarize(Histogram histogram) {
    if (histogram.getTotalCount() == 0) {
      return LatencySummary.EMPTY;
    }
    return new LatencySummary(histogram.getTotalCount(),
        ms(histogram.getValueAtPercentile(50)), ms(histogram.getValueAtPercentile(95)),
        ms(histogram.getValueAtPercentile(99)), ms(histogram.getValueAtPercentile(99.9)),
        ms(histogram.getMaxValue()));
  }

  private static double ms(long micros) {
    return Math.round(micros / 10.0) / 100.0;
  }
}
