package io.klaxon.streams;

import java.util.Locale;

/** What a tenant's notification limit did ({@link PipelineListener#notificationLimit}). */
public enum LimitEvent {
  /** A notification was held back: the channel's limit was reached. It is counted in its target's next summary. */
  HELD,
  /** A CRITICAL firing notification passed although the channel's limit was reached. */
  CRITICAL_PASSED,
  /** A summary of held notifications was written. */
  SUMMARY_SENT,
  /** A due summary was dropped because its tenant or target no longer exists. */
  SUMMARY_DROPPED;

  /** The metric tag: the name in lower case. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
