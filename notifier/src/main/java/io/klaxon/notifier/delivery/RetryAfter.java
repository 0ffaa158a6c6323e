package io.klaxon.notifier.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Reads an HTTP {@code Retry-After} header: delay-seconds or an HTTP-date (RFC 9110 §10.2.3). The
 * delay is returned as asked, however long; the {@link RetryPolicy} decides how much of it to
 * honour.
 */
public final class RetryAfter {
  private static final Pattern DIGITS = Pattern.compile("\\d+");

  private RetryAfter() {}

  /** The delay the header asks for; zero when absent, malformed or in the past. */
  public static Duration parse(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Duration.ZERO;
    }
    String value = header.strip();
    if (DIGITS.matcher(value).matches()) {
      try {
        long seconds = Long.parseLong(value);
        return seconds > 0 ? Duration.ofSeconds(seconds) : Duration.ZERO;
      } catch (NumberFormatException tooLong) {
        // More seconds than a long holds: as long as a wait can be, not "no wait".
        return Duration.ofSeconds(Long.MAX_VALUE);
      }
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
    } catch (DateTimeParseException notDate) {
      return Duration.ZERO;
    }
  }
}
