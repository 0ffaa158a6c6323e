package io.klaxon.notifier.render;

import io.klaxon.events.Severity;

/** The colour and emoji of a severity in chat and email; a resolved alert is always green. */
public record SeverityStyle(String color, String emoji) {
  public static SeverityStyle of(Severity severity, boolean resolved) {
    if (resolved) {
      return new SeverityStyle("#2EB67D", ":white_check_mark:");
    }
    return switch (severity) {
      case CRITICAL -> new SeverityStyle("#D00000", ":rotating_light:");
      case HIGH -> new SeverityStyle("#FF8C00", ":red_circle:");
      case WARNING -> new SeverityStyle("#ECB22E", ":warning:");
      case INFO -> new SeverityStyle("#439FE0", ":information_source:");
    };
  }
}
