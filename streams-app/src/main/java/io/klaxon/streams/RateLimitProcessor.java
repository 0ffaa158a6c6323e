package io.klaxon.streams;

import io.klaxon.events.OutcomeType;
import io.klaxon.events.TenantConfig;
import io.klaxon.streams.ratelimit.BucketState;
import io.klaxon.streams.ratelimit.Limits;
import io.klaxon.streams.ratelimit.TokenBuckets;
import io.klaxon.streams.route.SuppressionSummaryDue;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Enforces each tenant's token buckets ({@link TokenBuckets}, by record time): an alert with a
 * token goes on to {@link KlaxonTopology#PROC_DEDUP}; one without is counted as rate-limited and in
 * the tenant's state. Every summary interval of stream time (bounded by the wall clock: {@link
 * BoundedStreamTime}, so a record timestamped ahead neither stalls nor misdates other tenants'
 * summaries), each known tenant that had suppressions gets one {@link SuppressionSummaryDue}, sent
 * to {@link KlaxonTopology#PROC_ROUTE}, which routes it like an alert; then its counts start again. Owns the rate-limit store (keyed by
 * tenant id); reads the tenants store.
 */
final class RateLimitProcessor implements Processor<String, ValidAlert, String, Object> {
  private final TopologyConfig config;
  private final PipelineListener listener;
  private final OutcomeAudit audit;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, BucketState> buckets;
  private KeyValueStore<String, TenantConfig> tenants;

  RateLimitProcessor(TopologyConfig config, PipelineListener listener, OutcomeAudit audit) {
    this.config = config;
    this.listener = listener;
    this.audit = audit;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.buckets = context.getStateStore(KlaxonTopology.STORE_RATE_LIMIT);
    this.tenants = context.getStateStore(KlaxonTopology.STORE_TENANTS);
    new BoundedStreamTime(config.maxStreamTimeAhead()).schedule(context, config.summaryInterval(), this::closeWindows);
  }

  @Override
  public void process(Record<String, ValidAlert> record) {
    ValidAlert alert = record.value();
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
      audit.write(context, OutcomeAudit.of(OutcomeType.RATE_LIMITED, record.key(), alert.event().getEventId()),
          record.timestamp());
    }
  }

  private void closeWindows(long now) {
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
        SuppressionSummaryDue summary =
            new SuppressionSummaryDue(tenant, state.suppressedBySeverity(), state.windowStart(), now);
        context.forward(new Record<>(entry.key, summary, now), KlaxonTopology.PROC_ROUTE);
      }
      buckets.put(entry.key, state.withWindowStartingAt(now));
    }
  }
}
