package io.klaxon.notifier.render;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;
import io.klaxon.i18n.PatternSyntax;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parsed patterns shared between renderings, by pattern and by the locale ICU formats with ({@link
 * ResolvedLocale#dataLocale()}: a producer's private-use or variant subtags do not make a locale
 * of their own). Parsing a pattern (and building its date formats) costs far more than formatting
 * with it. At most {@code capacity} formats are kept; the least recently used one makes room, so
 * no stream of odd tags or patterns fills the cache for good. Thread-safe; each format is used by
 * one thread at a time.
 */
final class FormatCache {
  /** Enough for every pattern of every bundle in a few dozen locales, with room for tenants' own. */
  static final int DEFAULT_CAPACITY = 10_000;

  private record Key(String pattern, ULocale locale) {}

  private final Map<Key, MessageFormat> formats;

  FormatCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, was " + capacity);
    }
    this.formats = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, MessageFormat> eldest) {
        return size() > capacity;
      }
    };
  }

  /**
   * Formats {@code args} with {@code pattern} in {@code locale}.
   *
   * @throws IllegalArgumentException when the pattern does not parse or an argument does not fit it
   */
  String format(String pattern, ULocale locale, Map<String, Object> args) {
    Key key = new Key(pattern, locale);
    MessageFormat format;
    synchronized (formats) {
      format = formats.get(key);
    }
    if (format == null) {
      // Parsed outside the lock: a slow parse must not hold up renderings of cached patterns.
      // PatternSyntax refuses what ICU parses but cannot format (a plural whose 'other' is "ot"
      // recurses until the stack overflows, an Error no caller would catch).
      PatternSyntax.check(pattern).ifPresent(problem -> {
        throw new IllegalArgumentException(problem.toString());
      });
      MessageFormat parsed = new MessageFormat(pattern, locale);
      synchronized (formats) {
        format = formats.putIfAbsent(key, parsed);
      }
      format = format != null ? format : parsed;
    }
    synchronized (format) {
      return format.format(args);
    }
  }

  /** Whether the parsed {@code pattern} in {@code locale} is kept. */
  boolean holds(String pattern, ULocale locale) {
    synchronized (formats) {
      return formats.containsKey(new Key(pattern, locale));
    }
  }

  /** How many formats are kept. */
  int size() {
    synchronized (formats) {
      return formats.size();
    }
  }
}
