package io.klaxon.notifier.app;

import io.klaxon.notifier.metrics.NotifierMetrics;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether the schema registry answers the consumer loop's reads, and how long to wait before
 * reading again when it does not: {@value #BASE_SECONDS} s after the first failed read, doubling up
 * to {@value #MAX_SECONDS} s, for as long as it takes. A registry that cannot be reached, refuses
 * (401, 403), throttles (429, 408) or answers nonsense (422, a 404 that is not "schema not found")
 * is never taken for bad data. Counted ({@code klaxon_notifier_registry_failures_total}) and
 * published as {@code klaxon_notifier_registry_unavailable} (1 during an outage).
 *
 * <p>Not thread-safe, owned by the consumer loop, except {@link #problem()}, which any thread may
 * read (the readiness check does).
 */
final class RegistryOutage {
  static final int BASE_SECONDS = 1;
  static final int MAX_SECONDS = 30;

  /** The outage in progress. */
  private record Ongoing(Instant since, int failures, String reason) {}

  private final InstantSource clock;
  private final NotifierMetrics metrics;
  private volatile Ongoing ongoing;

  RegistryOutage(InstantSource clock, NotifierMetrics metrics) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    metrics.registryUnavailableGauge(() -> ongoing == null ? 0 : 1);
  }

  /**
   * A read failed for {@code reason} (never a secret: "unreachable", "answered HTTP 401"); returns
   * how long to wait before reading again.
   */
  Duration failed(String reason) {
    Ongoing before = ongoing;
    Ongoing now = before == null ? new Ongoing(clock.instant(), 1, reason) : new Ongoing(before.since(), before.failures() + 1, reason);
    ongoing = now;
    metrics.registryFailure();
    int doublings = Math.min(now.failures() - 1, 10);
    return Duration.ofSeconds(Math.min(MAX_SECONDS, (long) BASE_SECONDS << doublings));
  }

  /** The registry answered a read: the outage, if any, is over. */
  void answered() {
    ongoing = null;
  }

  /** What is wrong with the registry, when something is. */
  Optional<String> problem() {
    Ongoing current = ongoing;
    return current == null ? Optional.empty() : Optional.of("schema registry " + current.reason() + " ("
        + current.failures() + " failed read(s) since " + current.since() + "); reading again with backoff");
  }
}
