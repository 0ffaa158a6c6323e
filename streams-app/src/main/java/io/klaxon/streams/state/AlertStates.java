package io.klaxon.streams.state;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertState;
import io.klaxon.events.AlertStateStatus;
import io.klaxon.streams.control.Suppression;
import java.time.Instant;
import java.util.List;

/** The {@link AlertState} record of a firing alert: a pure function of the event and what holds it back. */
public final class AlertStates {
  private AlertStates() {}

  /**
   * @param fingerprint the alert's fingerprint (the event's, or the derived one)
   * @param startsAtMs when the alert started firing
   * @param held what holds it back, or null
   * @param nowMs when this state is decided
   */
  public static AlertState of(AlertEvent event, String fingerprint, long startsAtMs, Suppression held, long nowMs) {
    AlertState.Builder state = AlertState.newBuilder()
        .setTenantId(event.getTenantId())
        .setFingerprint(fingerprint)
        .setLabels(event.getLabels())
        .setTitle(event.getTitle())
        .setMessage(event.getMessage())
        .setSource(event.getSource())
        .setSeverity(event.getSeverity())
        .setLinks(event.getLinks())
        .setStartsAt(Instant.ofEpochMilli(startsAtMs))
        .setUpdatedAt(Instant.ofEpochMilli(nowMs))
        .setEndsAt(null)
        .setStatus(held == null ? AlertStateStatus.FIRING : AlertStateStatus.SUPPRESSED)
        .setSilencedBy(held != null && held.kind() == Suppression.Kind.SILENCE ? List.of(held.ref()) : List.of())
        .setMaintenanceWindow(held != null && held.kind() == Suppression.Kind.MAINTENANCE_WINDOW ? held.ref() : null)
        .setAcknowledgedBy(held != null && held.kind() == Suppression.Kind.ACKNOWLEDGEMENT ? held.ref() : null);
    return state.build();
  }
}
