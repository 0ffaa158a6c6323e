package io.klaxon.ingest.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One way alerts are written in a request body: how the body's items become AlertEvents. Implementations are stateless and thread-safe. */
public interface PayloadFormat {
  /** The format's name in metrics and logs ({@code alertmanager-api}). */
  String name();

  /**
   * Reads a body.
   *
   * @param body the parsed JSON body
   * @param tenantId the tenant the request is authenticated as: every event is this tenant's
   * @param now the time of the request
   */
  ParsedPayload read(JsonNode body, String tenantId, Instant now);
}
