package io.klaxon.sinks.inbox;

import java.util.Locale;

/** Where a PagerDuty incident stands: opened by a trigger, acknowledged, or resolved. */
public enum IncidentState {
  TRIGGERED,
  ACKNOWLEDGED,
  RESOLVED;

  /** Whether the incident is still open (triggered or acknowledged). */
  public boolean open() {
    return this != RESOLVED;
  }

  /** The lower-case name shown on the page and in JSON ({@code triggered}, ...). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
