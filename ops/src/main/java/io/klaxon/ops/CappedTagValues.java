package io.klaxon.ops;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds the number of distinct values a metric tag may take (per-tenant series): the first
 * {@code limit} values seen are kept as they are, every later one is reported as {@link #OTHER},
 * so counts stay complete while the number of series stays bounded. Thread-safe.
 */
public final class CappedTagValues {
  /** The value that stands for every value past the limit. */
  public static final String OTHER = "_other";

  private final int limit;
  private final Set<String> admitted = ConcurrentHashMap.newKeySet();

  public CappedTagValues(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + limit);
    }
    this.limit = limit;
  }

  /** {@code value} itself while there is room or when already admitted, else {@link #OTHER}. */
  public String value(String value) {
    if (value == null) {
      return OTHER;
    }
    if (admitted.contains(value)) {
      return value;
    }
    synchronized (admitted) {
      if (admitted.size() < limit) {
        admitted.add(value);
        return value;
      }
    }
    return admitted.contains(value) ? value : OTHER;
  }

  /** How many distinct values are kept. */
  public int size() {
    return admitted.size();
  }
}
