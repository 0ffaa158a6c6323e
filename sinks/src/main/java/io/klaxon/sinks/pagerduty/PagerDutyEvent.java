package io.klaxon.sinks.pagerduty;

import com.fasterxml.jackson.databind.JsonNode;
import io.klaxon.sinks.inbox.PagerDutyCapture;
import java.util.Objects;

/**
 * An event that passed {@link EventValidator}. {@link #toString()} never shows the routing key.
 *
 * @param routingKey the integration key, 32 characters
 * @param action what the event asks for
 * @param dedupKey the incident's key; null only for a trigger that named none
 * @param summary {@code payload.summary} of a trigger, else null
 * @param severity {@code payload.severity} of a trigger, else null
 * @param source {@code payload.source} of a trigger, else null
 * @param json the event as received
 */
record PagerDutyEvent(String routingKey, EventAction action, String dedupKey, String summary, String severity,
    String source, JsonNode json) {
  PagerDutyEvent {
    Objects.requireNonNull(routingKey, "routingKey");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(json, "json");
    if (dedupKey == null && action != EventAction.TRIGGER) {
      throw new IllegalArgumentException("only a trigger may come without a dedup key");
    }
  }

  @Override
  public String toString() {
    return "PagerDutyEvent[routingKey=" + PagerDutyCapture.routingKeyHint(routingKey) + ", action=" + action
        + ", dedupKey=" + dedupKey + "]";
  }
}
