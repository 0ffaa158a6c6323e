package io.klaxon.streams;

import static io.klaxon.streams.Samples.MINUTE;
import static io.klaxon.streams.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.AlertStatus;
import io.klaxon.events.Channel;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.DigestPolicy;
import io.klaxon.events.DigestSummary;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.NotificationType;
import io.klaxon.events.OutcomeType;
import io.klaxon.events.PagerDutyTarget;
import io.klaxon.events.Severity;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.events.TitleCount;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Digests in the topology: low severities collected per target for a window, then one summary each. */
class DigestTopologyTest {
  private TopologyFixture fx;
  private long now = T0;

  @BeforeEach
  void start() {
    fx = new TopologyFixture();
    fx.putTenant(tenant(new DigestPolicy(10 * MINUTE, Severity.WARNING, 2)));
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  /** acme (ENTERPRISE, no rules: every alert to all three targets) with the digest feature. */
  private static TenantConfig tenant(DigestPolicy policy) {
    return TenantConfig.newBuilder(TopologyFixture.tenant("acme", Tier.ENTERPRISE))
        .setFeatures(List.of("digest")).setDigest(policy).build();
  }

  private void at(long offsetMs) {
    fx.driver.advanceWallClockTime(Duration.ofMillis(T0 + offsetMs - now));
    now = T0 + offsetMs;
  }

  private void send(Severity severity, String title, String source, String fingerprint, AlertStatus status) {
    fx.send(fx.alert("acme", severity, title).setSource(source).setFingerprint(fingerprint).setStatus(status), now);
  }

  @Test
  void lowSeveritiesWaitForTheWindowAndArriveAsOneSummaryPerTarget() {
    send(Severity.INFO, "Cache cold", "search", "fp-1", AlertStatus.FIRING);
    at(MINUTE);
    send(Severity.WARNING, "Queue slow", "orders", "fp-2", AlertStatus.FIRING);
    send(Severity.WARNING, "Queue slow", "orders", "fp-3", AlertStatus.FIRING);
    send(Severity.HIGH, "Payments down", "payments", "fp-4", AlertStatus.FIRING);
    send(Severity.INFO, "Cache cold", "search", "fp-1", AlertStatus.RESOLVED);

    List<NotificationRequest> atOnce = fx.drainNotifications();
    assertThat(atOnce).as("HIGH is above the digest's severities").hasSize(3)
        .allMatch(n -> n.getType() == NotificationType.ALERT && n.getAlert().getSeverity() == Severity.HIGH);

    at(10 * MINUTE - 1);
    assertThat(fx.drainNotifications()).isEmpty();
    at(10 * MINUTE);
    List<NotificationRequest> digests = fx.drainNotifications();
    assertThat(digests).hasSize(3).allMatch(n -> n.getType() == NotificationType.DIGEST);
    assertThat(digests).extracting(n -> n.getTarget().getId()).containsExactlyInAnyOrder("oncall-slack", "ops-email", "siem");
    DigestSummary digest = digests.get(0).getDigest();
    assertThat(digest.getFiring()).isEqualTo(3);
    assertThat(digest.getResolved()).isEqualTo(1);
    assertThat(digest.getBySeverity()).containsOnly(Map.entry("WARNING", 2L), Map.entry("INFO", 1L));
    assertThat(digest.getBySource()).containsEntry("orders", 2L).containsEntry("search", 1L);
    assertThat(digest.getTopTitles()).containsExactly(new TitleCount("Queue slow", 2L), new TitleCount("Cache cold", 1L));
    assertThat(digest.getWindowStart()).isEqualTo(Instant.ofEpochMilli(T0));
    assertThat(digest.getWindowEnd()).isEqualTo(Instant.ofEpochMilli(T0 + 10 * MINUTE));
    assertThat(digests.get(0).getAlert()).isNull();
    assertThat(digests).extracting(NotificationRequest::getNotificationId).doesNotHaveDuplicates();
    assertThat(fx.outcomes.count(GroupingEvent.DIGEST_SENT)).isEqualTo(3);

    at(11 * MINUTE);
    send(Severity.INFO, "Cache cold", "search", "fp-9", AlertStatus.FIRING);
    at(21 * MINUTE);
    List<NotificationRequest> next = fx.drainNotifications();
    assertThat(next).hasSize(3);
    assertThat(next.get(0).getDigest().getWindowStart()).isEqualTo(Instant.ofEpochMilli(T0 + 11 * MINUTE));
    assertThat(next).extracting(NotificationRequest::getNotificationId).doesNotContainAnyElementsOf(
        digests.stream().map(NotificationRequest::getNotificationId).toList());
  }

  @Test
  void theAuditSaysTheAlertWentIntoADigest() {
    send(Severity.INFO, "Cache cold", "search", "fp-1", AlertStatus.FIRING);

    io.klaxon.events.Outcome routed = fx.audit.readValuesToList().stream()
        .filter(o -> o.getOutcome() == OutcomeType.ROUTED).findFirst().orElseThrow();
    assertThat(routed.getReason()).isEqualTo("DIGEST");
    assertThat(routed.getNotificationIds()).isEmpty();
  }

  @Test
  void withoutTheFeatureNothingIsCollectedAndADigestWhoseTenantTurnedItOffIsDropped() {
    send(Severity.INFO, "Cache cold", "search", "fp-1", AlertStatus.FIRING);
    fx.putTenant(TopologyFixture.tenant("acme", Tier.ENTERPRISE));
    send(Severity.INFO, "Cache warm", "search", "fp-2", AlertStatus.FIRING);

    assertThat(fx.drainNotifications()).hasSize(3).allMatch(n -> n.getType() == NotificationType.ALERT);
    at(10 * MINUTE);
    assertThat(fx.drainNotifications()).isEmpty();
    assertThat(fx.outcomes.count(GroupingEvent.DIGEST_DROPPED)).as("one per target").isEqualTo(3);
  }

  @Test
  void aPagerDutyTargetGetsEachLowSeverityAlertAsRoutedNeverADigest() {
    TenantConfig base = tenant(new DigestPolicy(10 * MINUTE, Severity.WARNING, 2));
    List<ChannelTarget> targets = new ArrayList<>(base.getTargets());
    targets.add(ChannelTarget.newBuilder().setId("pager").setChannel(Channel.WEBHOOK)
        .setPagerduty(PagerDutyTarget.newBuilder().setRoutingKeyRef("env:ACME_PD_KEY").build()).build());
    fx.putTenant(TenantConfig.newBuilder(base).setTargets(targets).build());

    send(Severity.WARNING, "Queue slow", "orders", "fp-2", AlertStatus.FIRING);
    List<NotificationRequest> atOnce = fx.drainNotifications();
    at(10 * MINUTE);
    List<NotificationRequest> digests = fx.drainNotifications();

    assertThat(atOnce).singleElement().satisfies(n -> {
      assertThat(n.getTarget().getId()).isEqualTo("pager");
      assertThat(n.getType()).isEqualTo(NotificationType.ALERT);
    });
    assertThat(digests).as("one digest per other target").hasSize(3)
        .allMatch(n -> n.getType() == NotificationType.DIGEST && !n.getTarget().getId().equals("pager"));
  }

  @Test
  void theDefaultPolicyCollectsWarningAndInfoForAnHour() {
    fx.putTenant(tenant(null));
    send(Severity.WARNING, "Queue slow", "orders", "fp-1", AlertStatus.FIRING);
    at(59 * MINUTE);
    assertThat(fx.drainNotifications()).isEmpty();
    at(60 * MINUTE);
    assertThat(fx.drainNotifications()).hasSize(3).allSatisfy(n -> assertThat(n.getDigest().getTopTitles()).hasSize(1));
  }
}
