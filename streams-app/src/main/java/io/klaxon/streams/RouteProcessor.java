package io.klaxon.streams;

import io.klaxon.contract.TargetKind;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertKind;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.OutcomeType;
import io.klaxon.streams.digest.DigestCandidate;
import io.klaxon.streams.digest.Digests;
import io.klaxon.streams.group.GroupCandidate;
import io.klaxon.streams.route.NotificationRequests;
import io.klaxon.streams.route.Routable;
import io.klaxon.streams.route.RoutableAlert;
import io.klaxon.streams.route.RouteMatch;
import io.klaxon.streams.route.SeverityRouter;
import io.klaxon.streams.route.SuppressionSummaryDue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The one place where the topology chooses targets ({@link SeverityRouter}): turns each alert that
 * passed and each suppression summary that is due into one notification request per target its
 * tenant's routing chooses. An alert that matches no rule is still counted as routed (to no
 * target): routing is the tenant's choice. A target chosen by a rule that groups gets the alert
 * through {@code group} ({@link GroupProcessor}): its audit names the group, whose notification
 * follows at the group's flush. A low-severity alert of a tenant with the digest feature goes to
 * each chosen target's digest ({@link DigestProcessor}) instead; its audit says {@code DIGEST}. A summary goes where an alert of its most severe
 * suppressed severity would go (an ALERT without labels, so label matchers do not hold for it); it
 * is not an input record, so it counts no outcome. The notifications of a tenant with notification
 * limits go through {@code channel-limit} ({@link ChannelLimitProcessor}); summaries never do.
 */
final class RouteProcessor implements Processor<String, Routable, String, Object> {
  private final PipelineListener listener;
  private final OutcomeAudit audit;
  private final SeverityRouter router = new SeverityRouter();
  private ProcessorContext<String, Object> context;

  RouteProcessor(PipelineListener listener, OutcomeAudit audit) {
    this.listener = listener;
    this.audit = audit;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, Routable> record) {
    switch (record.value()) {
      case RoutableAlert alert -> routeAlert(record.key(), alert, record.timestamp());
      case SuppressionSummaryDue summary -> routeSummary(record.key(), summary, record.timestamp());
    }
  }

  private void routeAlert(String tenantId, RoutableAlert alert, long timestamp) {
    AlertEvent event = alert.event();
    List<RouteMatch> matches = router.route(alert.tenant(), event.getSeverity(), event.getKind(), event.getLabels());
    List<String> notificationIds = new ArrayList<>(matches.size());
    List<String> groupKeys = new ArrayList<>();
    boolean digested = Digests.collects(Digests.policy(alert.tenant()), event.getSeverity());
    for (RouteMatch match : matches) {
      // A digest is no incident: what a route sends to PagerDuty goes one alert at a time.
      if (digested && !pagerDuty(match)) {
        context.forward(new Record<>(tenantId, new DigestCandidate(alert, match), timestamp), KlaxonTopology.PROC_DIGEST);
        continue;
      }
      if (match.group() != null) {
        GroupCandidate candidate = GroupCandidate.of(tenantId, alert, match);
        groupKeys.add(candidate.groupKey());
        context.forward(new Record<>(tenantId, candidate, timestamp), KlaxonTopology.PROC_GROUP);
        continue;
      }
      NotificationRequest request = NotificationRequests.alert(alert, match, timestamp);
      notificationIds.add(request.getNotificationId());
      context.forward(new Record<>(tenantId, request, timestamp), KlaxonTopology.notificationsVia(alert.tenant()));
    }
    listener.outcome(Outcome.ROUTED, tenantId, alert.tenant().getTier(), event.getSeverity());
    audit.write(context, OutcomeAudit.of(OutcomeType.ROUTED, tenantId, event.getEventId())
        .setDetail(alert.fingerprint())
        .setDecidedBy(OutcomeAudit.rules(matches.stream().map(RouteMatch::routeName).toList()))
        .setNotificationIds(notificationIds)
        .setGroupKeys(groupKeys)
        .setReason(digested ? "DIGEST" : alert.repeat() ? "REPEAT" : null), timestamp);
    listener.routed(alert.tenant().getTier(), event.getSeverity(), event.getOccurredAt().toEpochMilli(), matches.size());
  }

  private void routeSummary(String tenantId, SuppressionSummaryDue summary, long timestamp) {
    for (RouteMatch match : router.route(summary.tenant(), summary.mostSevere(), AlertKind.ALERT, Map.of())) {
      // A suppression summary is no incident either: PagerDuty would refuse it for good.
      if (pagerDuty(match)) {
        continue;
      }
      context.forward(new Record<>(tenantId, NotificationRequests.summary(summary, match), timestamp),
          KlaxonTopology.SINK_NOTIFICATIONS);
    }
  }

  private static boolean pagerDuty(RouteMatch match) {
    return TargetKind.of(match.target()) == TargetKind.PAGERDUTY;
  }
}
