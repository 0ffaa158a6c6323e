package io.klaxon.sinks.slack;

import java.time.Duration;
import java.time.InstantSource;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slack's posting limits as the stand-in applies them, unless they are turned off: a
 * {@link SlackRateLimiter} per channel (or incoming-webhook path). A refusal is counted and says how
 * many whole seconds to wait, for a {@code Retry-After} header. Thread-safe.
 */
final class PostingLimits {
  private final boolean enabled;
  private final SlackRateLimiter limiter;
  private final AtomicLong refused = new AtomicLong();

  PostingLimits(SlackApiSettings settings, InstantSource clock) {
    this.enabled = settings.rateLimited();
    this.limiter = new SlackRateLimiter(settings.messagesPerSecond(), settings.burst(), clock);
  }

  /**
   * Takes a message to {@code key} against its limit: empty when it may go now, else the seconds
   * to wait (nothing is taken then, and the refusal is counted).
   */
  OptionalLong retryAfterSeconds(String key) {
    if (!enabled) {
      return OptionalLong.empty();
    }
    Duration wait = limiter.acquire(key);
    if (wait.isZero()) {
      return OptionalLong.empty();
    }
    refused.incrementAndGet();
    return OptionalLong.of(SlackRateLimiter.retryAfterSeconds(wait));
  }

  /** How many messages were refused. */
  long refusedCount() {
    return refused.get();
  }
}
