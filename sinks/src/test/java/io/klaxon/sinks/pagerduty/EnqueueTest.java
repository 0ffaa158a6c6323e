package io.klaxon.sinks.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.klaxon.sinks.inbox.Inbox;
import io.klaxon.sinks.inbox.IncidentState;
import io.klaxon.sinks.inbox.PagerDutyCapture;
import io.klaxon.sinks.inbox.TenantAttribution;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** One event at a time through validation, the limit and the incidents, into the inbox. */
class EnqueueTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String KEY = EventValidatorTest.KEY;

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-22T10:00:00Z"));
  private final InstantSource clock = now::get;
  private final Inbox inbox = new Inbox();

  private Enqueue enqueue(PagerDutySettings settings) {
    return new Enqueue(inbox, new Incidents(inbox.capacity()), new RoutingKeyLimits(settings, clock), clock);
  }

  private static PagerDutyAnswer send(Enqueue enqueue, String json) {
    return enqueue.receive(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String action(String action, String dedupKey) {
    return "{\"routing_key\":\"" + KEY + "\",\"event_action\":\"" + action + "\",\"dedup_key\":\"" + dedupKey + "\"}";
  }

  private static JsonNode body(PagerDutyAnswer answer) throws Exception {
    return MAPPER.readTree(answer.body());
  }

  @Test
  void keepsEveryEventOfAnIncidentShowingItsStateNow() throws Exception {
    Enqueue enqueue = enqueue(PagerDutySettings.defaults());

    PagerDutyAnswer triggered = send(enqueue, EventValidatorTest.trigger(KEY, "fp-1", "Disk full", "critical"));
    assertThat(triggered.status()).isEqualTo(202);
    assertThat(body(triggered).path("dedup_key").asText()).isEqualTo("fp-1");
    assertThat(send(enqueue, action("acknowledge", "fp-1")).status()).isEqualTo(202);

    List<PagerDutyCapture> events = inbox.captures(PagerDutyCapture.class);
    assertThat(events).extracting(PagerDutyCapture::action).containsExactly("acknowledge", "trigger");
    assertThat(events).allSatisfy(event -> {
      assertThat(event.incidentState()).as("the trigger's entry shows the incident acknowledged too")
          .isEqualTo(IncidentState.ACKNOWLEDGED);
      assertThat(event.incidentNumber()).isEqualTo(1);
      assertThat(event.tenant()).as("a resolve or acknowledge names no tenant; its incident does").isEqualTo("umbrella");
      assertThat(event.summary()).isEqualTo("Disk full");
      assertThat(event.severity()).isEqualTo("critical");
      assertThat(event.source()).isEqualTo("db-1");
    });
    assertThat(events.getFirst().effect()).isEqualTo("acknowledged incident #1");
    assertThat(events.getLast().effect()).isEqualTo("opened incident #1");

    send(enqueue, action("resolve", "fp-1"));
    assertThat(inbox.captures(PagerDutyCapture.class)).extracting(PagerDutyCapture::incidentState)
        .containsOnly(IncidentState.RESOLVED);

    send(enqueue, EventValidatorTest.trigger(KEY, "fp-1", "Disk full again", "critical"));
    List<PagerDutyCapture> afterReopen = inbox.captures(PagerDutyCapture.class);
    assertThat(afterReopen.getFirst().incidentNumber()).as("a new incident").isEqualTo(2);
    assertThat(afterReopen.getFirst().incidentState()).isEqualTo(IncidentState.TRIGGERED);
    assertThat(afterReopen.subList(1, afterReopen.size())).extracting(PagerDutyCapture::incidentState)
        .as("the first incident's events stay resolved").containsOnly(IncidentState.RESOLVED);
  }

  @Test
  void neverKeepsTheRoutingKey() {
    Enqueue enqueue = enqueue(PagerDutySettings.defaults());
    send(enqueue, EventValidatorTest.trigger(KEY, "fp-1", "Disk full", "critical"));
    send(enqueue, "{\"routing_key\":\"" + KEY + "\",\"event_action\":\"pause\"}");

    assertThat(inbox.captures(PagerDutyCapture.class)).hasSize(2).allSatisfy(event -> {
      assertThat(event.toString()).doesNotContain(KEY);
      assertThat(event.routingKeyHint()).isEqualTo("…CDEF");
      assertThat(event.event()).contains("\"routing_key\":\"…CDEF\"");
    });
  }

  @Test
  void generatesADedupKeyForATriggerWithout() throws Exception {
    Enqueue enqueue = enqueue(PagerDutySettings.defaults());

    PagerDutyAnswer answer = send(enqueue, EventValidatorTest.trigger(KEY, null, "no key", "info"));

    String generated = body(answer).path("dedup_key").asText();
    assertThat(generated).matches("[0-9a-f]{32}");
    assertThat(inbox.captures(PagerDutyCapture.class).getFirst().dedupKey()).isEqualTo(generated);
    assertThat(send(enqueue, action("resolve", generated)).status()).isEqualTo(202);
    assertThat(inbox.captures(PagerDutyCapture.class).getFirst().incidentState()).isEqualTo(IncidentState.RESOLVED);
  }

  @Test
  void refusedEventsAreKeptWithTheirErrorsAndNoIncident() throws Exception {
    Enqueue enqueue = enqueue(PagerDutySettings.defaults());

    PagerDutyAnswer answer = send(enqueue, EventValidatorTest.trigger("short", "fp-1", "Disk full", "fatal"));

    assertThat(answer.status()).isEqualTo(400);
    JsonNode body = body(answer);
    assertThat(body.path("status").asText()).isEqualTo("invalid event");
    assertThat(body.path("message").asText()).isEqualTo("Event object is invalid");
    assertThat(body.path("errors")).hasSize(2);
    PagerDutyCapture refused = inbox.captures(PagerDutyCapture.class).getFirst();
    assertThat(refused.responseStatus()).isEqualTo(400);
    assertThat(refused.hasIncident()).isFalse();
    assertThat(refused.errors()).contains("Length of 'routing_key' is incorrect (should be 32 characters)");
    assertThat(refused.routingKeyHint()).as("a short key shows only its length").isEqualTo("(5 characters)");
    assertThat(refused.event()).doesNotContain("short");
    assertThat(refused.tenant()).isEqualTo("umbrella");
  }

  @Test
  void aTenantNamedNowhereIsUnknown() {
    Enqueue enqueue = enqueue(PagerDutySettings.defaults());
    send(enqueue, action("resolve", "never-triggered"));
    assertThat(inbox.captures(PagerDutyCapture.class).getFirst().tenant()).isEqualTo(TenantAttribution.UNKNOWN);
    assertThat(inbox.captures(PagerDutyCapture.class).getFirst().effect())
        .isEqualTo("no incident with this dedup_key: nothing changed");
  }

  @Test
  void overTheLimitOfARoutingKeyAnswers429WithRetryAfterAndKeepsNothing() {
    Enqueue enqueue = enqueue(PagerDutySettings.defaults().withRateLimit(60, 2));

    assertThat(send(enqueue, EventValidatorTest.trigger(KEY, "a", "s", "info")).status()).isEqualTo(202);
    assertThat(send(enqueue, EventValidatorTest.trigger(KEY, "b", "s", "info")).status()).isEqualTo(202);
    PagerDutyAnswer throttled = send(enqueue, EventValidatorTest.trigger(KEY, "c", "s", "info"));
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.retryAfterSeconds()).hasValue(1);
    assertThat(inbox.captures(PagerDutyCapture.class)).hasSize(2);
    String otherKey = "0THERKEY0123456789abcdefABCDEF99";
    assertThat(send(enqueue, EventValidatorTest.trigger(otherKey, "c", "s", "info")).status())
        .as("another routing key has its own limit").isEqualTo(202);

    now.set(now.get().plusSeconds(1));
    assertThat(send(enqueue, EventValidatorTest.trigger(KEY, "c", "s", "info")).status()).isEqualTo(202);
  }

  @Test
  void withoutTheLimitNothingIsThrottled() {
    Enqueue enqueue = enqueue(PagerDutySettings.defaults());
    for (int i = 0; i < PagerDutySettings.DEFAULT_BURST + 10; i++) {
      assertThat(send(enqueue, EventValidatorTest.trigger(KEY, "fp", "s", "info")).status()).isEqualTo(202);
    }
  }
}
