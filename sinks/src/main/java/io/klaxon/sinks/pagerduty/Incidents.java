package io.klaxon.sinks.pagerduty;

import io.klaxon.sinks.inbox.BoundedIndex;
import io.klaxon.sinks.inbox.IncidentState;
import io.klaxon.sinks.inbox.TenantAttribution;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The incidents the PagerDuty stand-in keeps, one per routing key and dedup key, as PagerDuty keeps
 * them for a service:
 *
 * <ul>
 *   <li>a trigger opens an incident (numbered from 1) when there is none or the last one is
 *       resolved, and otherwise adds to the open one, which keeps its state (an acknowledged
 *       incident stays acknowledged);
 *   <li>acknowledge marks an open incident acknowledged; resolve closes an open incident;
 *   <li>acknowledge or resolve without an open incident changes nothing (PagerDuty still answers 202).
 * </ul>
 *
 * Bounded: at most {@code capacity} incidents (the oldest opened are forgotten first), the tenant
 * last named for each of as many routing keys, and the inbox ids of the last {@value
 * #CAPTURES_PER_INCIDENT} events of each incident. Thread-safe.
 */
final class Incidents {
  /** Events of one incident whose inbox entries are kept current with its state. */
  static final int CAPTURES_PER_INCIDENT = 100;

  private final BoundedIndex<String, Incident> incidents;
  private final BoundedIndex<String, String> tenantsByRoutingKey;
  private long lastNumber;

  /**
   * An incident as it stands.
   *
   * @param number its number in this stand-in, from 1
   * @param tenant the tenant it was attributed to when it opened
   * @param summary the summary of the trigger that opened it
   * @param severity the severity of that trigger
   * @param source the source of that trigger
   * @param state triggered, acknowledged or resolved
   * @param events how many accepted events it has had
   * @param captureIds inbox ids of its last events, oldest first
   */
  record Incident(long number, String tenant, String summary, String severity, String source, IncidentState state,
      int events, List<Long> captureIds) {
    Incident {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(state, "state");
      captureIds = List.copyOf(captureIds);
    }

    private Incident with(IncidentState newState) {
      return new Incident(number, tenant, summary, severity, source, newState, events + 1, captureIds);
    }

    private Incident withCaptures(List<Long> ids) {
      return new Incident(number, tenant, summary, severity, source, state, events, ids);
    }
  }

  /**
   * What an event did.
   *
   * @param incident the event's incident afterwards, or null when it has none
   * @param effect what happened, for people ("acknowledged incident #3")
   * @param changed whether the incident's state changed (or a new incident opened)
   */
  record Applied(Incident incident, String effect, boolean changed) {}

  /** @param capacity the most incidents kept */
  Incidents(int capacity) {
    this.incidents = new BoundedIndex<>(capacity);
    this.tenantsByRoutingKey = new BoundedIndex<>(capacity);
  }

  /**
   * Applies an accepted event to its incident.
   *
   * @param dedupKey the event's dedup key, or the one generated for a trigger without one
   * @param tenant the event's tenant; remembered for the routing key unless {@link TenantAttribution#UNKNOWN}
   */
  synchronized Applied apply(PagerDutyEvent event, String dedupKey, String tenant) {
    String routingKey = event.routingKey();
    String key = key(routingKey, dedupKey);
    Incident current = incidents.get(key);
    if (!TenantAttribution.UNKNOWN.equals(tenant)) {
      tenantsByRoutingKey.put(routingKey, tenant);
    }
    return switch (event.action()) {
      case TRIGGER -> {
        if (current == null || !current.state().open()) {
          Incident opened = new Incident(++lastNumber, tenant, event.summary(), event.severity(), event.source(),
              IncidentState.TRIGGERED, 1, List.of());
          incidents.put(key, opened);
          yield new Applied(opened, "opened incident #" + opened.number(), true);
        }
        Incident kept = current.with(current.state());
        incidents.put(key, kept);
        yield new Applied(kept, "added to open incident #" + kept.number() + " (" + kept.state().id() + ")", false);
      }
      case ACKNOWLEDGE -> change(key, current, IncidentState.ACKNOWLEDGED, "acknowledged");
      case RESOLVE -> change(key, current, IncidentState.RESOLVED, "resolved");
    };
  }

  private Applied change(String key, Incident current, IncidentState to, String done) {
    if (current == null) {
      return new Applied(null, "no incident with this dedup_key: nothing changed", false);
    }
    if (!current.state().open()) {
      return new Applied(current, "incident #" + current.number() + " is resolved: nothing changed", false);
    }
    Incident changed = current.with(to);
    incidents.put(key, changed);
    if (current.state() == to) {
      return new Applied(changed, "incident #" + current.number() + " was already " + done + ": nothing changed", false);
    }
    return new Applied(changed, done + " incident #" + current.number(), true);
  }

  /**
   * Records that the inbox keeps an event of incident {@code number} under {@code captureId}; returns
   * the inbox ids of its earlier events (at most {@value #CAPTURES_PER_INCIDENT} in all are kept).
   */
  synchronized List<Long> addCapture(String routingKey, String dedupKey, long number, long captureId) {
    String key = key(routingKey, dedupKey);
    Incident incident = incidents.get(key);
    if (incident == null || incident.number() != number) {
      return List.of();
    }
    List<Long> ids = new ArrayList<>(incident.captureIds());
    List<Long> earlier = List.copyOf(ids);
    ids.add(captureId);
    if (ids.size() > CAPTURES_PER_INCIDENT) {
      ids.removeFirst();
    }
    incidents.put(key, incident.withCaptures(ids));
    return earlier;
  }

  /** The incident of a routing key and dedup key, if one is kept. */
  synchronized Optional<Incident> incident(String routingKey, String dedupKey) {
    return Optional.ofNullable(incidents.get(key(routingKey, dedupKey)));
  }

  /**
   * The tenant known for an event without looking at it: its incident's, else the last one named for
   * its routing key; null when neither is known.
   */
  synchronized String knownTenant(String routingKey, String dedupKey) {
    if (routingKey == null) {
      return null;
    }
    Incident incident = dedupKey == null ? null : incidents.get(key(routingKey, dedupKey));
    if (incident != null && !TenantAttribution.UNKNOWN.equals(incident.tenant())) {
      return incident.tenant();
    }
    return tenantsByRoutingKey.get(routingKey);
  }

  /** How many incidents are kept. */
  synchronized int size() {
    return incidents.size();
  }

  private static String key(String routingKey, String dedupKey) {
    return routingKey + "\n" + dedupKey;
  }
}
