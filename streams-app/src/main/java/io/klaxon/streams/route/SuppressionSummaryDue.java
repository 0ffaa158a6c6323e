package io.klaxon.streams.route;

import io.klaxon.events.Severity;
import io.klaxon.events.TenantConfig;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * A tenant's rate-limit window closed after suppressing events: one summary is due, sent wherever
 * the tenant's routing sends an alert of the most severe suppressed severity.
 *
 * @param tenant the tenant's configuration when the window closed
 * @param suppressed suppressed events by severity, most severe first; only severities with a count
 * @param windowStart record time the window started (inclusive)
 * @param windowEnd stream time the window closed (exclusive)
 */
public record SuppressionSummaryDue(TenantConfig tenant, Map<Severity, Long> suppressed, long windowStart,
    long windowEnd) implements Routable {

  /** @throws IllegalArgumentException when nothing was suppressed: no summary is due then */
  public SuppressionSummaryDue {
    EnumMap<Severity, Long> counted = new EnumMap<>(Severity.class);
    suppressed.forEach((severity, count) -> {
      if (count > 0) {
        counted.put(severity, count);
      }
    });
    if (counted.isEmpty()) {
      throw new IllegalArgumentException("no summary is due for tenant " + tenant.getTenantId() + ": nothing was suppressed");
    }
    suppressed = Collections.unmodifiableMap(counted);
  }

  /** The most severe severity among the suppressed events. */
  public Severity mostSevere() {
    return suppressed.keySet().iterator().next();
  }

  /** How many events were suppressed in the window. */
  public long total() {
    return suppressed.values().stream().mapToLong(Long::longValue).sum();
  }
}
