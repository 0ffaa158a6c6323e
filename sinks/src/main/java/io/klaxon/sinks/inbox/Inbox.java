package io.klaxon.sinks.inbox;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The bounded in-memory store of everything the stand-ins received. It keeps the newest
 * {@code capacity} captures; older ones are dropped and counted. Totals per channel count every
 * capture ever added, dropped or not. Thread-safe (every method locks the inbox briefly).
 */
public final class Inbox {
  /** The capacity of {@link #Inbox()}. */
  public static final int DEFAULT_CAPACITY = 5_000;

  private final int capacity;
  private final LinkedHashMap<Long, InboxEntry> entries = new LinkedHashMap<>();
  private final Map<InboxChannel, Long> received = new EnumMap<>(InboxChannel.class);
  private long nextId = 1;
  private long dropped;

  public Inbox() {
    this(DEFAULT_CAPACITY);
  }

  /** @throws IllegalArgumentException when capacity is not positive */
  public Inbox(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
  }

  /** Stores a capture, dropping the oldest when full; returns its id. */
  public synchronized long add(Capture capture) {
    Objects.requireNonNull(capture, "capture");
    long id = nextId++;
    entries.put(id, new InboxEntry(id, capture));
    received.merge(capture.channel(), 1L, Long::sum);
    while (entries.size() > capacity) {
      Iterator<Long> oldest = entries.keySet().iterator();
      oldest.next();
      oldest.remove();
      dropped++;
    }
    return id;
  }

  /**
   * Replaces the capture stored under {@code id} (a Slack message changed by chat.update), keeping
   * its place. Returns false when the id is unknown or already dropped.
   */
  public synchronized boolean replace(long id, Capture capture) {
    Objects.requireNonNull(capture, "capture");
    if (!entries.containsKey(id)) {
      return false;
    }
    entries.put(id, new InboxEntry(id, capture));
    return true;
  }

  /** The capture stored under {@code id}, or null. */
  public synchronized Capture get(long id) {
    InboxEntry entry = entries.get(id);
    return entry == null ? null : entry.capture();
  }

  /** The stored captures matching the query, newest first. */
  public synchronized List<InboxEntry> list(InboxQuery query) {
    List<InboxEntry> out = new ArrayList<>();
    for (InboxEntry entry : entries.values()) {
      if (query.matches(entry.capture())) {
        out.add(entry);
      }
    }
    return out.reversed();
  }

  /** The stored captures of one kind (such as {@code SlackCapture.class}), newest first. */
  public synchronized <T extends Capture> List<T> captures(Class<T> kind) {
    List<T> out = new ArrayList<>();
    for (InboxEntry entry : entries.values()) {
      if (kind.isInstance(entry.capture())) {
        out.add(kind.cast(entry.capture()));
      }
    }
    return out.reversed();
  }

  /** Captures ever added on a channel, including dropped ones. */
  public synchronized long received(InboxChannel channel) {
    return received.getOrDefault(channel, 0L);
  }

  /** Captures dropped because the inbox was full. */
  public synchronized long dropped() {
    return dropped;
  }

  /** Captures stored now. */
  public synchronized int size() {
    return entries.size();
  }

  public int capacity() {
    return capacity;
  }

  /** The tenants of the stored captures, sorted. */
  public synchronized SortedSet<String> tenants() {
    SortedSet<String> out = new TreeSet<>();
    entries.values().forEach(e -> out.add(e.capture().tenant()));
    return out;
  }
}
