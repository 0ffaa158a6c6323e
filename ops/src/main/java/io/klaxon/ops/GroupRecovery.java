package io.klaxon.ops;

import java.util.Map;

/**
 * How fast a consumer group takes a dead member's partitions away, for the Streams app and the
 * notifier: the one place for their session timeout, heartbeat interval and static membership.
 *
 * <p>A member killed with SIGKILL never says goodbye; its partitions stay with it until its session
 * times out (Kafka's default, 45 s, kept the flow stopped for about a minute after a kill). Klaxon
 * uses 6 s, the least a broker accepts by default ({@code group.min.session.timeout.ms}), with a
 * heartbeat every 1.5 s, so that a live member is not taken for dead after one slow heartbeat and
 * the others hear of a rebalance within 1.5 s.
 *
 * <p>A member may also have a static identity ({@code GROUP_INSTANCE_ID}, Kafka's {@code
 * group.instance.id}). A supervisor that sees the process die can then remove the member from its
 * group at once ({@code Admin.removeMembersFromConsumerGroup}) instead of waiting for the session
 * to time out; Klaxon's launcher does. Each instance needs its own id, stable across its restarts
 * (a host name or a pod name). Kafka Streams appends {@code -<thread number>} for each stream
 * thread's consumer.
 */
public final class GroupRecovery {
  public static final String SESSION_TIMEOUT_MS = "session.timeout.ms";
  public static final String HEARTBEAT_INTERVAL_MS = "heartbeat.interval.ms";
  public static final String GROUP_INSTANCE_ID = "group.instance.id";
  /** The environment variable that gives a Streams instance or a notifier its static identity. */
  public static final String INSTANCE_ID_VARIABLE = "GROUP_INSTANCE_ID";
  public static final int DEFAULT_SESSION_TIMEOUT_MS = 6_000;
  public static final int DEFAULT_HEARTBEAT_INTERVAL_MS = 1_500;

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

  /**
   * The static identity named by {@code GROUP_INSTANCE_ID}, or null when it names none (dynamic
   * membership).
   *
   * @throws IllegalArgumentException when it has characters other than letters, digits, {@code .},
   *     {@code _} and {@code -}, or more than 200 of them
   */
  public static String instanceId(Env env) {
    String id = env.raw(INSTANCE_ID_VARIABLE);
    if (id == null || id.isBlank()) {
      return null;
    }
    if (!id.matches("[A-Za-z0-9._-]{1,200}")) {
      throw new IllegalArgumentException("Environment variable " + INSTANCE_ID_VARIABLE + "='" + id
          + "' is not valid: expected 1 to 200 letters, digits, '.', '_' or '-'");
    }
    return id;
  }

  /** Puts {@code group.instance.id} into {@code config} when {@code instanceId} is not null. */
  public static void putInstanceId(Map<String, Object> config, String instanceId) {
    if (instanceId != null) {
      config.put(GROUP_INSTANCE_ID, instanceId);
    }
  }
}
