package io.klaxon.streams;

import static io.klaxon.streams.Samples.MINUTE;
import static io.klaxon.streams.Samples.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.LabelMatcher;
import io.klaxon.events.MatchOp;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.NotificationType;
import io.klaxon.events.RoutingRule;
import io.klaxon.events.Severity;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.streams.route.NotificationRequests;
import io.klaxon.streams.route.RoutableAlert;
import io.klaxon.streams.route.SuppressionSummaryDue;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class RouteProcessorTest {
  private static final String EVENT_ID = "6f1c2a9e-8d1b-4c57-9f0e-2b7f3d4a5c6e";
  private static final TenantConfig TINY = Samples.tenant("tiny", Tier.TRIAL);

  private final MockProcessorContext<String, Object> context = new MockProcessorContext<>();
  private final TopologyFixture.CountingListener listener = new TopologyFixture.CountingListener();
  private final RouteProcessor processor = new RouteProcessor(listener, new OutcomeAudit(false, "alerts"));

  RouteProcessorTest() {
    processor.init(context);
  }

  private static RoutableAlert alert(TenantConfig tenant, Severity severity) {
    return new RoutableAlert(Samples.alert(EVENT_ID, tenant.getTenantId(), severity, "Disk full").build(), tenant, "fp-1",
        false, 0);
  }

  private List<NotificationRequest> sent() {
    return context.forwarded().stream().map(f -> (NotificationRequest) f.record().value()).toList();
  }

  @Test
  void anAlertBecomesOneRequestPerTargetKeyedByTenantAtItsRecordTime() {
    processor.process(new Record<>("tiny", alert(TINY, Severity.HIGH), T0 + 7));

    assertThat(sent()).extracting(r -> r.getTarget().getId()).containsExactly("oncall-slack", "ops-email", "siem");
    assertThat(sent()).extracting(NotificationRequest::getNotificationId).containsExactly(
        NotificationRequests.alertId("tiny", EVENT_ID, "oncall-slack", false),
        NotificationRequests.alertId("tiny", EVENT_ID, "ops-email", false),
        NotificationRequests.alertId("tiny", EVENT_ID, "siem", false));
    assertThat(context.forwarded()).allSatisfy(f -> {
      assertThat(f.record().key()).isEqualTo("tiny");
      assertThat(f.record().timestamp()).isEqualTo(T0 + 7);
      assertThat(f.childName()).contains(KlaxonTopology.SINK_NOTIFICATIONS);
    });
    assertThat(listener.count(Outcome.ROUTED)).isEqualTo(1);
    assertThat(listener.notificationsPerRoute).containsExactly(3);
  }

  @Test
  void anAlertNoRuleWantsIsStillRoutedToNoTarget() {
    processor.process(new Record<>("tiny", alert(TINY, Severity.INFO), T0));

    assertThat(sent()).isEmpty();
    assertThat(listener.count(Outcome.ROUTED)).isEqualTo(1);
    assertThat(listener.notificationsPerRoute).containsExactly(0);
  }

  @Test
  void aSummaryGoesWhereAnAlertOfItsMostSevereSeverityWouldGo() {
    SuppressionSummaryDue due = new SuppressionSummaryDue(TINY, Map.of(Severity.INFO, 7L, Severity.HIGH, 3L), T0, T0 + MINUTE);

    processor.process(new Record<>("tiny", due, T0 + MINUTE));

    assertThat(sent()).extracting(r -> r.getTarget().getId()).containsExactly("oncall-slack", "ops-email", "siem");
    assertThat(sent()).allSatisfy(r -> {
      assertThat(r.getType()).isEqualTo(NotificationType.SUPPRESSION_SUMMARY);
      assertThat(r.getSummary().getSuppressedCount()).isEqualTo(10);
      assertThat(r.getRouteName()).isEqualTo("default:trial");
    });
    assertThat(sent()).extracting(NotificationRequest::getNotificationId).doesNotHaveDuplicates()
        .contains(NotificationRequests.summaryId("tiny", T0, "siem"));
  }

  @Test
  void aSummaryOfSeveritiesTheTenantDoesNotRouteGoesNowhere() {
    SuppressionSummaryDue infoOnly = new SuppressionSummaryDue(TINY, Map.of(Severity.INFO, 7L), T0, T0 + MINUTE);

    processor.process(new Record<>("tiny", infoOnly, T0 + MINUTE));

    assertThat(sent()).as("TRIAL routes HIGH and up").isEmpty();
  }

  @Test
  void aSummaryHasNoLabelsSoOnlyRulesWithoutMatchersTakeIt() {
    TenantConfig tenant = TenantConfig.newBuilder(TINY).setRoutes(List.of(
        new RoutingRule("prod", Severity.INFO, List.of(), List.of(new LabelMatcher("env", MatchOp.EQ, "prod")),
            List.of("oncall-slack"), false, null),
        new RoutingRule("rest", Severity.INFO, List.of(), List.of(), List.of("ops-email"), false, null))).build();

    processor.process(new Record<>("tiny", new SuppressionSummaryDue(tenant, Map.of(Severity.HIGH, 1L), T0, T0 + MINUTE),
        T0 + MINUTE));

    assertThat(sent()).extracting(r -> r.getTarget().getId() + "@" + r.getRouteName()).containsExactly("ops-email@rest");
  }

  @Test
  void aSummaryIsNotAnInputSoItCountsNoOutcome() {
    processor.process(new Record<>("tiny", new SuppressionSummaryDue(TINY, Map.of(Severity.HIGH, 3L), T0, T0 + MINUTE),
        T0 + MINUTE));

    assertThat(listener.outcomes).isEmpty();
    assertThat(listener.notificationsPerRoute).isEmpty();
  }
}
