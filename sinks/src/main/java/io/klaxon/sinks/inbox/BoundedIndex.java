package io.klaxon.sinks.inbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A map that forgets its oldest entries beyond a capacity, so the stand-ins' lookup tables (Slack
 * messages by ts, webhook ids seen) stay bounded however long the local stack runs. Thread-safe.
 */
public final class BoundedIndex<K, V> {
  private final Map<K, V> entries;

  /** @throws IllegalArgumentException when capacity is not positive */
  public BoundedIndex(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.entries = new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    };
  }

  public synchronized V get(K key) {
    return entries.get(key);
  }

  public synchronized void put(K key, V value) {
    entries.put(key, value);
  }

  public synchronized V computeIfAbsent(K key, Function<? super K, ? extends V> create) {
    return entries.computeIfAbsent(key, create);
  }

  public synchronized List<V> values() {
    return new ArrayList<>(entries.values());
  }

  public synchronized int size() {
    return entries.size();
  }
}
