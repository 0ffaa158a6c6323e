package io.klaxon.sinks.pagerduty;

import java.util.Locale;
import java.util.Optional;

/** The {@code event_action} of an Events API v2 event. */
enum EventAction {
  TRIGGER,
  ACKNOWLEDGE,
  RESOLVE;

  /** As the API writes it: {@code trigger}, {@code acknowledge}, {@code resolve}. */
  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The action named exactly (lower case, as PagerDuty requires) by {@code wireName}, or empty. */
  static Optional<EventAction> parse(String wireName) {
    for (EventAction action : values()) {
      if (action.wireName().equals(wireName)) {
        return Optional.of(action);
      }
    }
    return Optional.empty();
  }
}
