package io.klaxon.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Records latencies from any number of threads into an HdrHistogram (microsecond resolution, up
 * to one hour, 3 significant digits) and summarizes them. {@link #interval()} hands out what was
 * recorded since the previous call, for latency-over-time charts, while {@link #summary()} covers
 * everything.
 */
public final class LatencyRecorder {
  private static final long MAX_MICROS = TimeUnit.HOURS.toMicros(1);

  private final Recorder recorder = new Recorder(MAX_MICROS, 3);
  private final Histogram total = new Histogram(MAX_MICROS, 3);

  /** Records one latency in nanoseconds; values outside 0..1 h are clamped. Thread-safe. */
  public void recordNanos(long nanos) {
    long micros = Math.max(0, Math.min(MAX_MICROS, TimeUnit.NANOSECONDS.toMicros(nanos)));
    recorder.recordValue(micros);
  }

  /** What was recorded since the previous call (also added to the total). Call from one thread. */
  public synchronized LatencySummary interval() {
    Histogram interval = recorder.getIntervalHistogram();
    total.add(interval);
    return summarize(interval);
  }

  /** Everything recorded so far. Call from one thread. */
  public synchronized LatencySummary summary() {
    total.add(recorder.getIntervalHistogram());
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
