package io.klaxon.ops;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  private static final Pattern WHOLE = Pattern.compile("(?:[0-9][0-9_]*(?:ms|s|m|h|d))+");
  private static final Pattern PART = Pattern.compile("([0-9][0-9_]*)(ms|s|m|h|d)");

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
      if (!WHOLE.matcher(v).matches()) {
        throw invalid(text);
      }
      Duration total = Duration.ZERO;
      Matcher part = PART.matcher(v);
      while (part.find()) {
        long amount = Long.parseLong(part.group(1).replace("_", ""));
        total = total.plus(switch (part.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        });
      }
      return total;
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      throw invalid(text);
    }
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
