package io.klaxon.sinks.pagerduty;

import io.klaxon.sinks.http.KeyedRateLimiter;
import java.time.Duration;
import java.time.InstantSource;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * PagerDuty's limit on events per routing key, when turned on ({@link PagerDutySettings#rateLimited()}):
 * a {@link KeyedRateLimiter} per routing key. A refusal is counted and says how many whole seconds
 * to wait. Thread-safe.
 */
final class RoutingKeyLimits {
  private final boolean enabled;
  private final KeyedRateLimiter limiter;
  private final AtomicLong refused = new AtomicLong();

  RoutingKeyLimits(PagerDutySettings settings, InstantSource clock) {
    this.enabled = settings.rateLimited();
    this.limiter = new KeyedRateLimiter(settings.eventsPerMinute() / 60.0, settings.burst(), clock);
  }

  /**
   * Takes an event to {@code routingKey} against its limit: empty when it may go now, else the
   * seconds to wait (nothing is taken then, and the refusal is counted).
   */
  OptionalLong retryAfterSeconds(String routingKey) {
    if (!enabled) {
      return OptionalLong.empty();
    }
    Duration wait = limiter.acquire(routingKey);
    if (wait.isZero()) {
      return OptionalLong.empty();
    }
    refused.incrementAndGet();
    return OptionalLong.of(KeyedRateLimiter.retryAfterSeconds(wait));
  }

  /** How many events were refused. */
  long refusedCount() {
    return refused.get();
  }
}
