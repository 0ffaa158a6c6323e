package io.klaxon.sinks.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PagerDutyCaptureTest {
  private static PagerDutyCapture capture(long number, IncidentState state) {
    return new PagerDutyCapture(Instant.EPOCH, "umbrella", "…CDEF", "trigger", "fp", "Disk full", "critical", "db-1",
        202, List.of(), "opened incident #1", number, state, "{\"routing_key\":\"…CDEF\",\"event_action\":\"trigger\"}");
  }

  @Test
  void aRoutingKeyShowsOnlyItsLastFourCharacters() {
    assertThat(PagerDutyCapture.routingKeyHint("R0UT1NGKEY0123456789abcdefABCDEF")).isEqualTo("…CDEF");
    assertThat(PagerDutyCapture.routingKeyHint("abcdefghijklmno")).as("too short to show any of it")
        .isEqualTo("(15 characters)");
    assertThat(PagerDutyCapture.routingKeyHint("")).isEqualTo("none");
    assertThat(PagerDutyCapture.routingKeyHint(null)).isEqualTo("none");
  }

  @Test
  void anIncidentHasANumberAndAStateOrNeither() {
    assertThatThrownBy(() -> capture(3, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> capture(0, IncidentState.TRIGGERED)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> capture(0, null).withIncidentState(IncidentState.RESOLVED))
        .isInstanceOf(IllegalStateException.class);
    PagerDutyCapture resolved = capture(3, IncidentState.TRIGGERED).withIncidentState(IncidentState.RESOLVED);
    assertThat(resolved.incidentState()).isEqualTo(IncidentState.RESOLVED);
    assertThat(resolved.incidentNumber()).isEqualTo(3);
    assertThat(resolved.action()).isEqualTo("trigger");
  }

  @Test
  void theInboxJsonCarriesTheEventAndItsIncident() {
    Inbox inbox = new Inbox();
    inbox.add(capture(3, IncidentState.ACKNOWLEDGED));

    JsonNode message = InboxJson.render(inbox, InboxQuery.of(null, "pagerduty")).path("messages").get(0);

    assertThat(message.path("channel").asText()).isEqualTo("pagerduty");
    assertThat(message.path("tenant").asText()).isEqualTo("umbrella");
    assertThat(message.path("destination").asText()).isEqualTo("routing key …CDEF");
    assertThat(message.path("action").asText()).isEqualTo("trigger");
    assertThat(message.path("dedupKey").asText()).isEqualTo("fp");
    assertThat(message.path("severity").asText()).isEqualTo("critical");
    assertThat(message.path("responseStatus").asInt()).isEqualTo(202);
    assertThat(message.path("incident").path("number").asLong()).isEqualTo(3);
    assertThat(message.path("incident").path("state").asText()).isEqualTo("acknowledged");
    assertThat(message.path("event").path("routing_key").asText()).isEqualTo("…CDEF");
    assertThat(InboxJson.render(inbox, InboxQuery.ALL).path("received").path("pagerduty").asInt()).isEqualTo(1);

    Inbox refused = new Inbox();
    refused.add(new PagerDutyCapture(Instant.EPOCH, "unknown", "none", "", "", "", "", "", 400,
        List.of("Event object is not valid JSON"), "refused: nothing changed", 0, null, ""));
    JsonNode refusedMessage = InboxJson.render(refused, InboxQuery.ALL).path("messages").get(0);
    assertThat(refusedMessage.path("incident").isNull()).isTrue();
    assertThat(refusedMessage.path("event").isNull()).isTrue();
    assertThat(refusedMessage.path("errors")).extracting(JsonNode::asText).containsExactly("Event object is not valid JSON");
  }
}
