package io.klaxon.streams;

import io.klaxon.events.AlertEvent;
import io.klaxon.streams.route.Notifications;
import io.klaxon.streams.route.RouteMatch;
import io.klaxon.streams.route.SeverityRouter;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns each alert that passed into one notification request per target its tenant's routing
 * chooses. An alert that matches no rule is still counted as routed (to no target): routing is the
 * tenant's choice.
 */
final class RouteProcessor implements Processor<String, InFlight, String, Object> {
  private final PipelineListener listener;
  private final SeverityRouter router = new SeverityRouter();
  private ProcessorContext<String, Object> context;

  RouteProcessor(PipelineListener listener) {
    this.listener = listener;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, InFlight> record) {
    InFlight alert = record.value();
    AlertEvent event = alert.event();
    List<RouteMatch> matches = router.route(alert.tenant(), event.getSeverity(), event.getKind(), event.getLabels());
    for (RouteMatch match : matches) {
      context.forward(new Record<>(record.key(), Notifications.alert(alert, match, record.timestamp()), record.timestamp()));
    }
    listener.outcome(Outcome.ROUTED, record.key(), alert.tenant().getTier(), event.getSeverity());
    listener.routed(alert.tenant().getTier(), event.getSeverity(), event.getOccurredAt().toEpochMilli(), matches.size());
  }
}
