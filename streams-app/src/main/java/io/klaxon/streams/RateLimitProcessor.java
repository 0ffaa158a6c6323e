package io.klaxon.streams;

import io.klaxon.events.Severity;
import io.klaxon.events.TenantConfig;
import io.klaxon.streams.ratelimit.BucketState;
import io.klaxon.streams.ratelimit.Limits;
import io.klaxon.streams.ratelimit.TokenBuckets;
import io.klaxon.streams.route.Notifications;
import io.klaxon.streams.route.RouteMatch;
import io.klaxon.streams.route.SeverityRouter;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Enforces each tenant's token buckets ({@link TokenBuckets}, by record time). Suppressed events
 * are counted in the tenant's state; every summary interval of stream time, each tenant that had
 * suppressions gets one SUPPRESSION_SUMMARY notification, sent to the targets its routing would
 * choose for the most severe suppressed alert, and its counts start again.
 */
final class RateLimitProcessor implements Processor<String, InFlight, String, Object> {
  private final TopologyConfig config;
  private final PipelineListener listener;
  private final SeverityRouter router = new SeverityRouter();
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, BucketState> buckets;
  private KeyValueStore<String, TenantConfig> tenants;

  RateLimitProcessor(TopologyConfig config, PipelineListener listener) {
    this.config = config;
    this.listener = listener;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.buckets = context.getStateStore(KlaxonTopology.STORE_RATE_LIMIT);
    this.tenants = context.getStateStore(KlaxonTopology.STORE_TENANTS);
    context.schedule(config.summaryInterval(), PunctuationType.STREAM_TIME, this::summarize);
  }

  @Override
  public void process(Record<String, InFlight> record) {
    InFlight alert = record.value();
    Limits limits = Limits.of(alert.tenant());
    BucketState state = buckets.get(record.key());
    if (state == null) {
      state = BucketState.full(limits, record.timestamp());
    }
    TokenBuckets.Decision decision = TokenBuckets.take(state, limits, alert.event().getSeverity(), record.timestamp());
    buckets.put(record.key(), decision.state());
    if (decision.allowed()) {
      context.forward(record, KlaxonTopology.PROC_DEDUP);
    } else {
      listener.outcome(Outcome.RATE_LIMITED, record.key(), alert.tenant().getTier(), alert.event().getSeverity());
    }
  }

  private void summarize(long streamTime) {
    List<KeyValue<String, BucketState>> due = new ArrayList<>();
    try (KeyValueIterator<String, BucketState> all = buckets.all()) {
      all.forEachRemaining(entry -> {
        if (entry.value.suppressedTotal() > 0) {
          due.add(entry);
        }
      });
    }
    for (KeyValue<String, BucketState> entry : due) {
      BucketState state = entry.value;
      TenantConfig tenant = tenants.get(entry.key);
      if (tenant != null) {
        Severity worst = worstSuppressed(state.suppressed());
        for (RouteMatch match : router.route(tenant, worst, io.klaxon.events.AlertKind.ALERT, java.util.Map.of())) {
          context.forward(new Record<>(entry.key, Notifications.summary(tenant, state.suppressed(), state.windowStart(),
              streamTime, match), streamTime), KlaxonTopology.SINK_NOTIFICATIONS);
        }
      }
      buckets.put(entry.key, new BucketState(state.tokens(), state.criticalTokens(), state.lastRefill(), streamTime,
          new long[Severity.values().length]));
    }
  }

  private static Severity worstSuppressed(long[] suppressed) {
    for (Severity severity : Severity.values()) {
      if (suppressed[severity.ordinal()] > 0) {
        return severity;
      }
    }
    return Severity.INFO;
  }
}
