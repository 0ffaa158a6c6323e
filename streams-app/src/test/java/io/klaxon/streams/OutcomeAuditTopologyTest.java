package io.klaxon.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.OutcomeType;
import io.klaxon.events.Severity;
import io.klaxon.events.Tier;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outcome audit: one {@link io.klaxon.events.Outcome} per input, from the node that decided it. */
class OutcomeAuditTopologyTest {
  private static final long T0 = TopologyFixture.T0;

  private TopologyFixture fx;

  @AfterEach
  void stop() {
    fx.close();
  }

  private void start(TopologyConfig config) {
    fx = new TopologyFixture(config);
    fx.putTenant(TopologyFixture.tenant("acme", Tier.ENTERPRISE));
    fx.putTenant(TopologyFixture.tenant("tiny", Tier.TRIAL));
  }

  @Test
  void aRoutedAlertNamesItsRuleAndEveryNotificationWritten() {
    start(TopologyFixture.CONFIG);
    AlertEvent event = fx.alert("acme", Severity.HIGH, "Error rate above 5%").build();
    fx.send(AlertEvent.newBuilder(event), T0);

    List<NotificationRequest> sent = fx.drainNotifications();
    List<TestRecord<String, io.klaxon.events.Outcome>> audit = fx.audit.readRecordsToList();
    assertThat(audit).hasSize(1);
    io.klaxon.events.Outcome outcome = audit.get(0).value();
    assertThat(audit.get(0).key()).isEqualTo("acme");
    assertThat(audit.get(0).timestamp()).isEqualTo(T0);
    assertThat(outcome.getOutcome()).isEqualTo(OutcomeType.ROUTED);
    assertThat(outcome.getTenantId()).isEqualTo("acme");
    assertThat(outcome.getEventId()).isEqualTo(event.getEventId());
    assertThat(outcome.getDecidedBy()).isEqualTo("default:enterprise");
    assertThat(outcome.getReason()).isNull();
    assertThat(outcome.getNotificationIds()).hasSize(3)
        .containsExactlyElementsOf(sent.stream().map(NotificationRequest::getNotificationId).toList());
    assertThat(outcome.getSourceTopic()).isEqualTo("klaxon.alerts.v1");
    assertThat(outcome.getSourceOffset()).isZero();
    assertThat(outcome.getRecordTimestamp().toEpochMilli()).isEqualTo(T0);
  }

  @Test
  void everyInputGetsExactlyOneOutcomeFromTheNodeThatDecidedIt() {
    start(TopologyFixture.CONFIG);
    AlertEvent first = fx.alert("acme", Severity.HIGH, "Disk full").build();
    fx.send(AlertEvent.newBuilder(first), T0);                                  // 0 routed
    fx.send(AlertEvent.newBuilder(first).setEventId("11111111-2222-3333-4444-555555555555"), T0 + 1); // 1 duplicate
    fx.sendRaw("acme", "{\"json\":true}".getBytes(StandardCharsets.UTF_8), T0 + 2);              // 2 bad magic byte
    fx.send(fx.alert("nobody-here", Severity.HIGH, "x"), T0 + 3);                                 // 3 unknown tenant
    for (int i = 0; i < 25; i++) {                                                                // 4..28: TRIAL, burst 20
      fx.send(fx.alert("tiny", Severity.INFO, "noise " + i), T0 + 4);
    }

    Map<Long, io.klaxon.events.Outcome> byOffset = fx.audit.readValuesToList().stream()
        .collect(Collectors.toMap(io.klaxon.events.Outcome::getSourceOffset, Function.identity(), (a, b) -> {
          throw new AssertionError("two outcomes for offset " + a.getSourceOffset() + ": " + a + " and " + b);
        }));
    assertThat(byOffset).hasSize(29);
    assertThat(byOffset.get(0L).getOutcome()).isEqualTo(OutcomeType.ROUTED);
    assertThat(byOffset.get(1L).getOutcome()).isEqualTo(OutcomeType.DEDUPLICATED);
    assertThat(byOffset.get(1L).getDetail()).isEqualTo(byOffset.get(0L).getDetail()).hasSize(64);
    assertThat(byOffset.get(2L).getOutcome()).isEqualTo(OutcomeType.DEAD_LETTERED);
    assertThat(byOffset.get(2L).getReason()).isEqualTo("UNDECODABLE");
    assertThat(byOffset.get(2L).getEventId()).isNull();
    assertThat(byOffset.get(3L).getOutcome()).isEqualTo(OutcomeType.DEAD_LETTERED);
    assertThat(byOffset.get(3L).getReason()).isEqualTo("UNKNOWN_TENANT");
    assertThat(byOffset.get(3L).getTenantId()).isEqualTo("nobody-here");

    Map<OutcomeType, Long> counts = byOffset.values().stream()
        .collect(Collectors.groupingBy(io.klaxon.events.Outcome::getOutcome, Collectors.counting()));
    // The audit agrees with the metrics' listener, called at the same points.
    for (Outcome outcome : List.of(Outcome.ROUTED, Outcome.DEDUPLICATED, Outcome.RATE_LIMITED, Outcome.DEAD_LETTERED)) {
      assertThat(counts.getOrDefault(OutcomeType.valueOf(outcome.name()), 0L)).as(outcome.tag())
          .isEqualTo(fx.outcomes.count(outcome));
    }
    assertThat(counts.get(OutcomeType.RATE_LIMITED)).isEqualTo(5);
    assertThat(counts.get(OutcomeType.ROUTED)).isEqualTo(1 + 20);
  }

  @Test
  void anEventUnderAnotherKeyIsAuditedAsRekeyed() {
    start(TopologyFixture.CONFIG);
    AlertEvent event = fx.alert("acme", Severity.HIGH, "Disk full").build();
    fx.sendRaw("not-acme", fx.bytes(event), T0);

    io.klaxon.events.Outcome outcome = fx.audit.readValuesToList().get(0);
    assertThat(outcome.getOutcome()).isEqualTo(OutcomeType.REKEYED);
    assertThat(outcome.getSourceOffset()).isZero();
    assertThat(outcome.getDetail()).isEqualTo("key was 'not-acme'");
  }

  @Test
  void switchedOffTheTopologyHasNoOutcomesSinkAndWritesNoAudit() {
    start(TopologyFixture.CONFIG.withAuditOutcomes(false));
    fx.send(fx.alert("acme", Severity.HIGH, "Disk full"), T0);
    fx.sendRaw("acme", new byte[] {1, 2}, T0);

    assertThat(fx.drainNotifications()).hasSize(3);
    assertThat(fx.drainDeadLetters()).hasSize(1);
    assertThat(fx.audit.isEmpty()).isTrue();
    assertThat(KlaxonTopology.build(TopologyFixture.CONFIG.withAuditOutcomes(false), fx.topics, PipelineListener.NONE)
        .describe().toString()).doesNotContain(KlaxonTopology.SINK_OUTCOMES);
    assertThat(KlaxonTopology.build(TopologyFixture.CONFIG, fx.topics, PipelineListener.NONE)
        .describe().toString()).contains(KlaxonTopology.SINK_OUTCOMES);
  }
}
