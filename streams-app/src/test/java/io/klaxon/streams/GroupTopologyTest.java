package io.klaxon.streams;

import static io.klaxon.streams.Samples.MINUTE;
import static io.klaxon.streams.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.control.AckState;
import io.klaxon.control.Acknowledgement;
import io.klaxon.control.ControlKeys;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.AlertGroup;
import io.klaxon.events.GroupPolicy;
import io.klaxon.events.GroupedAlert;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.NotificationType;
import io.klaxon.events.OutcomeType;
import io.klaxon.events.RoutingRule;
import io.klaxon.events.Severity;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.streams.group.GroupHeader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Grouping in the topology: groupWait, groupInterval, repeatInterval, resolutions and the CRITICAL
 * bound. The wall clock (which group timings follow) and record time move together from T0.
 */
class GroupTopologyTest {
  private static final long SECOND = 1_000L;
  private static final GroupPolicy POLICY = new GroupPolicy(List.of("cluster"), 30 * SECOND, 5 * MINUTE, 60 * MINUTE);

  private TopologyFixture fx;
  private long now = T0;

  @BeforeEach
  void start() {
    fx = new TopologyFixture();
    fx.putTenant(tenant(POLICY));
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  /** acme: every alert to the SIEM webhook on its own, and grouped by cluster to the on-call Slack channel. */
  private static TenantConfig tenant(GroupPolicy policy) {
    return TenantConfig.newBuilder(TopologyFixture.tenant("acme", Tier.ENTERPRISE))
        .setRoutes(List.of(
            new RoutingRule("siem-all", Severity.INFO, List.of(), List.of(), List.of("siem"), true, null),
            new RoutingRule("pages", Severity.INFO, List.of(), List.of(), List.of("oncall-slack"), false, policy)))
        .build();
  }

  /** Moves the wall clock (punctuating on the way) and record time to {@code offsetMs} after T0. */
  private void at(long offsetMs) {
    long target = T0 + offsetMs;
    fx.driver.advanceWallClockTime(Duration.ofMillis(target - now));
    now = target;
  }

  private void send(String fingerprint, String cluster, Severity severity, AlertStatus status) {
    fx.send(fx.alert("acme", severity, "Disk full on " + fingerprint).setFingerprint(fingerprint).setStatus(status)
        .setLabels(Map.of("env", "prod", "cluster", cluster)), now);
  }

  private void fire(String fingerprint, String cluster) {
    send(fingerprint, cluster, Severity.HIGH, AlertStatus.FIRING);
  }

  /** The group notifications written since the last call (the SIEM's single-alert ones are dropped). */
  private List<NotificationRequest> groupFlushes() {
    return fx.drainNotifications().stream().filter(n -> n.getType() == NotificationType.GROUP).toList();
  }

  private static List<String> listed(NotificationRequest flush) {
    return flush.getGroup().getAlerts().stream().map(GroupedAlert::getFingerprint).toList();
  }

  private long openGroups() {
    KeyValueStore<String, GroupHeader> groups = fx.driver.getKeyValueStore(KlaxonTopology.STORE_GROUPS);
    try (KeyValueIterator<String, GroupHeader> all = groups.all()) {
      long n = 0;
      while (all.hasNext()) {
        all.next();
        n++;
      }
      return n;
    }
  }

  @Test
  void alertsOfOneGroupWaitForGroupWaitAndArriveAsOneNotification() {
    fire("fp-1", "a");
    at(10 * SECOND);
    fire("fp-2", "a");

    List<NotificationRequest> early = fx.drainNotifications();
    assertThat(early).extracting(NotificationRequest::getType).containsOnly(NotificationType.ALERT);
    assertThat(early).extracting(n -> n.getTarget().getId()).containsOnly("siem");

    at(29 * SECOND);
    assertThat(groupFlushes()).isEmpty();
    at(30 * SECOND);
    List<NotificationRequest> flushes = groupFlushes();
    assertThat(flushes).hasSize(1);
    NotificationRequest flush = flushes.get(0);
    AlertGroup group = flush.getGroup();
    assertThat(flush.getTarget().getId()).isEqualTo("oncall-slack");
    assertThat(flush.getRouteName()).isEqualTo("pages");
    assertThat(group.getSequence()).isEqualTo(1);
    assertThat(group.getFiring()).isEqualTo(2);
    assertThat(group.getResolved()).isZero();
    assertThat(group.getGroupLabels()).containsExactly(Map.entry("cluster", "a"));
    assertThat(listed(flush)).containsExactlyInAnyOrder("fp-1", "fp-2");
    assertThat(group.getAlerts()).allMatch(GroupedAlert::getChanged);
    assertThat(group.getStartedAt()).isEqualTo(Instant.ofEpochMilli(T0));
    assertThat(flush.getFingerprint()).isEqualTo("group:" + group.getGroupKey());
    assertThat(flush.getAlert()).as("the alert an older notifier shows").isNotNull();
    assertThat(flush.getRepeat()).isFalse();
  }

  @Test
  void differentGroupByValuesMakeDifferentGroups() {
    fire("fp-1", "a");
    fire("fp-2", "b");
    fire("fp-3", "a");
    at(30 * SECOND);

    List<NotificationRequest> flushes = groupFlushes();
    assertThat(flushes).hasSize(2);
    assertThat(flushes).extracting(f -> f.getGroup().getGroupLabels().get("cluster")).containsExactlyInAnyOrder("a", "b");
    assertThat(flushes).extracting(f -> f.getGroup().getFiring()).containsExactlyInAnyOrder(2L, 1L);
    assertThat(flushes.get(0).getGroup().getGroupKey()).isNotEqualTo(flushes.get(1).getGroup().getGroupKey());
    assertThat(flushes.get(0).getNotificationId()).isNotEqualTo(flushes.get(1).getNotificationId());
  }

  @Test
  void changesAfterTheFirstNotificationWaitForGroupInterval() {
    fire("fp-1", "a");
    at(30 * SECOND);
    assertThat(groupFlushes()).hasSize(1);

    at(MINUTE);
    fire("fp-2", "a");
    at(5 * MINUTE + 29 * SECOND);
    assertThat(groupFlushes()).as("before groupInterval has passed since the first notification").isEmpty();
    at(5 * MINUTE + 30 * SECOND);
    List<NotificationRequest> flushes = groupFlushes();
    assertThat(flushes).hasSize(1);
    AlertGroup group = flushes.get(0).getGroup();
    assertThat(group.getSequence()).isEqualTo(2);
    assertThat(group.getFiring()).isEqualTo(2);
    assertThat(group.getAlerts().get(0).getFingerprint()).as("changed alerts are listed first").isEqualTo("fp-2");
    assertThat(group.getAlerts().get(0).getChanged()).isTrue();
    assertThat(group.getAlerts().get(1).getChanged()).isFalse();
  }

  @Test
  void aResolutionGoesOutAtTheNextFlushAndTheGroupEndsWhenNothingFires() {
    fire("fp-1", "a");
    fire("fp-2", "a");
    at(30 * SECOND);
    assertThat(groupFlushes()).hasSize(1);

    at(2 * MINUTE);
    send("fp-1", "a", Severity.HIGH, AlertStatus.RESOLVED);
    at(5 * MINUTE + 30 * SECOND);
    List<NotificationRequest> second = groupFlushes();
    assertThat(second).hasSize(1);
    assertThat(second.get(0).getGroup().getFiring()).isEqualTo(1);
    assertThat(second.get(0).getGroup().getResolved()).isEqualTo(1);
    assertThat(second.get(0).getGroup().getAlerts().get(0).getAlert().getStatus()).isEqualTo(AlertStatus.RESOLVED);

    at(6 * MINUTE);
    send("fp-2", "a", Severity.HIGH, AlertStatus.RESOLVED);
    at(10 * MINUTE + 30 * SECOND);
    List<NotificationRequest> last = groupFlushes();
    assertThat(last).hasSize(1);
    assertThat(last.get(0).getGroup().getFiring()).isZero();
    assertThat(listed(last.get(0))).containsExactly("fp-2");
    assertThat(openGroups()).isZero();

    at(20 * MINUTE);
    fire("fp-3", "a");
    at(20 * MINUTE + 30 * SECOND);
    List<NotificationRequest> reopened = groupFlushes();
    assertThat(reopened).hasSize(1);
    assertThat(reopened.get(0).getGroup().getSequence()).isEqualTo(1);
    assertThat(reopened.get(0).getGroup().getGroupKey()).isEqualTo(last.get(0).getGroup().getGroupKey());
    assertThat(reopened.get(0).getNotificationId()).as("a reopened group never reuses an earlier flush's id")
        .isNotIn(second.get(0).getNotificationId(), last.get(0).getNotificationId());
  }

  @Test
  void aCriticalAlertNeverWaitsLongerThanGroupWait() {
    fx.putTenant(tenant(new GroupPolicy(List.of("cluster"), 30 * SECOND, 10 * MINUTE, 60 * MINUTE)));
    fire("fp-1", "a");
    at(30 * SECOND);
    assertThat(groupFlushes()).hasSize(1);

    at(2 * MINUTE);
    fire("fp-2", "a");
    send("fp-3", "a", Severity.CRITICAL, AlertStatus.FIRING);
    at(2 * MINUTE + 29 * SECOND);
    assertThat(groupFlushes()).isEmpty();
    at(2 * MINUTE + 30 * SECOND);
    List<NotificationRequest> flushes = groupFlushes();
    assertThat(flushes).hasSize(1);
    assertThat(listed(flushes.get(0))).startsWith("fp-3", "fp-2");
    assertThat(flushes.get(0).getGroup().getMostSevere()).isEqualTo(Severity.CRITICAL);
    assertThat(flushes.get(0).getAlert().getSeverity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void groupWaitZeroNotifiesAtOnce() {
    fx.putTenant(tenant(new GroupPolicy(List.of(), 0L, 5 * MINUTE, 60 * MINUTE)));
    fire("fp-1", "a");

    List<NotificationRequest> flushes = groupFlushes();
    assertThat(flushes).hasSize(1);
    assertThat(flushes.get(0).getGroup().getGroupLabels()).isEmpty();
  }

  @Test
  void anUnchangedGroupRepeatsAfterRepeatIntervalUnlessEverythingFiringIsAcknowledged() {
    fire("fp-1", "a");
    fire("fp-2", "b");
    at(30 * SECOND);
    assertThat(groupFlushes()).hasSize(2);

    fx.acks.pipeInput(ControlKeys.ack("acme", "fp-2"), new Acknowledgement("acme", "fp-2", AckState.ACKED, "jane",
        Instant.ofEpochMilli(now), "on it", "cli"), now);
    at(60 * MINUTE + 30 * SECOND);
    List<NotificationRequest> repeats = groupFlushes();
    assertThat(repeats).hasSize(1);
    assertThat(repeats.get(0).getRepeat()).isTrue();
    assertThat(listed(repeats.get(0))).containsExactly("fp-1");
    assertThat(repeats.get(0).getGroup().getSequence()).isEqualTo(2);
    assertThat(repeats.get(0).getGroup().getAlerts()).noneMatch(GroupedAlert::getChanged);
    assertThat(fx.outcomes.count(GroupingEvent.GROUP_REPEATED)).isOne();
    assertThat(fx.outcomes.count(GroupingEvent.GROUP_SENT)).isEqualTo(2);
  }

  @Test
  void theAuditNamesTheGroupAnAlertJoined() {
    fire("fp-1", "a");

    io.klaxon.events.Outcome routed = fx.audit.readValuesToList().stream()
        .filter(o -> o.getOutcome() == OutcomeType.ROUTED).findFirst().orElseThrow();
    assertThat(routed.getNotificationIds()).hasSize(1);
    assertThat(routed.getGroupKeys()).hasSize(1);
    at(30 * SECOND);
    assertThat(groupFlushes().get(0).getGroup().getGroupKey()).isEqualTo(routed.getGroupKeys().get(0));
  }

  @Test
  void aGroupWhoseTargetIsRemovedEndsWithoutANotification() {
    fire("fp-1", "a");
    fx.putTenant(TenantConfig.newBuilder(tenant(POLICY)).setTargets(
        fx.driver.<String, TenantConfig>getKeyValueStore(KlaxonTopology.STORE_TENANTS).get("acme").getTargets().stream()
            .filter(t -> !t.getId().equals("oncall-slack")).toList()).build());
    at(30 * SECOND);

    assertThat(groupFlushes()).isEmpty();
    assertThat(openGroups()).isZero();
    assertThat(fx.outcomes.count(GroupingEvent.GROUP_ENDED_UNSENT)).isOne();
  }

  @Test
  void anAlertThatWouldOverfillAGroupIsNotifiedOnItsOwn() {
    fx.putTenant(tenant(new GroupPolicy(List.of(), 30 * SECOND, 5 * MINUTE, 60 * MINUTE)));
    for (int i = 0; i <= GroupProcessor.MAX_MEMBERS; i++) {
      fire("fp-" + i, "a");
    }

    List<NotificationRequest> alone = fx.drainNotifications().stream()
        .filter(n -> n.getTarget().getId().equals("oncall-slack")).toList();
    assertThat(alone).hasSize(1);
    assertThat(alone.get(0).getType()).isEqualTo(NotificationType.ALERT);
    assertThat(alone.get(0).getFingerprint()).isEqualTo("fp-" + GroupProcessor.MAX_MEMBERS);
    at(30 * SECOND);
    AlertGroup group = groupFlushes().get(0).getGroup();
    assertThat(group.getFiring()).isEqualTo(GroupProcessor.MAX_MEMBERS);
    assertThat(group.getAlerts()).hasSize(io.klaxon.streams.group.GroupFlush.MAX_LISTED);
    assertThat(group.getOmitted()).isEqualTo(GroupProcessor.MAX_MEMBERS - io.klaxon.streams.group.GroupFlush.MAX_LISTED);
    assertThat(fx.outcomes.count(GroupingEvent.GROUP_FULL)).isOne();
    assertThat(fx.outcomes.count(GroupingEvent.GROUP_SENT)).isOne();
  }

  /** A silence of acme's alerts whose label {@code name} is {@code value}, from 10 s after T0 to {@code endMs} after it. */
  private void silence(String id, String name, String value, long endMs) {
    io.klaxon.control.Silence silence = new io.klaxon.control.Silence(id, "acme",
        List.of(new io.klaxon.events.LabelMatcher(name, io.klaxon.events.MatchOp.EQ, value)),
        Instant.ofEpochMilli(T0 + 10 * SECOND), Instant.ofEpochMilli(T0 + endMs), "jane", "maintenance",
        Instant.ofEpochMilli(T0));
    fx.silences.pipeInput(ControlKeys.of(silence), silence, now);
  }

  @Test
  void aFiringAlertThatASilenceHoldsBackAtFlushTimeIsLeftOutUntilTheSilenceEnds() {
    fire("fp-1", "a");
    fire("fp-2", "a");
    silence("s-1", "cluster", "a", 12 * MINUTE);

    at(30 * SECOND);
    assertThat(groupFlushes()).as("everything in the group is held back").isEmpty();
    at(10 * MINUTE + 30 * SECOND);
    assertThat(groupFlushes()).isEmpty();
    assertThat(openGroups()).as("held back, not forgotten").isOne();

    at(15 * MINUTE + 30 * SECOND);
    List<NotificationRequest> after = groupFlushes();
    assertThat(after).as("looked at again every groupInterval while held back").hasSize(1);
    assertThat(listed(after.get(0))).containsExactlyInAnyOrder("fp-1", "fp-2");
    assertThat(after.get(0).getGroup().getAlerts()).allMatch(GroupedAlert::getChanged);
    assertThat(after.get(0).getGroup().getFiring()).isEqualTo(2);
  }

  @Test
  void aSilenceOverPartOfAGroupLeavesThoseAlertsOutOfItsNotification() {
    fire("fp-1", "a");
    fx.send(fx.alert("acme", Severity.HIGH, "Disk full on fp-2").setFingerprint("fp-2")
        .setLabels(Map.of("env", "prod", "cluster", "a", "instance", "i-2")), now);
    silence("s-2", "instance", "i-2", 60 * MINUTE);

    at(30 * SECOND);
    List<NotificationRequest> first = groupFlushes();
    assertThat(first).hasSize(1);
    assertThat(listed(first.get(0))).containsExactly("fp-1");
    assertThat(first.get(0).getGroup().getFiring()).isEqualTo(1);
    assertThat(first.get(0).getGroup().getOmitted()).isZero();
  }
}
