package io.klaxon.streams.group;

import io.klaxon.events.AlertStatus;
import io.klaxon.events.Severity;

/**
 * When a group is due, with Alertmanager's meanings: a new group after groupWait; a notified group
 * that changed at the end of its groupInterval (counted from its last notification); an unchanged
 * one after its repeatInterval. A CRITICAL alert that starts firing never waits longer than
 * groupWait, whatever the group's schedule. Stateless; times in wall-clock milliseconds.
 */
public final class GroupTimes {
  private GroupTimes() {}

  /**
   * When {@code group} is due after an alert of {@code severity} and {@code status} joined or
   * changed at {@code now}.
   */
  public static long dueAfterChange(GroupHeader group, Severity severity, AlertStatus status, long now) {
    long due = group.notified()
        ? Math.min(group.nextFlushMs(), Math.max(now, plus(group.lastFlushMs(), group.groupIntervalMs())))
        : group.nextFlushMs();
    if (severity == Severity.CRITICAL && status == AlertStatus.FIRING) {
      due = Math.min(due, plus(now, group.groupWaitMs()));
    }
    return due;
  }

  /** {@code time + delayMs}, saturating at {@link Long#MAX_VALUE}. */
  static long plus(long time, long delayMs) {
    long sum = time + delayMs;
    return ((time ^ sum) & (delayMs ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }
}
