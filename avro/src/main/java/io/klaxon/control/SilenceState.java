package io.klaxon.control;

import java.time.Instant;
import java.util.Locale;

/** Alertmanager's states of a silence at a moment: in force, not yet started, or ended. */
public enum SilenceState {
  /** Started and not ended: it silences now. */
  ACTIVE,
  /** Starts later. */
  PENDING,
  /** Ended (expired or run out); it silences nothing again. */
  EXPIRED;

  /** The state of {@code silence} at {@code now}: expired from its {@code endsAt}, pending before its {@code startsAt}. */
  public static SilenceState of(Silence silence, Instant now) {
    if (!silence.getEndsAt().isAfter(now)) {
      return EXPIRED;
    }
    return silence.getStartsAt().isAfter(now) ? PENDING : ACTIVE;
  }

  /** The name Alertmanager's API and Klaxon's CLI show: {@code active}, {@code pending}, {@code expired}. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
