package io.klaxon.notifier.delivery;

import io.klaxon.contract.TargetKind;
import io.klaxon.events.NotificationRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Paces deliveries per {@link Destination}. A rate-paced destination (a key a {@link Sender} named,
 * such as a Slack channel or a PagerDuty routing key) gets a token bucket of its channel's {@link
 * Pace}, or of the default one; every destination can be paused by a Retry-After. Thread-safe.
 */
public final class ChannelPacer {
  /**
   * A sustained rate and the sends allowed at once.
   *
   * @param perSecond sends a second, sustained
   * @param burst sends allowed at once
   */
  public record Pace(double perSecond, int burst) {
    public Pace {
      if (!(perSecond > 0) || burst < 1) {
        throw new IllegalArgumentException("a pace needs a positive rate and a burst of at least 1, was "
            + perSecond + "/s, burst " + burst);
      }
    }
  }

  /**
   * What attempts wait for: a key of its channel that the sender paces by (shared by every
   * notification sent there), or else the request's own tenant target, which is only paused.
   */
  public record Destination(TargetKind channel, String key, boolean paced) {
    public Destination {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(key, "key");
    }

    /** The destination of {@code request}, paced by {@code pacingKey} when the sender named one. */
    public static Destination of(NotificationRequest request, Optional<String> pacingKey) {
      TargetKind channel = TargetKind.of(request.getTarget());
      return pacingKey.map(key -> new Destination(channel, key, true))
          .orElseGet(() -> new Destination(channel, request.getTenantId() + "/" + request.getTarget().getId(), false));
    }
  }

  private final InstantSource clock;
  private final double perSecond;
  private final int burst;
  private final Map<TargetKind, Pace> paces;
  private final Map<Destination, TokenBucket> buckets = new ConcurrentHashMap<>();

  public ChannelPacer(InstantSource clock, double perSecond, int burst) {
    this(clock, perSecond, burst, Map.of());
  }

  /**
   * @param perSecond the default pace's rate
   * @param burst the default pace's burst
   * @param paces the channels paced otherwise
   */
  public ChannelPacer(InstantSource clock, double perSecond, int burst, Map<TargetKind, Pace> paces) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.perSecond = perSecond;
    this.burst = burst;
    this.paces = Map.copyOf(paces);
  }

  /**
   * Reserves a send slot at {@code destination} that starts by {@code latest}, and returns how long
   * to wait before sending; empty (reserving nothing) when the destination is paused or paced past
   * {@code latest}.
   */
  public Optional<Duration> reserve(Destination destination, Instant latest) {
    return bucket(destination).reserve(clock.instant(), latest);
  }

  /** Holds sends to {@code destination} for {@code duration} from now (its Retry-After, already capped). */
  public void pause(Destination destination, Duration duration) {
    bucket(destination).pauseUntil(DeliveryEngine.plus(clock.instant(), duration));
  }

  /** Whether a Retry-After pauses {@code destination} now. */
  public boolean pausedNow(Destination destination) {
    return bucket(destination).pausedAt(clock.instant());
  }

  /** Destinations that a Retry-After pauses now. */
  public int paused() {
    Instant now = clock.instant();
    return (int) buckets.values().stream().filter(bucket -> bucket.pausedAt(now)).count();
  }

  private TokenBucket bucket(Destination destination) {
    return buckets.computeIfAbsent(destination, d -> {
      Pace pace = paces.get(d.channel());
      double rate = pace == null ? perSecond : pace.perSecond();
      int size = pace == null ? burst : pace.burst();
      return new TokenBucket(d.paced() ? rate : 0, size, clock.instant());
    });
  }
}
