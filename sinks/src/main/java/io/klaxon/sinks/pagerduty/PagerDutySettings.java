package io.klaxon.sinks.pagerduty;

/**
 * Settings of the {@link PagerDutyStandIn}.
 *
 * @param port port on 127.0.0.1, 0 for any free one
 * @param rateLimited whether PagerDuty's per-routing-key limit applies (off by default, so a demo is
 *     never throttled)
 * @param eventsPerMinute sustained events per minute per routing key
 * @param burst events per routing key allowed at once
 */
public record PagerDutySettings(int port, boolean rateLimited, double eventsPerMinute, int burst) {
  /** PagerDuty's documented limit of the Events API: 120 events a minute per routing key. */
  public static final double DEFAULT_EVENTS_PER_MINUTE = 120;
  /** A whole minute's worth at once, as a per-minute limit allows. */
  public static final int DEFAULT_BURST = 120;

  public PagerDutySettings {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (!(eventsPerMinute > 0) || burst < 1) {
      throw new IllegalArgumentException("rate limit needs a positive rate and a burst of at least 1");
    }
  }

  /** Any free port, no rate limit (when turned on: 120 events a minute per routing key, all at once). */
  public static PagerDutySettings defaults() {
    return new PagerDutySettings(0, false, DEFAULT_EVENTS_PER_MINUTE, DEFAULT_BURST);
  }

  public PagerDutySettings withPort(int newPort) {
    return new PagerDutySettings(newPort, rateLimited, eventsPerMinute, burst);
  }

  /** Limited to {@code newEventsPerMinute} per routing key, {@code newBurst} at once. */
  public PagerDutySettings withRateLimit(double newEventsPerMinute, int newBurst) {
    return new PagerDutySettings(port, true, newEventsPerMinute, newBurst);
  }

  public PagerDutySettings withoutRateLimit() {
    return new PagerDutySettings(port, false, eventsPerMinute, burst);
  }
}
