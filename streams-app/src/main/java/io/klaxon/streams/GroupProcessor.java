package io.klaxon.streams;

import io.klaxon.control.Acknowledgement;
import io.klaxon.control.AckState;
import io.klaxon.control.ControlKeys;
import io.klaxon.control.Silence;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.GroupPolicy;
import io.klaxon.events.TenantConfig;
import io.klaxon.streams.control.Silencing;
import io.klaxon.streams.dedup.ExpiryKeys;
import io.klaxon.streams.group.GroupCandidate;
import io.klaxon.streams.group.GroupFlush;
import io.klaxon.streams.group.GroupHeader;
import io.klaxon.streams.group.GroupKeys;
import io.klaxon.streams.group.GroupMember;
import io.klaxon.streams.group.GroupTimes;
import io.klaxon.streams.route.NotificationRequests;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups the alerts of rules that have a {@link GroupPolicy}, as Alertmanager does: one group per
 * (rule, target, values of the groupBy labels), one notification per group flush. Timings are
 * wall-clock ({@link GroupTimes}: groupWait, groupInterval, repeatInterval; CRITICAL never waits
 * longer than groupWait); what a due group sends is {@link GroupFlush}'s decision.
 *
 * <p>State: {@link KlaxonTopology#STORE_GROUPS} holds each open group's header, {@link
 * KlaxonTopology#STORE_GROUP_MEMBERS} its alerts (one entry each, so a group's size never makes
 * one record large), and {@link KlaxonTopology#STORE_GROUP_FLUSH} indexes groups by when they are
 * due, so the wall-clock punctuation (every {@link #CHECK_INTERVAL}) finds due groups with one
 * range scan. A group that becomes due while an alert is processed (groupWait 0) is flushed at
 * once. A group ends when nothing in it fires any more after its last notification, or when its
 * tenant or target is gone.
 *
 * <p>Bounds: a group holds at most {@link #MAX_MEMBERS} alerts; an alert that would join a full
 * group is notified on its own, never dropped. A punctuation flushes at most {@link #BATCH} groups.
 *
 * <p>At flush time the tenant's current configuration is read (its delivery profile and the
 * target), acknowledged alerts do not make an unchanged group repeat, and firing alerts that a
 * silence or maintenance window holds back then are left out ({@link GroupFlush}).
 */
final class GroupProcessor implements Processor<String, GroupCandidate, String, Object> {
  private static final Logger LOG = LoggerFactory.getLogger(GroupProcessor.class);
  /** How often due groups are looked for. */
  static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);
  /** Most alerts in one group. */
  static final int MAX_MEMBERS = 1_000;
  /** Most groups flushed by one punctuation. */
  static final int BATCH = 1_000;
  private static final byte[] EMPTY = new byte[0];

  private final TopologyConfig config;
  private final PipelineListener listener;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, GroupHeader> groups;
  private KeyValueStore<String, GroupMember> members;
  private KeyValueStore<Bytes, byte[]> due;
  private KeyValueStore<String, TenantConfig> tenants;
  private KeyValueStore<String, Acknowledgement> acks;
  private KeyValueStore<String, Silence> silences;
  private final Silencing silencing = new Silencing();

  GroupProcessor(TopologyConfig config, PipelineListener listener) {
    this.config = config;
    this.listener = listener;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.groups = context.getStateStore(KlaxonTopology.STORE_GROUPS);
    this.members = context.getStateStore(KlaxonTopology.STORE_GROUP_MEMBERS);
    this.due = context.getStateStore(KlaxonTopology.STORE_GROUP_FLUSH);
    this.tenants = context.getStateStore(KlaxonTopology.STORE_TENANTS);
    this.acks = context.getStateStore(KlaxonTopology.STORE_ACKS);
    this.silences = context.getStateStore(KlaxonTopology.STORE_SILENCES);
    context.schedule(CHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::flushDue);
  }

  @Override
  public void process(Record<String, GroupCandidate> record) {
    String tenantId = record.key();
    GroupCandidate candidate = record.value();
    AlertEvent event = candidate.alert().event();
    GroupPolicy policy = candidate.match().group();
    String targetId = candidate.match().target().getId();
    String storeKey = GroupKeys.storeKey(tenantId, candidate.groupKey());
    String memberKey = GroupKeys.memberKey(storeKey, candidate.alert().fingerprint());
    long now = context.currentSystemTimeMs();

    GroupHeader header = groups.get(storeKey);
    GroupMember member = header == null ? null : members.get(memberKey);
    if (header != null && member == null && header.members() >= MAX_MEMBERS) {
      context.forward(new Record<>(tenantId, NotificationRequests.alert(candidate.alert(), candidate.match(),
          record.timestamp()), record.timestamp()), KlaxonTopology.notificationsVia(candidate.alert().tenant()));
      listener.grouping(GroupingEvent.GROUP_FULL, candidate.alert().tenant().getTier());
      return;
    }
    boolean firing = event.getStatus() == AlertStatus.FIRING;
    boolean change = member == null || member.firing() != firing;
    long scheduled = header == null ? Long.MIN_VALUE : header.nextFlushMs();
    GroupHeader updated = header == null
        ? GroupHeader.open(candidate.match().routeName(), targetId, candidate.groupLabels(), policy, now)
        : header.withPolicy(policy);
    int count = updated.members() + (member == null ? 1 : 0);
    members.put(memberKey, new GroupMember(event, change || member.changed(), now));
    updated = updated.withMembers(count);
    if (change) {
      updated = updated.withNextFlush(GroupTimes.dueAfterChange(updated, event.getSeverity(), event.getStatus(), now));
    }
    // Else the same state again (a repeat after the tenant's repeat interval): the alert is still alive, nothing to send.
    groups.put(storeKey, updated);
    if (updated.nextFlushMs() != scheduled) {
      if (header != null) {
        due.delete(ExpiryKeys.of(scheduled, storeKey));
      }
      due.put(ExpiryKeys.of(updated.nextFlushMs(), storeKey), EMPTY);
    }
    if (updated.nextFlushMs() <= now) {
      flush(storeKey, updated, now);
    }
  }

  private void flushDue(long now) {
    for (Bytes key : ExpiryKeys.dueBy(due, now, BATCH)) {
      String storeKey = ExpiryKeys.storeKeyOf(key);
      GroupHeader header = groups.get(storeKey);
      if (header == null || header.nextFlushMs() != ExpiryKeys.expiryOf(key)) {
        due.delete(key);
        continue;
      }
      flush(storeKey, header, now);
    }
  }

  private void flush(String storeKey, GroupHeader header, long now) {
    due.delete(ExpiryKeys.of(header.nextFlushMs(), storeKey));
    String tenantId = TenantKeys.tenantOf(storeKey);
    String groupKey = TenantKeys.nameOf(storeKey);
    Map<String, GroupMember> current = new LinkedHashMap<>();
    String prefix = GroupKeys.membersFrom(storeKey);
    try (KeyValueIterator<String, GroupMember> range = members.range(prefix, GroupKeys.membersTo(storeKey))) {
      range.forEachRemaining(entry -> current.put(entry.key.substring(prefix.length()), entry.value));
    }
    TenantConfig tenant = tenants.get(tenantId);
    ChannelTarget target = tenant == null ? null : tenant.getTargets().stream()
        .filter(t -> t.getId().equals(header.targetId())).findFirst().orElse(null);
    if (target == null) {
      LOG.info("Group {} of tenant {} ends with {} alerts un-notified: {} no longer exists", groupKey, tenantId,
          current.size(), tenant == null ? "the tenant" : "target " + header.targetId());
      current.keySet().forEach(fingerprint -> members.delete(GroupKeys.memberKey(storeKey, fingerprint)));
      groups.delete(storeKey);
      listener.grouping(GroupingEvent.GROUP_ENDED_UNSENT, tenant == null ? null : tenant.getTier());
      return;
    }
    GroupFlush.Outcome outcome = GroupFlush.due(groupKey, header, current, now, staleMs(tenant),
        fingerprint -> acknowledged(tenantId, fingerprint),
        member -> silencing.at(silences, tenant, member.alert().getSeverity(), member.alert().getLabels(), now).isPresent());
    if (outcome.notification() != null) {
      String id = GroupKeys.notificationId(tenantId, groupKey, header.startedAtMs(), outcome.notification().getSequence());
      context.forward(new Record<>(tenantId, NotificationRequests.group(tenant, header.routeName(), target, now, id,
          outcome.notification(), outcome.representative(), outcome.repeat()), now), KlaxonTopology.notificationsVia(tenant));
      listener.grouping(outcome.repeat() ? GroupingEvent.GROUP_REPEATED : GroupingEvent.GROUP_SENT, tenant.getTier());
    }
    outcome.remove().forEach(fingerprint -> members.delete(GroupKeys.memberKey(storeKey, fingerprint)));
    outcome.rewrite().forEach((fingerprint, member) -> members.put(GroupKeys.memberKey(storeKey, fingerprint), member));
    if (outcome.header() == null) {
      groups.delete(storeKey);
    } else {
      groups.put(storeKey, outcome.header());
      due.put(ExpiryKeys.of(outcome.header().nextFlushMs(), storeKey), EMPTY);
    }
  }

  private boolean acknowledged(String tenantId, String fingerprint) {
    Acknowledgement ack = acks.get(ControlKeys.ack(tenantId, fingerprint));
    return ack != null && ack.getState() == AckState.ACKED;
  }

  /**
   * How long a firing alert stays in a group without being routed again: its tenant's repeat
   * interval (a live alert is routed again then) and twice its dedup window (after which dedup has
   * forgotten an alert whose producer stopped).
   */
  private long staleMs(TenantConfig tenant) {
    long repeat = tenant.getRepeatIntervalMs() == null ? config.defaultRepeatInterval().toMillis() : tenant.getRepeatIntervalMs();
    long window = tenant.getDedupWindowMs() == null ? config.defaultDedupWindow().toMillis() : tenant.getDedupWindowMs();
    return repeat + 2 * window;
  }
}
