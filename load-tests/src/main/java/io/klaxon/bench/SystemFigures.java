package io.klaxon.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one system did with one batch of alerts, after a warm-up batch: how fast it accepted them,
 * how many it notified and how fast, with latency from send to notification, and what its
 * processes used meanwhile.
 *
 * @param system name of the system measured
 * @param sent alerts sent
 * @param accepted alerts the system acknowledged
 * @param acceptSeconds from the first send to the last acknowledgement
 * @param notified distinct alerts that reached the sink
 * @param notifySeconds from the first send to the last first-arrival at the sink
 * @param duplicates notifications that arrived again for an alert already notified
 * @param strays notifications for no alert of the batch (e.g. late ones of the warm-up)
 * @param latency send → notification, per alert
 * @param warmUpAlerts alerts sent, and notified, before the measured batch
 * @param warmUpSeconds how long the warm-up took
 * @param cores CPU by process (the system's own and the harness) from the first send to the last notification
 * @param peakRssMiB peak resident memory by process
 * @param timeline first notifications per second since the first send, as {@code [second, count]}
 */
public record SystemFigures(
    String system,
    long sent,
    long accepted,
    double acceptSeconds,
    long notified,
    double notifySeconds,
    long duplicates,
    long strays,
    LatencySummary latency,
    long warmUpAlerts,
    double warmUpSeconds,
    Map<String, Double> cores,
    Map<String, Double> peakRssMiB,
    List<double[]> timeline) {

  public SystemFigures {
    cores = Collections.unmodifiableMap(new LinkedHashMap<>(cores));
    peakRssMiB = Collections.unmodifiableMap(new LinkedHashMap<>(peakRssMiB));
    timeline = List.copyOf(timeline);
  }

  public double acceptedPerSecond() {
    return acceptSeconds > 0 ? accepted / acceptSeconds : 0;
  }

  /** Accepted → notified throughput: distinct notifications per second of the whole run. */
  public double notifiedPerSecond() {
    return notifySeconds > 0 ? notified / notifySeconds : 0;
  }

  /** Alerts accepted but never notified. */
  public long lost() {
    return Math.max(0, accepted - notified);
  }
}
