package io.klaxon.ingest.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.klaxon.events.Severity;
import java.time.Instant;

/**
 * The body of Alertmanager's {@code POST /api/v2/alerts}: a JSON array of postable alerts ({@code
 * labels}, {@code annotations}, {@code startsAt}, {@code endsAt}, {@code generatorURL}), as
 * Prometheus and Alertmanager API clients send it. Each alert maps as {@link AlertmanagerAlertMapper}
 * says; an alert with neither a service nor a job label gets the source {@value #DEFAULT_SOURCE}.
 * Stateless and thread-safe.
 */
public final class AlertmanagerApiFormat implements PayloadFormat {
  /** The source of an alert with neither a service nor a job label. */
  public static final String DEFAULT_SOURCE = "alertmanager-api";

  private final AlertmanagerAlertMapper mapper;

  public AlertmanagerApiFormat(Severity defaultSeverity) {
    this.mapper = new AlertmanagerAlertMapper(defaultSeverity, DEFAULT_SOURCE, false);
  }

  @Override
  public String name() {
    return "alertmanager-api";
  }

  @Override
  public ParsedPayload read(JsonNode body, String tenantId, Instant now) {
    if (body == null || !body.isArray()) {
      return new ParsedPayload.Unreadable("expected a JSON array of alerts");
    }
    return mapper.mapAll(body, tenantId, now);
  }
}
