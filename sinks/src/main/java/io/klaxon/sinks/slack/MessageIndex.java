package io.klaxon.sinks.slack;

import io.klaxon.sinks.inbox.BoundedIndex;
import io.klaxon.sinks.inbox.Inbox;

/**
 * Where each message posted with {@code chat.postMessage} is kept in the {@link Inbox}, by channel
 * id and ts, so {@code chat.update} can find it. Holds as many as the inbox does: a message the
 * inbox has dropped cannot be updated anyway. Thread-safe.
 */
final class MessageIndex {
  private final BoundedIndex<String, Long> inboxIds;

  MessageIndex(int capacity) {
    this.inboxIds = new BoundedIndex<>(capacity);
  }

  void put(String channelId, String ts, long inboxId) {
    inboxIds.put(key(channelId, ts), inboxId);
  }

  /** The inbox id of the message, or null when it is unknown or forgotten. */
  Long find(String channelId, String ts) {
    return inboxIds.get(key(channelId, ts));
  }

  private static String key(String channelId, String ts) {
    return channelId + "/" + ts;
  }
}
