package io.klaxon.ops;

import java.util.Map;

/**
 * How fast a consumer group notices that a member died, for the Streams app and the notifier: the
 * one place for their session timeout and heartbeat interval. A member killed with SIGKILL never
 * says goodbye; its partitions stay with it until its session times out (Kafka's default, 45 s, kept
 * the flow stopped for about a minute after a kill). With 10 s, and a heartbeat every 3 s so that a
 * live member is not taken for dead after one slow heartbeat, the partitions move within about 10 s.
 * The broker accepts session timeouts from {@code group.min.session.timeout.ms} (6 s by default).
 */
public final class GroupRecovery {
  public static final String SESSION_TIMEOUT_MS = "session.timeout.ms";
  public static final String HEARTBEAT_INTERVAL_MS = "heartbeat.interval.ms";
  public static final int DEFAULT_SESSION_TIMEOUT_MS = 10_000;
  public static final int DEFAULT_HEARTBEAT_INTERVAL_MS = 3_000;

  private GroupRecovery() {}

  /**
   * Puts the session timeout and heartbeat interval into {@code config}, each unless the operator set
   * it among the pass-through client properties ({@code KAFKA_SESSION_TIMEOUT_MS}, {@code
   * KAFKA_HEARTBEAT_INTERVAL_MS}).
   */
  public static void putUnlessSet(Map<String, Object> config, Map<String, String> passThrough) {
    if (!passThrough.containsKey(SESSION_TIMEOUT_MS)) {
      config.put(SESSION_TIMEOUT_MS, DEFAULT_SESSION_TIMEOUT_MS);
    }
    if (!passThrough.containsKey(HEARTBEAT_INTERVAL_MS)) {
      config.put(HEARTBEAT_INTERVAL_MS, DEFAULT_HEARTBEAT_INTERVAL_MS);
    }
  }
}
