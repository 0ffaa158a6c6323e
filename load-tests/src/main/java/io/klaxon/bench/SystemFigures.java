package io.klaxon.bench;

/**
 * What one system did with one batch of alerts: how fast it accepted them, how many it notified
 * and how fast, with latency from send to notification.
 *
 * @param system name of the system measured
 * @param sent alerts sent
 * @param accepted alerts the system acknowledged
 * @param acceptSeconds from the first send to the last acknowledgement
 * @param notified distinct alerts that reached the sink
 * @param notifySeconds from the first send to the last first-arrival at the sink
 * @param duplicates notifications that arrived again for an alert already notified
 * @param latency send → notification, per alert
 */
public record SystemFigures(
    String system,
    long sent,
    long accepted,
    double acceptSeconds,
    long notified,
    double notifySeconds,
    long duplicates,
    LatencySummary latency) {

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
