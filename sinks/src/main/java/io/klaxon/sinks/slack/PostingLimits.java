package io.klaxon.sinks.slack;

import io.klaxon.sinks.http.KeyedRateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slack's posting limits as the stand-in applies them, unless they are turned off: a
 * {@link KeyedRateLimiter} per channel (or incoming-webhook path). A refusal is counted and says how
 * many whole seconds to wait, for a {@code Retry-After} header. A {@link #storm} refuses every
 * posting, limits or not, with the storm's wait, as Slack does when a workspace is over its limits.
 * Postings that come back to a key before the wait its last refusal asked for are counted ({@link
 * #earlyCount()}), so a client that does not honour {@code Retry-After} shows. Thread-safe.
 */
final class PostingLimits {
  /** How close to a refusal a posting may still be one that was already on its way. */
  private static final Duration IN_FLIGHT = Duration.ofSeconds(1);

  private final boolean enabled;
  private final KeyedRateLimiter limiter;
  private final InstantSource clock;
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong early = new AtomicLong();
  private final Map<String, Refusal> refusals = new ConcurrentHashMap<>();
  private volatile long stormSeconds;

  /** A key's last refusal: when it was answered, and until when it asked the client to wait. */
  private record Refusal(Instant at, Instant waitUntil) {}

  PostingLimits(SlackApiSettings settings, InstantSource clock) {
    this.enabled = settings.rateLimited();
    this.limiter = new KeyedRateLimiter(settings.messagesPerSecond(), settings.burst(), clock);
    this.clock = clock;
  }

  /**
   * Takes a message to {@code key} against its limit: empty when it may go now, else the seconds
   * to wait (nothing is taken then, and the refusal is counted).
   */
  OptionalLong retryAfterSeconds(String key) {
    Instant now = clock.instant();
    Refusal last = refusals.get(key);
    if (last != null && now.isAfter(last.at().plus(IN_FLIGHT)) && now.isBefore(last.waitUntil().minus(IN_FLIGHT))) {
      early.incrementAndGet();
    }
    long storm = stormSeconds;
    OptionalLong wait;
    if (storm > 0) {
      wait = OptionalLong.of(storm);
    } else if (!enabled) {
      return OptionalLong.empty();
    } else {
      Duration limited = limiter.acquire(key);
      if (limited.isZero()) {
        return OptionalLong.empty();
      }
      wait = OptionalLong.of(KeyedRateLimiter.retryAfterSeconds(limited));
    }
    refused.incrementAndGet();
    refusals.put(key, new Refusal(now, now.plusSeconds(wait.getAsLong())));
    return wait;
  }

  /** From now on every posting is refused with a wait of {@code retryAfterSeconds}; 0 ends the storm. */
  void storm(long retryAfterSeconds) {
    if (retryAfterSeconds < 0) {
      throw new IllegalArgumentException("retryAfterSeconds must not be negative, was " + retryAfterSeconds);
    }
    stormSeconds = retryAfterSeconds;
  }

  /** How many messages were refused. */
  long refusedCount() {
    return refused.get();
  }

  /** How many postings came to a key sooner than its last refusal's {@code Retry-After} allowed. */
  long earlyCount() {
    return early.get();
  }
}
