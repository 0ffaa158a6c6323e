package io.klaxon.streams;

import io.klaxon.events.Channel;
import io.klaxon.events.ChannelLimit;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.TenantConfig;
import io.klaxon.streams.dedup.ExpiryKeys;
import io.klaxon.streams.limit.HeldNotifications;
import io.klaxon.streams.limit.LimitBucket;
import io.klaxon.streams.limit.NotificationLimits;
import io.klaxon.streams.route.NotificationRequests;
import java.time.Duration;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a tenant's notification limits per channel ({@link NotificationLimits}) to the
 * notifications of alerts and group flushes; only tenants with limits send theirs through this
 * node. Each tenant and limited channel has a token bucket ({@link KlaxonTopology#STORE_LIMIT_BUCKETS},
 * refilled by the wall clock). A notification that finds a token goes on to the notifications topic;
 * one that finds none is held: counted into its target's {@link HeldNotifications} ({@link
 * KlaxonTopology#STORE_HELD}), which is sent as one summary (a {@code DIGEST} notification whose
 * {@code heldByLimit} names the limit) {@link NotificationLimits#WINDOW} after the first one held,
 * on wall-clock punctuation ({@link KlaxonTopology#STORE_HELD_FLUSH} orders them by when they are
 * due). Summaries pass untouched and CRITICAL firing notifications pass over the limit. Nothing is
 * dropped unseen: a summary whose tenant or target is gone by then is logged with its count and
 * counted.
 */
final class ChannelLimitProcessor implements Processor<String, NotificationRequest, String, Object> {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelLimitProcessor.class);
  static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);
  static final int BATCH = 1_000;
  /** The route name summaries of held notifications are sent under. */
  static final String ROUTE = "limit";
  private static final byte[] EMPTY = new byte[0];

  private final PipelineListener listener;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, LimitBucket> buckets;
  private KeyValueStore<String, HeldNotifications> held;
  private KeyValueStore<Bytes, byte[]> due;
  private KeyValueStore<String, TenantConfig> tenants;

  ChannelLimitProcessor(PipelineListener listener) {
    this.listener = listener;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.buckets = context.getStateStore(KlaxonTopology.STORE_LIMIT_BUCKETS);
    this.held = context.getStateStore(KlaxonTopology.STORE_HELD);
    this.due = context.getStateStore(KlaxonTopology.STORE_HELD_FLUSH);
    this.tenants = context.getStateStore(KlaxonTopology.STORE_TENANTS);
    context.schedule(CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::sendDue);
  }

  @Override
  public void process(Record<String, NotificationRequest> record) {
    NotificationRequest request = record.value();
    String tenantId = record.key();
    TenantConfig tenant = tenants.get(tenantId);
    Channel channel = request.getTarget().getChannel();
    ChannelLimit limit = NotificationLimits.of(tenant, request.getTarget());
    if (limit == null || NotificationLimits.isSummary(request)) {
      context.forward(record, KlaxonTopology.SINK_NOTIFICATIONS);
      return;
    }
    long now = context.currentSystemTimeMs();
    String bucketKey = NotificationLimits.bucketKey(tenantId, channel);
    NotificationLimits.Decision decision = NotificationLimits.take(buckets.get(bucketKey), limit, now);
    buckets.put(bucketKey, decision.bucket());
    if (decision.allowed()) {
      context.forward(record, KlaxonTopology.SINK_NOTIFICATIONS);
      return;
    }
    if (NotificationLimits.critical(request)) {
      context.forward(record, KlaxonTopology.SINK_NOTIFICATIONS);
      listener.notificationLimit(LimitEvent.CRITICAL_PASSED, channel, tenant.getTier());
      return;
    }
    String heldKey = NotificationLimits.heldKey(tenantId, request.getTarget().getId());
    HeldNotifications state = held.get(heldKey);
    if (state == null) {
      state = new HeldNotifications(limit, now, now + NotificationLimits.WINDOW.toMillis());
      due.put(ExpiryKeys.of(state.dueMs(), heldKey), EMPTY);
    }
    state.add(request);
    held.put(heldKey, state);
    listener.notificationLimit(LimitEvent.HELD, channel, tenant.getTier());
  }

  private void sendDue(long now) {
    ExpiryKeys.takeDue(due, held, now, BATCH, HeldNotifications::dueMs, (key, state) -> send(key, state, now));
  }

  private void send(String key, HeldNotifications state, long now) {
    String tenantId = TenantKeys.tenantOf(key);
    String targetId = TenantKeys.nameOf(key);
    TenantConfig tenant = tenants.get(tenantId);
    ChannelTarget target = tenant == null ? null : tenant.getTargets().stream()
        .filter(t -> t.getId().equals(targetId)).findFirst().orElse(null);
    if (target == null) {
      LOG.warn("Summary of {} notifications of tenant {} held for target {} dropped: {}", state.notifications(), tenantId,
          targetId, tenant == null ? "the tenant no longer exists" : "the target no longer exists");
      listener.notificationLimit(LimitEvent.SUMMARY_DROPPED, null, tenant == null ? null : tenant.getTier());
      return;
    }
    var summary = state.counts().summary(now, NotificationLimits.TOP_TITLES);
    summary.setHeldByLimit(state.limit(target.getChannel()));
    context.forward(new Record<>(tenantId, NotificationRequests.digest(tenant, ROUTE, target, now,
        NotificationLimits.summaryId(tenantId, targetId, state.windowStartMs()), summary), now),
        KlaxonTopology.SINK_NOTIFICATIONS);
    listener.notificationLimit(LimitEvent.SUMMARY_SENT, target.getChannel(), tenant.getTier());
  }
}
