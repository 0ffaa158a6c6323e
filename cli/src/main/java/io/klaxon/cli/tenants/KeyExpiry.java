package io.klaxon.cli.tenants;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** How an API key's expiry is written: a date ({@code 2027-06-30}, midnight UTC) or an ISO-8601 instant. Stateless. */
final class KeyExpiry {
  /** How the accepted forms are described in messages. */
  static final String EXPECTED = "a date (2027-06-30) or an ISO-8601 instant (2027-06-30T00:00:00Z)";

  private KeyExpiry() {}

  /** @throws DateTimeParseException when {@code text} is neither form */
  static Instant parse(String text) {
    return text.contains("T") ? Instant.parse(text) : LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
