package io.klaxon.registry;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a client remembers of schema ids the registry did not know, so that records carrying made-up
 * ids (poison, or a producer writing through another registry) do not each cost a blocking call to
 * the registry from the thread that reads them:
 *
 * <ul>
 *   <li>an id the registry answered "not found" for is not asked about again for {@code remember}
 *       (at most {@value #MAX_REMEMBERED} ids are remembered, the oldest forgotten first);
 *   <li>"not found" answers are budgeted: after {@code missesPerSecond} of them in a second (a
 *       token bucket of that size, refilled at that rate), an id not seen before is not looked up
 *       until the budget refills, and is reported as unknown. Ids the registry does know never
 *       spend the budget.
 * </ul>
 *
 * The cost is that a record written with a brand-new id in such a moment reads as unknown (and is
 * dead-lettered, from where it can be replayed). Thread-safe.
 */
final class UnknownSchemaIds {
  static final int MAX_REMEMBERED = 10_000;

  private final long rememberNanos;
  private final double missesPerSecond;
  private final Map<Integer, Long> missedAt = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Integer, Long> eldest) {
      return size() > MAX_REMEMBERED;
    }
  };
  private double tokens;
  private long refilledAt;

  /**
   * @param remember how long an id the registry did not know is not asked about again (not
   *     negative: the client's builder checks both)
   * @param missesPerSecond how many "not found" answers a second are taken before ids not seen
   *     before stop being looked up (0: never look up an id not already known)
   * @param now the current {@link System#nanoTime()}
   */
  UnknownSchemaIds(Duration remember, int missesPerSecond, long now) {
    this.rememberNanos = remember.toNanos();
    this.missesPerSecond = missesPerSecond;
    this.tokens = missesPerSecond;
    this.refilledAt = now;
  }

  /** Why {@code id} is not to be looked up now, or null when it may be. */
  synchronized String refusal(int id, long now) {
    Long missed = missedAt.get(id);
    if (missed != null) {
      if (now - missed < rememberNanos) {
        return "the registry did not know schema id " + id + " " + Duration.ofNanos(now - missed).toSeconds()
            + " s ago; it is asked again " + Duration.ofNanos(rememberNanos).toSeconds() + " s after that";
      }
      missedAt.remove(id);
    }
    refill(now);
    if (tokens < 1) {
      return "schema id " + id + " was not looked up: the registry did not know more than "
          + (long) missesPerSecond + " schema ids a second here";
    }
    return null;
  }

  /** The registry answered "not found" for {@code id}. */
  synchronized void missed(int id, long now) {
    missedAt.remove(id);
    missedAt.put(id, now);
    refill(now);
    tokens = Math.max(0, tokens - 1);
  }

  private void refill(long now) {
    long elapsed = now - refilledAt;
    if (elapsed > 0) {
      tokens = Math.min(missesPerSecond, tokens + missesPerSecond * elapsed / 1e9);
      refilledAt = now;
    }
  }
}
