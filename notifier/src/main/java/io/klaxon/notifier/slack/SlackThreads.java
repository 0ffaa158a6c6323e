package io.klaxon.notifier.slack;

import io.klaxon.events.SlackThread;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The thread of each alert at each Slack target: where its first message was posted, so repeats
 * and the resolution reply in that thread ({@code thread_ts}) and the first message is updated in
 * place. A group's flushes have a thread the same way, under the group's fingerprint {@code
 * group:<groupKey>}. Restored from a {@link SlackThreadLog} when built and written through to it, so the map
 * survives restarts; an entry is in the map only once the log has acknowledged it. Keyed by
 * {@link io.klaxon.topics.SlackThreadKeys}. Memory is bounded: beyond {@code capacity} the least
 * recently used thread is forgotten here (it stays in the log until the next restart reads it back,
 * and its next repeat starts a new thread meanwhile).
 *
 * <p>Thread-safe. {@link #lock(String)} serialises the deliveries of one alert to one target, so a
 * repeat and a resolution delivered at once cannot both start a thread.
 */
public final class SlackThreads {
  /** How many threads are kept in memory by default. */
  public static final int DEFAULT_CAPACITY = 100_000;
  private static final int STRIPES = 64;

  private final SlackThreadLog log;
  private final Map<String, SlackThread> byKey;
  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

  /**
   * Reads {@code log} to its end.
   *
   * @throws RuntimeException what the log throws when it cannot be read
   */
  public SlackThreads(SlackThreadLog log, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.log = Objects.requireNonNull(log, "log");
    this.byKey = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, SlackThread> eldest) {
        return size() > capacity;
      }
    };
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
    Map<String, SlackThread> restored = log.restore();
    synchronized (byKey) {
      byKey.putAll(restored);
    }
  }

  /** Threads kept in memory only. */
  public static SlackThreads inMemory() {
    return new SlackThreads(SlackThreadLog.none(), DEFAULT_CAPACITY);
  }

  /** The lock of {@code key}'s stripe; hold it around reading, posting and recording one alert's messages. */
  public ReentrantLock lock(String key) {
    return locks[Math.floorMod(key.hashCode(), STRIPES)];
  }

  /** The current thread of {@code key}, or null. */
  public SlackThread get(String key) {
    synchronized (byKey) {
      return byKey.get(key);
    }
  }

  /**
   * Records {@code thread} as {@code key}'s current one, once the log has it.
   *
   * @throws SlackThreadLog.ThreadLogException when the log did not acknowledge it; the map is unchanged
   */
  public void record(String key, SlackThread thread) {
    log.append(key, thread);
    synchronized (byKey) {
      byKey.put(key, thread);
    }
  }

  /**
   * Forgets {@code key}'s thread in memory only (its first message is gone from Slack); the log
   * keeps it until the next {@link #record} of the key replaces it.
   */
  public void forget(String key) {
    synchronized (byKey) {
      byKey.remove(key);
    }
  }

  /** How many threads are in memory. */
  public int size() {
    synchronized (byKey) {
      return byKey.size();
    }
  }
}
