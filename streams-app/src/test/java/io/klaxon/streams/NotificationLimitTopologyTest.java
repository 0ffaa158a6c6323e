package io.klaxon.streams;

import static io.klaxon.streams.Samples.MINUTE;
import static io.klaxon.streams.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.AlertStatus;
import io.klaxon.events.Channel;
import io.klaxon.events.ChannelLimit;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.DigestSummary;
import io.klaxon.events.GroupPolicy;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.NotificationType;
import io.klaxon.events.PagerDutyTarget;
import io.klaxon.events.RoutingRule;
import io.klaxon.events.Severity;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.events.TitleCount;
import io.klaxon.streams.limit.NotificationLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Notification limits per channel: over the limit, notifications are held and summarized per target, never dropped. */
class NotificationLimitTopologyTest {
  private static final long SECOND = 1_000L;
  private static final long WINDOW = NotificationLimits.WINDOW.toMillis();
  private TopologyFixture fx;
  private long now = T0;
  private int fingerprints;

  @BeforeEach
  void start() {
    fx = new TopologyFixture();
    // acme (ENTERPRISE, no rules: every alert to oncall-slack, ops-email and siem); Slack limited to 2 a minute.
    fx.putTenant(tenant(List.of(new ChannelLimit(Channel.SLACK, 2, null))));
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  private static TenantConfig tenant(List<ChannelLimit> limits) {
    return TenantConfig.newBuilder(TopologyFixture.tenant("acme", Tier.ENTERPRISE)).setNotificationLimits(limits).build();
  }

  private void at(long offsetMs) {
    fx.driver.advanceWallClockTime(Duration.ofMillis(T0 + offsetMs - now));
    now = T0 + offsetMs;
  }

  private void send(Severity severity, String title, String source) {
    send(severity, title, source, "fp-" + ++fingerprints, AlertStatus.FIRING);
  }

  private void send(Severity severity, String title, String source, String fingerprint, AlertStatus status) {
    fx.send(fx.alert("acme", severity, title).setSource(source).setFingerprint(fingerprint).setStatus(status), now);
  }

  /** Three WARNING alerts: the burst of 2 goes to Slack, the third is held. */
  private void sendThreeWarnings() {
    send(Severity.WARNING, "One", "a");
    send(Severity.WARNING, "Two", "a");
    send(Severity.WARNING, "Three", "a");
    assertThat(to(fx.drainNotifications(), "oncall-slack")).hasSize(2);
  }

  private static List<NotificationRequest> to(List<NotificationRequest> notifications, String targetId) {
    return notifications.stream().filter(n -> n.getTarget().getId().equals(targetId)).toList();
  }

  @Test
  void overTheLimitNotificationsAreHeldAndSummarizedPerTargetAfterAMinute() {
    for (int i = 0; i < 5; i++) {
      send(Severity.WARNING, i < 3 ? "Queue slow" : "Disk filling", i < 3 ? "orders" : "storage");
    }
    send(Severity.HIGH, "Payments slow", "payments");
    send(Severity.WARNING, "Queue slow", "orders", "fp-1", AlertStatus.RESOLVED);

    List<NotificationRequest> atOnce = fx.drainNotifications();
    assertThat(to(atOnce, "oncall-slack")).as("the burst of 2, the rest held").hasSize(2)
        .allMatch(n -> n.getType() == NotificationType.ALERT);
    assertThat(to(atOnce, "ops-email")).as("email is not limited").hasSize(7);
    assertThat(to(atOnce, "siem")).as("webhooks are not limited").hasSize(7);
    assertThat(fx.outcomes.count(LimitEvent.HELD)).isEqualTo(5);

    at(WINDOW - 1);
    assertThat(fx.drainNotifications()).isEmpty();
    at(WINDOW);
    List<NotificationRequest> summaries = fx.drainNotifications();
    assertThat(summaries).as("one summary, for the one target that had held notifications").hasSize(1);
    NotificationRequest summary = summaries.get(0);
    assertThat(summary.getType()).isEqualTo(NotificationType.DIGEST);
    assertThat(summary.getTarget().getId()).isEqualTo("oncall-slack");
    DigestSummary held = summary.getDigest();
    assertThat(held.getHeldByLimit()).isEqualTo(new ChannelLimit(Channel.SLACK, 2, 2));
    assertThat(held.getFiring()).isEqualTo(4);
    assertThat(held.getResolved()).isEqualTo(1);
    assertThat(held.getBySeverity()).containsOnly(Map.entry("WARNING", 3L), Map.entry("HIGH", 1L));
    assertThat(held.getBySource()).containsOnly(Map.entry("orders", 1L), Map.entry("storage", 2L), Map.entry("payments", 1L));
    assertThat(held.getTopTitles()).first().isEqualTo(new TitleCount("Disk filling", 2L));
    assertThat(held.getWindowStart()).isEqualTo(Instant.ofEpochMilli(T0));
    assertThat(fx.outcomes.count(LimitEvent.SUMMARY_SENT)).isEqualTo(1);
    assertThat(fx.outcomes.count(LimitEvent.SUMMARY_DROPPED)).isZero();
  }

  @Test
  void aWebhookLimitDoesNotHoldBackAPagerDutyTargetThoughItCarriesTheWebhookChannel() {
    TenantConfig base = TopologyFixture.tenant("acme", Tier.ENTERPRISE);
    List<ChannelTarget> targets = new ArrayList<>(base.getTargets());
    targets.add(ChannelTarget.newBuilder().setId("pager").setChannel(Channel.WEBHOOK)
        .setPagerduty(PagerDutyTarget.newBuilder().setRoutingKeyRef("env:ACME_PD_KEY").build()).build());
    fx.putTenant(TenantConfig.newBuilder(base).setTargets(targets)
        .setNotificationLimits(List.of(new ChannelLimit(Channel.WEBHOOK, 1, null))).build());

    for (int i = 0; i < 3; i++) {
      send(Severity.WARNING, "Queue slow " + i, "orders");
    }

    List<NotificationRequest> atOnce = fx.drainNotifications();
    assertThat(to(atOnce, "siem")).as("the webhook is limited to 1").hasSize(1);
    assertThat(to(atOnce, "pager")).as("PagerDuty is not a webhook").hasSize(3);
    assertThat(fx.outcomes.count(LimitEvent.HELD)).isEqualTo(2);
  }

  @Test
  void theBucketRefillsAtTheLimitsRate() {
    sendThreeWarnings();

    at(29 * SECOND);
    send(Severity.WARNING, "Four", "a");
    assertThat(to(fx.drainNotifications(), "oncall-slack")).as("2 a minute: no token back after 29 s").isEmpty();
    at(31 * SECOND);
    send(Severity.WARNING, "Five", "a");
    assertThat(to(fx.drainNotifications(), "oncall-slack")).as("one token back after 30 s")
        .extracting(n -> n.getAlert().getTitle()).containsExactly("Five");
  }

  @Test
  void criticalFiringAlertsPassOverTheLimitAndSummariesAreNeverHeld() {
    send(Severity.WARNING, "One", "a");
    send(Severity.WARNING, "Two", "a");
    send(Severity.CRITICAL, "Payments down", "payments");
    send(Severity.CRITICAL, "Payments down", "payments", "fp-1", AlertStatus.RESOLVED);

    List<NotificationRequest> slack = to(fx.drainNotifications(), "oncall-slack");
    assertThat(slack).extracting(n -> n.getAlert().getTitle() + " " + n.getAlert().getStatus())
        .containsExactly("One FIRING", "Two FIRING", "Payments down FIRING");
    assertThat(fx.outcomes.count(LimitEvent.CRITICAL_PASSED)).isEqualTo(1);
    assertThat(fx.outcomes.count(LimitEvent.HELD)).as("a resolution is not CRITICAL firing").isEqualTo(1);
  }

  @Test
  void groupFlushesCountAgainstTheLimitAndAHeldFlushIsSummarizedWithItsChangedAlerts() {
    GroupPolicy policy = new GroupPolicy(List.of(), 30 * SECOND, 5 * MINUTE, 60 * MINUTE);
    fx.putTenant(TenantConfig.newBuilder(tenant(List.of(new ChannelLimit(Channel.SLACK, 1, null))))
        .setRoutes(List.of(new RoutingRule("pages", Severity.INFO, List.of(), List.of(), List.of("oncall-slack"), false, policy)))
        .build());
    send(Severity.WARNING, "Lonely", "a");
    assertThat(fx.drainNotifications()).isEmpty();
    at(30 * SECOND);
    assertThat(fx.drainNotifications()).as("the first flush takes the one token")
        .singleElement().extracting(NotificationRequest::getType).isEqualTo(NotificationType.GROUP);

    send(Severity.WARNING, "Disk filling", "storage");
    send(Severity.HIGH, "Disk full", "storage");
    at(5 * MINUTE + 30 * SECOND - 1);
    fx.drainNotifications();
    at(5 * MINUTE + 30 * SECOND);
    // 5 minutes later the bucket has its token back: the second flush goes out.
    assertThat(fx.drainNotifications()).singleElement().extracting(NotificationRequest::getType).isEqualTo(NotificationType.GROUP);

    fx.putTenant(TenantConfig.newBuilder(tenant(List.of(new ChannelLimit(Channel.SLACK, 1, null))))
        .setRoutes(List.of(new RoutingRule("pages", Severity.INFO, List.of(), List.of(), List.of("oncall-slack"), false,
            new GroupPolicy(List.of(), 0L, 10 * SECOND, 60 * MINUTE))))
        .build());
    send(Severity.WARNING, "Queue slow", "orders");
    at(5 * MINUTE + 41 * SECOND);
    assertThat(fx.drainNotifications()).as("a flush 11 s later finds no token").isEmpty();
    assertThat(fx.outcomes.count(LimitEvent.HELD)).isEqualTo(1);
    at(5 * MINUTE + 41 * SECOND + WINDOW);
    List<NotificationRequest> summary = fx.drainNotifications().stream()
        .filter(n -> n.getType() == NotificationType.DIGEST).toList();
    assertThat(summary).singleElement().satisfies(n -> {
      assertThat(n.getDigest().getHeldByLimit().getPerMinute()).isEqualTo(1);
      assertThat(n.getDigest().getTopTitles()).as("only the alert that joined since the last flush")
          .containsExactly(new TitleCount("Queue slow", 1L));
    });
  }

  @Test
  void tenantsWithoutLimitsAreUntouchedAndASummaryWhoseTargetIsGoneIsCountedAsDropped() {
    sendThreeWarnings();

    fx.putTenant(TopologyFixture.tenant("acme", Tier.ENTERPRISE));
    for (int i = 0; i < 10; i++) {
      send(Severity.WARNING, "Many " + i, "a");
    }
    assertThat(to(fx.drainNotifications(), "oncall-slack")).as("limit removed").hasSize(10);

    TenantConfig withoutSlack = TenantConfig.newBuilder(TopologyFixture.tenant("acme", Tier.ENTERPRISE))
        .setTargets(TopologyFixture.tenant("acme", Tier.ENTERPRISE).getTargets().stream()
            .filter(t -> !t.getId().equals("oncall-slack")).toList())
        .build();
    fx.putTenant(withoutSlack);
    at(WINDOW);
    assertThat(fx.drainNotifications()).isEmpty();
    assertThat(fx.outcomes.count(LimitEvent.SUMMARY_DROPPED)).isEqualTo(1);
  }

  @Test
  void theHeldSummaryKeepsTheLimitThatHeldEvenIfItChangesAndEachWindowHasItsOwnId() {
    for (int i = 0; i < 4; i++) {
      send(Severity.INFO, "Cache cold", "search");
    }
    fx.putTenant(tenant(List.of(new ChannelLimit(Channel.SLACK, 100, 10))));
    at(WINDOW);
    NotificationRequest first = fx.drainNotifications().stream().filter(n -> n.getType() == NotificationType.DIGEST)
        .findFirst().orElseThrow();
    assertThat(first.getDigest().getHeldByLimit()).isEqualTo(new ChannelLimit(Channel.SLACK, 2, 2));
    assertThat(first.getDigest().getFiring()).isEqualTo(2);

    fx.putTenant(tenant(List.of(new ChannelLimit(Channel.SLACK, 1, 1))));
    at(2 * WINDOW);
    send(Severity.INFO, "Cache cold", "search");
    send(Severity.INFO, "Cache cold", "search");
    at(3 * WINDOW);
    NotificationRequest second = fx.drainNotifications().stream().filter(n -> n.getType() == NotificationType.DIGEST)
        .findFirst().orElseThrow();
    assertThat(second.getNotificationId()).isNotEqualTo(first.getNotificationId());
    assertThat(second.getDigest().getHeldByLimit()).isEqualTo(new ChannelLimit(Channel.SLACK, 1, 1));
  }
}
