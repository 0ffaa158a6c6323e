package io.klaxon.sinks.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klaxon.sinks.inbox.Capture;
import io.klaxon.sinks.inbox.Inbox;
import io.klaxon.sinks.inbox.PagerDutyCapture;
import io.klaxon.sinks.inbox.TenantAttribution;
import io.klaxon.sinks.pagerduty.EventValidator.Invalid;
import io.klaxon.sinks.pagerduty.EventValidator.Valid;
import io.klaxon.sinks.pagerduty.Incidents.Applied;
import io.klaxon.sinks.pagerduty.Incidents.Incident;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * {@code POST /v2/enqueue}: validates the event ({@link EventValidator}; 400 naming every problem),
 * takes it against its routing key's limit ({@link RoutingKeyLimits}; 429, not kept), applies it to
 * its incident ({@link Incidents}) and answers 202 with its dedup key, generating one for a trigger
 * without. Every event answered 202 or 400 goes to the {@link Inbox} as a {@link PagerDutyCapture},
 * the routing key only as its hint; when an event changes its incident's state, the incident's
 * earlier events in the inbox are updated to show the state now. One event at a time, so an
 * incident's state and its events in the inbox always agree. Thread-safe.
 */
final class Enqueue {
  private final Inbox inbox;
  private final Incidents incidents;
  private final RoutingKeyLimits limits;
  private final InstantSource clock;

  Enqueue(Inbox inbox, Incidents incidents, RoutingKeyLimits limits, InstantSource clock) {
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.incidents = Objects.requireNonNull(incidents, "incidents");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  synchronized PagerDutyAnswer receive(byte[] body) {
    Instant now = clock.instant();
    return switch (EventValidator.validate(body)) {
      case Invalid invalid -> refuse(invalid, now);
      case Valid valid -> accept(valid.event(), now);
    };
  }

  private PagerDutyAnswer refuse(Invalid invalid, Instant now) {
    JsonNode json = invalid.json();
    String routingKey = valueOrNull(json.path("routing_key"));
    String dedupKey = valueOrNull(json.path("dedup_key"));
    JsonNode payload = json.path("payload");
    String tenant = TenantAttribution.pagerDuty(json, incidents.knownTenant(routingKey, dedupKey));
    inbox.add(new PagerDutyCapture(now, tenant, PagerDutyCapture.routingKeyHint(routingKey),
        valueOrNull(json.path("event_action")), dedupKey, valueOrNull(payload.path("summary")),
        valueOrNull(payload.path("severity")), valueOrNull(payload.path("source")), 400, invalid.errors(),
        "refused: nothing changed", 0, null, hidingRoutingKey(json, routingKey)));
    return PagerDutyAnswer.invalid(invalid.errors());
  }

  private PagerDutyAnswer accept(PagerDutyEvent event, Instant now) {
    OptionalLong wait = limits.retryAfterSeconds(event.routingKey());
    if (wait.isPresent()) {
      return PagerDutyAnswer.throttled(wait.getAsLong());
    }
    String dedupKey = event.dedupKey() == null ? newDedupKey() : event.dedupKey();
    String tenant = TenantAttribution.pagerDuty(event.json(), incidents.knownTenant(event.routingKey(), dedupKey));
    Applied applied = incidents.apply(event, dedupKey, tenant);
    Incident incident = applied.incident();
    // Acknowledge and resolve carry no payload: show what their incident was opened with.
    boolean fromIncident = event.summary() == null && incident != null;
    long id = inbox.add(new PagerDutyCapture(now, tenant, PagerDutyCapture.routingKeyHint(event.routingKey()),
        event.action().wireName(), dedupKey,
        fromIncident ? incident.summary() : event.summary(),
        fromIncident ? incident.severity() : event.severity(),
        fromIncident ? incident.source() : event.source(), 202, List.of(), applied.effect(),
        incident == null ? 0 : incident.number(), incident == null ? null : incident.state(),
        hidingRoutingKey(event.json(), event.routingKey())));
    if (incident != null) {
      List<Long> earlier = incidents.addCapture(event.routingKey(), dedupKey, incident.number(), id);
      if (applied.changed()) {
        for (long earlierId : earlier) {
          Capture capture = inbox.get(earlierId);
          if (capture instanceof PagerDutyCapture previous && previous.incidentNumber() == incident.number()) {
            inbox.replace(earlierId, previous.withIncidentState(incident.state()));
          }
        }
      }
    }
    return PagerDutyAnswer.accepted(dedupKey);
  }

  /** PagerDuty's generated dedup keys are 32 hexadecimal digits. */
  private static String newDedupKey() {
    return UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
  }

  /** The event as compact JSON with {@code routing_key} replaced by its hint; empty when it is no object. */
  private static String hidingRoutingKey(JsonNode json, String routingKey) {
    if (!json.isObject()) {
      return "";
    }
    ObjectNode copy = ((ObjectNode) json).deepCopy();
    if (copy.has("routing_key")) {
      copy.put("routing_key", PagerDutyCapture.routingKeyHint(routingKey));
    }
    return copy.toString();
  }

  private static String valueOrNull(JsonNode node) {
    return node.isValueNode() && !node.isNull() ? node.asText() : null;
  }
}
