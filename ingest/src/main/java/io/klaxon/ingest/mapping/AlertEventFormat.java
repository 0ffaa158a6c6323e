package io.klaxon.ingest.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.klaxon.contract.AlertEventJson;
import io.klaxon.contract.AlertEventLimits;
import io.klaxon.contract.FieldProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Klaxon's own JSON: one {@code AlertEvent} object, or a JSON array of them, with the AlertEvent
 * field names ({@link AlertEventJson}, the mapping {@code klaxon send --json} reads). {@code
 * tenantId} may be left out; when given it must be the authenticated tenant. A missing {@code
 * occurredAt} is the time of the request; a missing {@code eventId} is {@link EventIds#nameBased}
 * of the tenant and the item's JSON as sent, so the same item sent again gets the same id. Every
 * item must also keep the limits of {@link AlertEventLimits}. Stateless and thread-safe.
 */
public final class AlertEventFormat implements PayloadFormat {
  @Override
  public String name() {
    return "events";
  }

  @Override
  public ParsedPayload read(JsonNode body, String tenantId, Instant now) {
    if (body == null || !(body.isObject() || body.isArray())) {
      return new ParsedPayload.Unreadable("expected an AlertEvent object or a JSON array of them");
    }
    List<IngestItem> items = new ArrayList<>();
    if (body.isObject()) {
      items.add(item(0, body, tenantId, now));
    } else {
      for (int i = 0; i < body.size(); i++) {
        items.add(item(i, body.get(i), tenantId, now));
      }
    }
    return new ParsedPayload.Items(items);
  }

  private static IngestItem item(int index, JsonNode json, String tenantId, Instant now) {
    AlertEventJson.Defaults defaults = new AlertEventJson.Defaults(tenantId,
        EventIds.nameBased("event", tenantId, json.toString()), now);
    return switch (AlertEventJson.read(json, defaults)) {
      case AlertEventJson.Invalid invalid -> IngestItem.invalid(index, invalid.problems());
      case AlertEventJson.Valid valid -> {
        List<FieldProblem> limits = new ArrayList<>(AlertEventLimits.check(valid.event()));
        yield limits.isEmpty() ? IngestItem.valid(index, valid.event()) : IngestItem.invalid(index, limits);
      }
    };
  }
}
