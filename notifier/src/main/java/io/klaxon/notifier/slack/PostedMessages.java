package io.klaxon.notifier.slack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which Slack message each recent notification id was posted as (channel id and {@code ts}), so
 * that delivering the same notification again updates that message instead of posting a second
 * one. Bounded: beyond {@code capacity} the least recently used entry is forgotten (its next
 * repeat posts anew). Kept in memory, so a restarted notifier posts a repeat anew; the message
 * metadata still carries the notification id. Thread-safe.
 */
final class PostedMessages {
  /** Where a notification was posted; {@code reply} when in the thread of an earlier message. */
  record Posted(String channelId, String ts, boolean reply) {}

  private final Map<String, Posted> byNotification;

  PostedMessages(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.byNotification = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Posted> eldest) {
        return size() > capacity;
      }
    };
  }

  synchronized Posted get(String notificationId) {
    return byNotification.get(notificationId);
  }

  synchronized void remember(String notificationId, Posted posted) {
    byNotification.put(notificationId, posted);
  }

  synchronized void forget(String notificationId) {
    byNotification.remove(notificationId);
  }

  synchronized int size() {
    return byNotification.size();
  }
}
