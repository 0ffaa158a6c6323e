package io.klaxon.ingest.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.klaxon.contract.FieldProblem;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadFormatsTest {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ParsedPayload read(PayloadFormat format, String body) throws Exception {
    return format.read(JSON.readTree(body), "acme", NOW);
  }

  private static List<IngestItem> items(PayloadFormat format, String body) throws Exception {
    return ((ParsedPayload.Items) read(format, body)).items();
  }

  @Test
  void theAlertmanagerApiTakesAnArrayAndNumbersItsItems() throws Exception {
    PayloadFormat format = new AlertmanagerApiFormat(Severity.WARNING);

    List<IngestItem> items = items(format, "[{\"labels\": {\"alertname\": \"A\"}}, {\"labels\": {}}, {\"labels\": {\"alertname\": \"B\"}}]");

    assertThat(items).extracting(IngestItem::index, IngestItem::isValid).containsExactly(
        org.assertj.core.groups.Tuple.tuple(0, true), org.assertj.core.groups.Tuple.tuple(1, false),
        org.assertj.core.groups.Tuple.tuple(2, true));
    assertThat(read(format, "{\"labels\": {\"alertname\": \"A\"}}")).isInstanceOf(ParsedPayload.Unreadable.class);
  }

  @Test
  void theWebhookTakesThePayloadsAlerts() throws Exception {
    PayloadFormat format = new AlertmanagerWebhookFormat(Severity.WARNING);

    List<IngestItem> items = items(format, """
        {"version": "4", "status": "resolved", "receiver": "klaxon", "groupLabels": {}, "commonLabels": {},
         "alerts": [{"status": "resolved", "labels": {"alertname": "A"}, "endsAt": "2026-12-01T11:00:00Z",
                     "fingerprint": "0123456789abcdef"}]}
        """);

    assertThat(items).singleElement().satisfies(item -> {
      assertThat(item.event().getStatus()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(item.event().getFingerprint()).isEqualTo("0123456789abcdef");
    });
    assertThat(read(format, "[]")).isInstanceOf(ParsedPayload.Unreadable.class);
    assertThat(read(format, "{\"alerts\": 3}")).isInstanceOf(ParsedPayload.Unreadable.class);
  }

  @Test
  void nativeEventsComeAloneOrAsAnArrayForTheAuthenticatedTenantOnly() throws Exception {
    PayloadFormat format = new AlertEventFormat();
    String event = "{\"severity\": \"HIGH\", \"source\": \"checkout\", \"title\": \"Payments down\"}";

    IngestItem single = items(format, event).getFirst();
    List<IngestItem> many = items(format, "[" + event + ", {\"tenantId\": \"globex\", \"severity\": \"HIGH\", "
        + "\"source\": \"s\", \"title\": \"t\"}, {\"severity\": \"HIGH\", \"source\": \"s\", \"title\": \"t\", "
        + "\"labels\": {\"bad name\": \"v\"}}]");

    assertThat(single.event().getTenantId()).isEqualTo("acme");
    assertThat(single.event().getOccurredAt()).isEqualTo(NOW);
    assertThat(many.get(0).event().getEventId()).isEqualTo(single.event().getEventId());
    assertThat(many.get(1).problems()).extracting(FieldProblem::field).containsExactly("tenantId");
    assertThat(many.get(2).problems()).extracting(FieldProblem::field).containsExactly("labels.bad name");
    assertThat(read(format, "\"text\"")).isInstanceOf(ParsedPayload.Unreadable.class);
  }

  @Test
  void aNativeEventsOwnIdIsKeptAndAnotherItemGetsAnotherId() throws Exception {
    PayloadFormat format = new AlertEventFormat();

    List<IngestItem> items = items(format, """
        [{"eventId": "0b7a4c1e-3d2f-4a5b-8c6d-7e8f9a0b1c2d", "severity": "INFO", "source": "s", "title": "t"},
         {"severity": "INFO", "source": "s", "title": "t"}, {"severity": "INFO", "source": "s", "title": "u"}]
        """);

    assertThat(items.get(0).event().getEventId()).isEqualTo("0b7a4c1e-3d2f-4a5b-8c6d-7e8f9a0b1c2d");
    assertThat(items.get(1).event().getEventId()).isNotEqualTo(items.get(2).event().getEventId());
  }
}
