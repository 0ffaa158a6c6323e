package io.klaxon.streams;

import java.time.Duration;

/**
 * Everything the topology's behaviour depends on, apart from its topics (names and serdes come
 * from {@link io.klaxon.topics.KlaxonTopics}). Immutable.
 *
 * @param maxFutureSkew how far after its record timestamp an event's occurredAt may lie
 * @param maxEventBytes the largest serialized event accepted
 * @param defaultDedupWindow dedup window for tenants that set none
 * @param defaultRepeatInterval repeat interval for tenants that set none
 * @param summaryInterval how often (stream time) rate-limit summaries are emitted
 * @param expiryInterval how often (stream time) expired dedup state is removed
 * @param maxStreamTimeAhead how far stream time may run ahead of the wall clock and still move
 *     expiry and summary windows ({@link BoundedStreamTime})
 * @param auditOutcomes whether each input's outcome is written to the outcomes topic ({@link OutcomeAudit})
 * @param publishAlertStates whether each alert's state is written to the alert states topic ({@link AlertStatePublisher})
 */
public record TopologyConfig(
    Duration maxFutureSkew,
    int maxEventBytes,
    Duration defaultDedupWindow,
    Duration defaultRepeatInterval,
    Duration summaryInterval,
    Duration expiryInterval,
    Duration maxStreamTimeAhead,
    boolean auditOutcomes,
    boolean publishAlertStates) {

  /**
   * The defaults of SPEC.md: 5 min skew, 64 KiB, 5 min window, 4 h repeat, 1 min summaries; dedup
   * expiry every second; stream time followed up to 1 min ahead of the wall clock; outcomes audited;
   * alert states published.
   *
   * <p>Expiry runs every second because its work is proportional to what came due since the last
   * run, not to the store: run once a minute, a minute's worth of expiries (tens of thousands of
   * store and index deletes, each a changelog record) stalled the stream thread for about 1.5 s
   * every minute at 10,000 alerts/s.
   */
  public static TopologyConfig defaults() {
    return new TopologyConfig(Duration.ofMinutes(5), 64 * 1024, Duration.ofMinutes(5), Duration.ofHours(4),
        Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofMinutes(1), true, true);
  }

  /** This configuration with the outcome audit switched on or off. */
  public TopologyConfig withAuditOutcomes(boolean audit) {
    return new TopologyConfig(maxFutureSkew, maxEventBytes, defaultDedupWindow, defaultRepeatInterval, summaryInterval,
        expiryInterval, maxStreamTimeAhead, audit, publishAlertStates);
  }

  /** This configuration with the alert states topic written or not. */
  public TopologyConfig withPublishAlertStates(boolean publish) {
    return new TopologyConfig(maxFutureSkew, maxEventBytes, defaultDedupWindow, defaultRepeatInterval, summaryInterval,
        expiryInterval, maxStreamTimeAhead, auditOutcomes, publish);
  }
}
