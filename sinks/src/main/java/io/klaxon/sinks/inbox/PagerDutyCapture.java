package io.klaxon.sinks.inbox;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A PagerDuty Events API v2 event received by the {@link io.klaxon.sinks.pagerduty.PagerDutyStandIn},
 * accepted or refused. It never holds the routing key: only {@link #routingKeyHint(String)} of it,
 * in {@code routingKeyHint} and in place of {@code routing_key} in {@code event}.
 *
 * @param receivedAt when it was received
 * @param tenant attributed tenant
 * @param routingKeyHint the routing key's last four characters ({@link #routingKeyHint(String)})
 * @param action {@code event_action} as sent (may be invalid when the event was refused), empty when absent
 * @param dedupKey the incident's dedup key: as sent, or the one generated for a trigger without one; empty when absent
 * @param summary {@code payload.summary}, empty when absent
 * @param severity {@code payload.severity}, empty when absent
 * @param source {@code payload.source}, empty when absent
 * @param responseStatus the HTTP status the stand-in answered (202, or 400 for an invalid event)
 * @param errors why the event was refused, as the answer listed them; empty when accepted
 * @param effect what the event did to its incident ("opened incident #3", "no open incident: nothing changed")
 * @param incidentNumber the incident's number in the stand-in, 0 when the event has no incident
 * @param incidentState the incident's state now (kept current as later events change it), null when no incident
 * @param event the event as received with its routing key replaced by the hint (compact JSON), empty when
 *     the body was not a JSON object
 */
public record PagerDutyCapture(Instant receivedAt, String tenant, String routingKeyHint, String action, String dedupKey,
    String summary, String severity, String source, int responseStatus, List<String> errors, String effect,
    long incidentNumber, IncidentState incidentState, String event) implements Capture {
  /** Keys shorter than this show only their length: the last four characters would be most of them. */
  private static final int SHORTEST_HINTED = 16;

  public PagerDutyCapture {
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(routingKeyHint, "routingKeyHint");
    action = action == null ? "" : action;
    dedupKey = dedupKey == null ? "" : dedupKey;
    summary = summary == null ? "" : summary;
    severity = severity == null ? "" : severity;
    source = source == null ? "" : source;
    errors = List.copyOf(errors);
    effect = effect == null ? "" : effect;
    event = event == null ? "" : event;
    if ((incidentNumber == 0) != (incidentState == null)) {
      throw new IllegalArgumentException("an incident has both a number and a state, or neither");
    }
  }

  /**
   * What may be shown of a routing key: {@code …} and its last four characters, or only its length
   * when it is shorter than 16 characters, or {@code none}.
   */
  public static String routingKeyHint(String routingKey) {
    if (routingKey == null || routingKey.isEmpty()) {
      return "none";
    }
    if (routingKey.length() < SHORTEST_HINTED) {
      return "(" + routingKey.length() + " characters)";
    }
    return "…" + routingKey.substring(routingKey.offsetByCodePoints(routingKey.length(), -4));
  }

  /** This event with its incident's state as it is now. */
  public PagerDutyCapture withIncidentState(IncidentState state) {
    if (incidentNumber == 0) {
      throw new IllegalStateException("this event has no incident");
    }
    return new PagerDutyCapture(receivedAt, tenant, routingKeyHint, action, dedupKey, summary, severity, source,
        responseStatus, errors, effect, incidentNumber, Objects.requireNonNull(state, "state"), event);
  }

  /** Whether the stand-in accepted the event (202). */
  public boolean accepted() {
    return responseStatus == 202;
  }

  /** Whether the event belongs to an incident. */
  public boolean hasIncident() {
    return incidentNumber != 0;
  }

  @Override
  public InboxChannel channel() {
    return InboxChannel.PAGERDUTY;
  }

  /** {@code routing key …abcd}: the service the event was sent to, never the whole key. */
  @Override
  public String destination() {
    return "routing key " + routingKeyHint;
  }

  @Override
  public boolean rightToLeft() {
    return TextDirection.isRightToLeft(summary);
  }
}
