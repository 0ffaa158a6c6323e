package io.klaxon.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klaxon.contract.AlertEventLimits;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.Severity;
import java.io.IOException;
import java.time.Instant;

/**
 * Any request body, in each of the ingest service's formats, reads as a list of items (each an
 * event or its field problems) or as unreadable as a whole: never an exception. Every event is the
 * authenticated tenant's whatever the body says, keeps the limits of {@link AlertEventLimits} and
 * encodes as Avro; every invalid item names at least one field.
 */
class PayloadFormatsFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TENANT = "acme";
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  @FuzzTest
  void anyAlertmanagerApiBodyIsItemsOrUnreadable(byte[] body) throws IOException {
    readAndCheck(new AlertmanagerApiFormat(Severity.WARNING), body);
  }

  @FuzzTest
  void anyAlertmanagerWebhookBodyIsItemsOrUnreadable(byte[] body) throws IOException {
    readAndCheck(new AlertmanagerWebhookFormat(Severity.WARNING), body);
  }

  @FuzzTest
  void anyAlertEventJsonBodyIsItemsOrUnreadable(byte[] body) throws IOException {
    readAndCheck(new AlertEventFormat(), body);
  }

  private static void readAndCheck(PayloadFormat format, byte[] body) throws IOException {
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException notJson) {
      return; // the service answers 400 before any format sees the body
    }
    ParsedPayload parsed = format.read(json, TENANT, NOW);
    if (parsed instanceof ParsedPayload.Items items) {
      for (IngestItem item : items.items()) {
        if (item.isValid()) {
          AlertEvent event = item.event();
          assertThat(event.getTenantId()).isEqualTo(TENANT);
          assertThat(AlertEventLimits.check(event)).isEmpty();
          assertThat(AlertEvent.getEncoder().encode(event).remaining()).isPositive();
        } else {
          assertThat(item.problems()).isNotEmpty()
              .allSatisfy(problem -> assertThat(problem.message()).isNotBlank());
        }
      }
    } else {
      assertThat(((ParsedPayload.Unreadable) parsed).message()).isNotBlank();
    }
  }
}
