package io.klaxon.ingest.mapping;

import io.klaxon.events.Severity;
import java.util.Locale;
import java.util.Map;

/**
 * Klaxon's severity for the value of an alert's {@code severity} label, matched case-insensitively
 * after trimming:
 *
 * <pre>
 * critical, crit, fatal, emergency, page            CRITICAL
 * high, error, err, major                           HIGH
 * warning, warn, minor                              WARNING
 * info, informational, notice, low, none, debug     INFO
 * </pre>
 *
 * Any other value, or no label, gets the configured default ({@code INGEST_DEFAULT_SEVERITY},
 * WARNING unless set). Stateless.
 */
public final class SeverityLabel {
  /** The label read. */
  public static final String LABEL = "severity";

  private static final Map<String, Severity> SPELLINGS = Map.ofEntries(
      Map.entry("critical", Severity.CRITICAL), Map.entry("crit", Severity.CRITICAL),
      Map.entry("fatal", Severity.CRITICAL), Map.entry("emergency", Severity.CRITICAL),
      Map.entry("page", Severity.CRITICAL),
      Map.entry("high", Severity.HIGH), Map.entry("error", Severity.HIGH), Map.entry("err", Severity.HIGH),
      Map.entry("major", Severity.HIGH),
      Map.entry("warning", Severity.WARNING), Map.entry("warn", Severity.WARNING), Map.entry("minor", Severity.WARNING),
      Map.entry("info", Severity.INFO), Map.entry("informational", Severity.INFO), Map.entry("notice", Severity.INFO),
      Map.entry("low", Severity.INFO), Map.entry("none", Severity.INFO), Map.entry("debug", Severity.INFO));

  private SeverityLabel() {}

  /** The severity {@code value} names, or {@code fallback} when it names none (or is null). */
  public static Severity of(String value, Severity fallback) {
    if (value == null) {
      return fallback;
    }
    return SPELLINGS.getOrDefault(value.strip().toLowerCase(Locale.ROOT), fallback);
  }
}
