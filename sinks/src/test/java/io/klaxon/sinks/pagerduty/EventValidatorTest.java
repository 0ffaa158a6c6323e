package io.klaxon.sinks.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.sinks.pagerduty.EventValidator.Invalid;
import io.klaxon.sinks.pagerduty.EventValidator.Valid;
import io.klaxon.sinks.pagerduty.EventValidator.Validation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventValidatorTest {
  static final String KEY = "R0UT1NGKEY0123456789abcdefABCDEF";

  private static Validation validate(String json) {
    return EventValidator.validate(json.getBytes(StandardCharsets.UTF_8));
  }

  private static Invalid invalid(String json) {
    Validation validation = validate(json);
    assertThat(validation).as(json).isInstanceOf(Invalid.class);
    return (Invalid) validation;
  }

  private static PagerDutyEvent valid(String json) {
    Validation validation = validate(json);
    assertThat(validation).as(json).isInstanceOf(Valid.class);
    return ((Valid) validation).event();
  }

  static String trigger(String key, String dedupKey, String summary, String severity) {
    return "{\"routing_key\":\"" + key + "\",\"event_action\":\"trigger\""
        + (dedupKey == null ? "" : ",\"dedup_key\":\"" + dedupKey + "\"")
        + ",\"payload\":{\"summary\":\"" + summary + "\",\"source\":\"db-1\",\"severity\":\"" + severity + "\","
        + "\"timestamp\":\"2026-11-22T10:00:00.000Z\",\"custom_details\":{\"tenant\":\"umbrella\"}},\"client\":\"Klaxon\"}";
  }

  @Test
  void acceptsWhatTheNotifierSends() {
    PagerDutyEvent trigger = valid(trigger(KEY, "fp-1", "Disk full", "critical"));
    assertThat(trigger.action()).isEqualTo(EventAction.TRIGGER);
    assertThat(trigger.dedupKey()).isEqualTo("fp-1");
    assertThat(trigger.summary()).isEqualTo("Disk full");
    assertThat(trigger.source()).isEqualTo("db-1");
    assertThat(trigger.severity()).isEqualTo("critical");

    PagerDutyEvent resolve = valid("{\"routing_key\":\"" + KEY + "\",\"event_action\":\"resolve\",\"dedup_key\":\"fp-1\"}");
    assertThat(resolve.action()).isEqualTo(EventAction.RESOLVE);
    assertThat(resolve.summary()).as("no payload needed").isNull();
    assertThat(valid("{\"routing_key\":\"" + KEY + "\",\"event_action\":\"acknowledge\",\"dedup_key\":\"fp-1\"}").action())
        .isEqualTo(EventAction.ACKNOWLEDGE);
    assertThat(valid(trigger(KEY, null, "no dedup key", "info")).dedupKey()).as("generated later").isNull();
  }

  @Test
  void routingKeyMustBeThirtyTwoCharacters() {
    assertThat(invalid(trigger(KEY.substring(1), "fp", "s", "info")).errors())
        .containsExactly("Length of 'routing_key' is incorrect (should be 32 characters)");
    assertThat(invalid(trigger(KEY + "x", "fp", "s", "info")).errors())
        .containsExactly("Length of 'routing_key' is incorrect (should be 32 characters)");
    assertThat(invalid("{\"event_action\":\"resolve\",\"dedup_key\":\"fp\"}").errors())
        .containsExactly("'routing_key' is missing or blank");
    assertThat(invalid("{\"routing_key\":12345678901234567890123456789012,\"event_action\":\"resolve\",\"dedup_key\":\"fp\"}")
        .errors()).containsExactly("'routing_key' must be a string");
  }

  @Test
  void eventActionMustBeOneOfThree() {
    assertThat(invalid("{\"routing_key\":\"" + KEY + "\",\"event_action\":\"Trigger\",\"dedup_key\":\"fp\"}").errors())
        .containsExactly("'event_action' is invalid (must be one of the following: 'trigger', 'acknowledge' or 'resolve')");
    assertThat(invalid("{\"routing_key\":\"" + KEY + "\",\"dedup_key\":\"fp\"}").errors())
        .containsExactly("'event_action' is missing or blank");
  }

  @Test
  void acknowledgeAndResolveNeedADedupKey() {
    assertThat(invalid("{\"routing_key\":\"" + KEY + "\",\"event_action\":\"acknowledge\"}").errors())
        .containsExactly("'dedup_key' is missing or blank (an event to acknowledge must name one)");
    assertThat(invalid("{\"routing_key\":\"" + KEY + "\",\"event_action\":\"resolve\",\"dedup_key\":\" \"}").errors())
        .containsExactly("'dedup_key' is missing or blank (an event to resolve must name one)");
    assertThat(invalid("{\"routing_key\":\"" + KEY + "\",\"event_action\":\"resolve\",\"dedup_key\":7}").errors())
        .containsExactly("'dedup_key' must be a string");
    assertThat(invalid(trigger(KEY, "d".repeat(256), "s", "info")).errors())
        .containsExactly("Length of 'dedup_key' is incorrect (should be at most 255 characters)");
    valid(trigger(KEY, "d".repeat(255), "s", "info"));
  }

  @Test
  void aTriggerNeedsSummarySourceAndAKnownSeverity() {
    assertThat(invalid("{\"routing_key\":\"" + KEY + "\",\"event_action\":\"trigger\"}").errors())
        .containsExactly("'payload' is missing or is not an object (a trigger needs one)");
    assertThat(invalid("{\"routing_key\":\"" + KEY + "\",\"event_action\":\"trigger\",\"payload\":{}}").errors())
        .containsExactly("'payload.summary' is missing or blank", "'payload.source' is missing or blank",
            "'payload.severity' is missing or blank");
    assertThat(invalid(trigger(KEY, "fp", "s", "high")).errors())
        .containsExactly("'payload.severity' is invalid (must be one of the following: 'critical', 'error', 'warning' or 'info')");
    assertThat(invalid(trigger(KEY, "fp", "x".repeat(1025), "info")).errors())
        .containsExactly("Length of 'payload.summary' is incorrect (should be at most 1024 characters)");
    valid(trigger(KEY, "fp", "x".repeat(1024), "info"));
    assertThat(invalid(trigger(KEY, "fp", "s", "info").replace("2026-11-22T10:00:00.000Z", "yesterday")).errors())
        .containsExactly("'payload.timestamp' is invalid (must be an ISO 8601 date and time)");
  }

  @Test
  void listsEveryProblemAtOnceAndNeverQuotesTheKey() {
    String shortKey = "abcdefghijklmnopqrstuvwxyz";
    Invalid invalid = invalid("{\"routing_key\":\"" + shortKey + "\",\"event_action\":\"trigger\",\"payload\":"
        + "{\"summary\":\"s\",\"source\":\"x\",\"severity\":\"fatal\"}}");
    assertThat(invalid.errors()).hasSize(2);
    assertThat(String.join(" ", invalid.errors())).doesNotContain(shortKey);
  }

  @Test
  void refusesWhatIsNoJsonObject() {
    assertThat(invalid("not json").errors()).containsExactly("Event object is not valid JSON");
    assertThat(invalid("[1,2]").errors()).containsExactly("Event object must be a JSON object");
    assertThat(invalid("").errors()).containsExactly("Event object must be a JSON object");
  }

  @Test
  void anEventNeverShowsItsRoutingKey() {
    assertThat(valid(trigger(KEY, "fp", "s", "info")).toString()).doesNotContain(KEY).contains("…CDEF");
  }
}
