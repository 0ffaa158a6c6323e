package io.klaxon.streams;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The keys of the acknowledgements the global acks store took while this instance runs, in
 * order, so that each {@link AckForwardProcessor} looks at what changed since it last looked
 * instead of at every acknowledgement ever kept. One per topology (so per Streams instance): the
 * global thread appends, the stream threads read, each task with a cursor of its own. It keeps
 * the last {@code capacity} keys; a task whose cursor fell behind them is told so and looks through
 * the whole store once. Thread-safe.
 */
final class AckChanges {
  /** Keys kept for cursors that fell behind: at one acknowledgement a second, more than a day. */
  static final int DEFAULT_CAPACITY = 100_000;

  private final int capacity;
  private final ArrayDeque<String> keys = new ArrayDeque<>();
  /** The position of the oldest key kept. */
  private long first;

  AckChanges() {
    this(DEFAULT_CAPACITY);
  }

  AckChanges(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, was " + capacity);
    }
    this.capacity = capacity;
  }

  /** The keys from a cursor on, and the cursor after them. */
  record Batch(List<String> keys, long next) {}

  /** Records that the acknowledgement under {@code key} changed (or was deleted). */
  synchronized void changed(String key) {
    keys.addLast(key);
    if (keys.size() > capacity) {
      keys.removeFirst();
      first++;
    }
  }

  /** The cursor after every key recorded so far. */
  synchronized long end() {
    return first + keys.size();
  }

  /**
   * The keys recorded from {@code cursor} on (repeats included, oldest first), or null when some
   * of them are no longer kept.
   */
  synchronized Batch since(long cursor) {
    if (cursor < first) {
      return null;
    }
    List<String> batch = keys.stream().skip(Math.min(cursor - first, keys.size())).toList();
    return new Batch(batch, first + keys.size());
  }
}
