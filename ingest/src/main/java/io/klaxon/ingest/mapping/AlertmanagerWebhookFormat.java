package io.klaxon.ingest.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.klaxon.events.Severity;
import java.time.Instant;

/**
 * The payload of an Alertmanager webhook receiver ({@code webhook_configs}): a JSON object whose
 * {@code alerts} list holds alerts with {@code status}, {@code labels}, {@code annotations}, {@code
 * startsAt}, {@code endsAt}, {@code generatorURL} and {@code fingerprint}. The group fields around
 * them ({@code version}, {@code groupKey}, {@code receiver}, {@code commonLabels}, ...) are not
 * needed: every alert carries its own labels. Items are numbered by their place in {@code alerts}.
 * Each alert maps as {@link AlertmanagerAlertMapper} says, keeping Alertmanager's status and
 * fingerprint; an alert with neither a service nor a job label gets the source {@value
 * #DEFAULT_SOURCE}. Stateless and thread-safe.
 */
public final class AlertmanagerWebhookFormat implements PayloadFormat {
  /** The source of an alert with neither a service nor a job label. */
  public static final String DEFAULT_SOURCE = "alertmanager";

  private final AlertmanagerAlertMapper mapper;

  public AlertmanagerWebhookFormat(Severity defaultSeverity) {
    this.mapper = new AlertmanagerAlertMapper(defaultSeverity, DEFAULT_SOURCE, true);
  }

  @Override
  public String name() {
    return "alertmanager-webhook";
  }

  @Override
  public ParsedPayload read(JsonNode body, String tenantId, Instant now) {
    if (body == null || !body.isObject() || !body.path("alerts").isArray()) {
      return new ParsedPayload.Unreadable("expected an Alertmanager webhook payload: an object with an alerts list");
    }
    return mapper.mapAll(body.get("alerts"), tenantId, now);
  }
}
