package io.klaxon.notifier.delivery;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Paces deliveries per destination key. Paced keys (Slack channels) get a token bucket of {@code
 * perSecond} with {@code burst}; every key can be paused by a Retry-After. Thread-safe.
 */
public final class ChannelPacer {
  private final InstantSource clock;
  private final double perSecond;
  private final int burst;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  public ChannelPacer(InstantSource clock, double perSecond, int burst) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.perSecond = perSecond;
    this.burst = burst;
  }

  /**
   * Reserves a send slot for {@code key} and returns how long to wait before sending.
   *
   * @param paced whether the key is rate-paced (Slack) or only subject to Retry-After pauses
   */
  public Duration reserve(String key, boolean paced) {
    return bucket(key, paced).reserve(clock.instant());
  }

  /** Holds sends to {@code key} for {@code duration} from now (a channel's Retry-After). */
  public void pause(String key, boolean paced, Duration duration) {
    bucket(key, paced).pauseUntil(clock.instant().plus(duration));
  }

  private TokenBucket bucket(String key, boolean paced) {
    return buckets.computeIfAbsent(key, k -> new TokenBucket(paced ? perSecond : 0, burst, clock.instant()));
  }
}
