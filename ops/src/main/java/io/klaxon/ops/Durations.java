package io.klaxon.ops;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Klaxon's one duration grammar, used for environment variables, tenant files and command-line
 * options alike: one or more number-unit pairs with units {@code ms}, {@code s}, {@code m}, {@code
 * h}, {@code d} ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h30m}; {@code _} may group digits),
 * or an ISO-8601 duration ({@code PT5M}). A bare {@code 0} is zero. Negative durations are not
 * durations. Stateless.
 */
public final class Durations {
  /** How the grammar is described in error messages. */
  public static final String EXPECTED = "a duration such as 500ms, 30s, 5m, 1h30m or PT5M";

  /** The longest duration: the most milliseconds a {@code long} counts (about 292 million years). */
  public static final Duration MAX = Duration.ofMillis(Long.MAX_VALUE);

  /** The longest wait {@link #nanoDeadline} counts: 2^62 nanoseconds, about 146 years. */
  static final long FARTHEST_NANOS = 1L << 62;

  private Durations() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException when it is not a duration in this grammar, or is longer than
   *     {@link #MAX} (the message quotes the text and says what was expected)
   */
  public static Duration parse(String text) {
    Duration parsed = parseAnyLength(text);
    if (parsed.compareTo(MAX) > 0) {
      throw new IllegalArgumentException("'" + text + "' is too long: at most " + MAX.toDays()
          + "d (about 292 million years; durations are counted in milliseconds)");
    }
    return parsed;
  }

  private static Duration parseAnyLength(String text) {
    if (text == null) {
      throw new IllegalArgumentException("no duration given: expected " + EXPECTED);
    }
    String v = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (v.equals("0")) {
        return Duration.ZERO;
      }
      if (v.startsWith("p")) {
        Duration parsed = Duration.parse(v.toUpperCase(Locale.ROOT));
        if (parsed.isNegative()) {
          throw invalid(text);
        }
        return parsed;
      }
      return sumOfParts(v, text);
    } catch (DateTimeParseException | ArithmeticException e) {
      throw invalid(text);
    }
  }

  /**
   * Reads {@code v} as number-unit pairs, one character at a time (a regular expression with a
   * repeated group would recurse once per pair, and overflow the stack on a long enough text).
   */
  private static Duration sumOfParts(String v, String text) {
    Duration total = Duration.ZERO;
    int i = 0;
    int n = v.length();
    if (n == 0) {
      throw invalid(text);
    }
    while (i < n) {
      if (!isDigit(v.charAt(i))) {
        throw invalid(text);
      }
      long amount = 0;
      for (; i < n && (isDigit(v.charAt(i)) || v.charAt(i) == '_'); i++) {
        if (v.charAt(i) != '_') {
          amount = Math.addExact(Math.multiplyExact(amount, 10), v.charAt(i) - '0');
        }
      }
      if (i == n) {
        throw invalid(text);
      }
      Duration part;
      if (v.startsWith("ms", i)) {
        part = Duration.ofMillis(amount);
        i += 2;
      } else {
        part = switch (v.charAt(i)) {
          case 's' -> Duration.ofSeconds(amount);
          case 'm' -> Duration.ofMinutes(amount);
          case 'h' -> Duration.ofHours(amount);
          case 'd' -> Duration.ofDays(amount);
          default -> throw invalid(text);
        };
        i++;
      }
      total = total.plus(part);
    }
    return total;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * The {@link System#nanoTime()} value {@code duration} after {@code nowNanos}, a duration longer
   * than about 146 years counting as 146 years. A deadline that far still compares right both
   * ways, {@code System.nanoTime() > deadline} and {@code System.nanoTime() - deadline > 0}: it is
   * never reached, where {@code nowNanos + duration.toNanos()} would throw or wrap around and be
   * passed at once.
   */
  public static long nanoDeadline(long nowNanos, Duration duration) {
    long nanos;
    try {
      nanos = Math.min(duration.toNanos(), FARTHEST_NANOS);
    } catch (ArithmeticException beyondALong) {
      nanos = FARTHEST_NANOS;
    }
    return nowNanos + nanos;
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("'" + text + "' is not " + EXPECTED);
  }

  /**
   * {@code duration} in this grammar, largest units first ({@code 0}, {@code 500ms}, {@code 30s},
   * {@code 1h30m}, {@code 30d}): what {@link #parse} reads back as the same duration.
   */
  public static String format(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("negative durations are not durations: " + duration);
    }
    if (duration.isZero()) {
      return "0";
    }
    StringBuilder out = new StringBuilder();
    long millis = duration.toMillis();
    long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
    String[] units = {"d", "h", "m", "s", "ms"};
    for (int i = 0; i < sizes.length; i++) {
      if (millis >= sizes[i]) {
        out.append(millis / sizes[i]).append(units[i]);
        millis %= sizes[i];
      }
    }
    return out.toString();
  }
}
