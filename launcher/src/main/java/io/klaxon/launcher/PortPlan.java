package io.klaxon.launcher;

import io.klaxon.embedded.FreePort;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The ports of a deployment, fixed before anything starts so that every part knows every address
 * (and a restarted part comes back at the same ones). A role (e.g. {@code broker}, {@code
 * streams-2}) gets one port; asking again gives the same port. All on 127.0.0.1. Thread-safe.
 */
public final class PortPlan {
  /** The ports {@code ./klaxon up} uses by default; they match the command-line tools' defaults. */
  private static final Map<String, Integer> DEFAULTS = Map.of(
      "broker", 9092, "registry", 8085, "streams-1", 8081, "notifier-1", 8082, "ingest-1", 8083,
      "inbox", 8090, "slack", 8091, "webhook", 8092, "smtp", 2525, "pagerduty", 8093);

  private enum Strategy { FREE, CONSECUTIVE, DEFAULTS }

  private final Strategy strategy;
  private final int first;
  private final Map<String, Integer> assigned = new LinkedHashMap<>();

  private PortPlan(Strategy strategy, int first) {
    this.strategy = strategy;
    this.first = first;
  }

  /** Every port free on 127.0.0.1 when it is first asked for (tests, benchmarks). */
  public static PortPlan free() {
    return new PortPlan(Strategy.FREE, 0);
  }

  /**
   * Consecutive ports from {@code first}, in the order roles are first asked for (so two stacks
   * on one machine can run side by side).
   */
  public static PortPlan from(int first) {
    if (first < 1 || first > 65_000) {
      throw new IllegalArgumentException("the first port must be within 1-65000, not " + first);
    }
    return new PortPlan(Strategy.CONSECUTIVE, first);
  }

  /**
   * The documented defaults (Kafka 9092, registry 8085, Streams app 8081, notifier 8082, ingest
   * 8083, inbox 8090, Slack 8091, webhooks 8092, SMTP 2525, PagerDuty 8093); roles without a default get
   * a free port.
   */
  public static PortPlan defaults() {
    return new PortPlan(Strategy.DEFAULTS, 0);
  }

  /** The port of {@code role}, assigned on first use. */
  public synchronized int port(String role) {
    Integer known = assigned.get(role);
    if (known != null) {
      return known;
    }
    int port = switch (strategy) {
      case FREE -> unusedFreePort();
      case CONSECUTIVE -> first + assigned.size();
      case DEFAULTS -> DEFAULTS.containsKey(role) ? DEFAULTS.get(role) : unusedFreePort();
    };
    assigned.put(role, port);
    return port;
  }

  /** A free port not handed out yet (the system may offer a just-closed port twice). */
  private int unusedFreePort() {
    Set<Integer> taken = new HashSet<>(assigned.values());
    taken.addAll(DEFAULTS.values());
    return FreePort.pickOtherThan(taken);
  }

  /** Every port assigned so far, by role, in the order assigned. */
  public synchronized Map<String, Integer> assigned() {
    return new LinkedHashMap<>(assigned);
  }
}
