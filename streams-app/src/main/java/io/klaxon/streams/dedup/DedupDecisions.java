package io.klaxon.streams.dedup;

import io.klaxon.events.AlertStatus;

/**
 * The deduplication rules (SPEC "Deduplicate"), as pure functions of the remembered state:
 *
 * <ul>
 *   <li>FIRING, nothing remembered, or the last event is older than the window, or the last event
 *       was RESOLVED: a new occurrence, it passes;
 *   <li>FIRING within the window of the last FIRING: a duplicate, suppressed and counted — unless
 *       the repeat interval has passed since the last notification: then it passes as a repeat,
 *       carrying the count;
 *   <li>RESOLVED after FIRING: passes and clears the firing state;
 *   <li>RESOLVED within the window of a RESOLVED: a duplicate resolve, suppressed;
 *   <li>RESOLVED with nothing remembered (state expired or never seen): passes, so receivers still
 *       learn the alert is over.
 * </ul>
 */
public final class DedupDecisions {
  private DedupDecisions() {}

  /**
   * @param pass whether the event notifies
   * @param repeat whether it notifies as a repeat of a still-firing alert
   * @param duplicatesSuppressed duplicates suppressed since the previous notification (when it passes)
   * @param state what to remember
   */
  public record Decision(boolean pass, boolean repeat, long duplicatesSuppressed, DedupState state) {}

  public static Decision decide(DedupState state, AlertStatus status, long now, long windowMs, long repeatMs) {
    if (status == AlertStatus.FIRING) {
      if (state == null || !state.firing() || now - state.lastSeen() > windowMs) {
        return new Decision(true, false, 0, new DedupState(true, now, now, 0));
      }
      if (now - state.lastNotified() >= repeatMs) {
        return new Decision(true, true, state.suppressed(), new DedupState(true, Math.max(now, state.lastSeen()), now, 0));
      }
      return new Decision(false, false, 0,
          new DedupState(true, Math.max(now, state.lastSeen()), state.lastNotified(), state.suppressed() + 1));
    }
    if (state != null && !state.firing() && now - state.lastSeen() <= windowMs) {
      return new Decision(false, false, 0,
          new DedupState(false, Math.max(now, state.lastSeen()), state.lastNotified(), state.suppressed() + 1));
    }
    long suppressed = state == null ? 0 : state.suppressed();
    return new Decision(true, false, suppressed, new DedupState(false, now, now, 0));
  }

  /**
   * Whether remembered state can be forgotten at {@code now}: once the window has passed since the
   * last event, every decision above is the same with or without it.
   */
  public static boolean expired(DedupState state, long now, long windowMs) {
    return now - state.lastSeen() > windowMs;
  }
}
