package io.klaxon.cli.tenants;

import io.klaxon.events.DigestPolicy;
import io.klaxon.events.Severity;
import io.klaxon.ops.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Reads a tenant file's {@code digest}: {@code {window?, maxSeverity?, topTitles?}}, how the
 * {@code digest} feature collects low-severity alerts (defaults 1h, WARNING, 5). The window is
 * from 1m to 24h; {@code maxSeverity} is HIGH, WARNING or INFO (CRITICAL alerts are never held
 * back); {@code topTitles} from 0 to {@value #MAX_TOP_TITLES}. A {@code digest} without the feature
 * is a warning: it does nothing until {@code features} lists {@code digest}. Stateless.
 */
final class DigestPolicyReader {
  static final int MAX_TOP_TITLES = 20;
  static final String FEATURE = "digest";
  private static final Set<String> FIELDS = Set.of("window", "maxSeverity", "topTitles");
  private static final Duration MIN_WINDOW = Duration.ofMinutes(1);
  private static final Duration MAX_WINDOW = Duration.ofHours(24);

  private DigestPolicyReader() {}

  /** The policy under {@code node} (absent: null, the defaults when the feature is on). */
  static DigestPolicy read(NodeReader r, Located node, List<String> features) {
    if (node == null) {
      return null;
    }
    Located.Mapping map = r.mapping(node, "digest", FIELDS);
    if (map == null) {
      return null;
    }
    if (!features.contains(FEATURE)) {
      r.sink().warn(node, "digest", "has no effect: features does not list digest");
    }
    DigestPolicy.Builder policy = DigestPolicy.newBuilder();
    Located windowNode = r.optional(map, "window");
    Duration window = r.duration(windowNode, "digest.window");
    if (window != null && (window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0)) {
      r.sink().error(windowNode, "digest.window", "'" + Durations.format(window) + "' is out of range: from "
          + Durations.format(MIN_WINDOW) + " to " + Durations.format(MAX_WINDOW));
    } else if (window != null) {
      policy.setWindowMs(window.toMillis());
    }
    Located severityNode = r.optional(map, "maxSeverity");
    Severity severity = r.symbol(severityNode, "digest.maxSeverity", Severity.class);
    if (severity == Severity.CRITICAL) {
      r.sink().error(severityNode, "digest.maxSeverity", "CRITICAL alerts are never held back for a digest: "
          + "use HIGH, WARNING or INFO");
    } else if (severity != null) {
      policy.setMaxSeverity(severity);
    }
    Located titlesNode = r.optional(map, "topTitles");
    if (titlesNode instanceof Located.Scalar scalar && scalar.value() instanceof Number n && n.longValue() == 0
        && n.doubleValue() == 0) {
      policy.setTopTitles(0);
    } else {
      Integer titles = r.positiveInt(titlesNode, "digest.topTitles");
      if (titles != null && titles > MAX_TOP_TITLES) {
        r.sink().error(titlesNode, "digest.topTitles", titles + " is more than " + MAX_TOP_TITLES);
      } else if (titles != null) {
        policy.setTopTitles(titles);
      }
    }
    return policy.build();
  }
}
