package io.klaxon.streams;

import java.util.Locale;

/** What happened to a group or a digest, for metrics ({@link PipelineListener#grouping}). */
public enum GroupingEvent {
  /** A group's notification about alerts that joined or resolved was written. */
  GROUP_SENT,
  /** An unchanged, still-firing group was notified again after its repeat interval. */
  GROUP_REPEATED,
  /** An alert would have joined a full group and was notified on its own instead. */
  GROUP_FULL,
  /** A group ended without its notification because its tenant or target no longer exists. */
  GROUP_ENDED_UNSENT,
  /** A digest was written. */
  DIGEST_SENT,
  /** A due digest was dropped because its tenant, target or digest feature no longer exists. */
  DIGEST_DROPPED;

  /** The metric tag: the name in lower case. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
