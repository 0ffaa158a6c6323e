package io.klaxon.streams.route;

import static io.klaxon.streams.Samples.MINUTE;
import static io.klaxon.streams.Samples.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.DeliveryProfile;
import io.klaxon.events.IsolationLevel;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.NotificationType;
import io.klaxon.events.Severity;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.streams.Samples;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationRequestsTest {
  private static final String EVENT_ID = "6f1c2a9e-8d1b-4c57-9f0e-2b7f3d4a5c6e";
  private static final TenantConfig ACME = Samples.tenant("acme", Tier.PROFESSIONAL);
  private static final ChannelTarget SLACK = ACME.getTargets().get(0);
  private static final RouteMatch MATCH = new RouteMatch("pages", SLACK);
  private static final AlertEvent EVENT = Samples.alert(EVENT_ID, "acme", Severity.HIGH, "Disk full").build();

  private static RoutableAlert alert(TenantConfig tenant, boolean repeat) {
    return new RoutableAlert(EVENT, tenant, "fp-1", repeat, repeat ? 14 : 0);
  }

  @Test
  void alertIdsAreTheSameForTheSameOccurrenceAndTargetAndDifferOtherwise() {
    String id = NotificationRequests.alertId("acme", EVENT_ID, "oncall-slack", false);

    assertThat(id).hasSize(32).matches("[0-9a-f]+");
    assertThat(NotificationRequests.alertId("acme", EVENT_ID, "oncall-slack", false)).isEqualTo(id);
    assertThat(NotificationRequests.alertId("acme", EVENT_ID, "siem", false)).isNotEqualTo(id);
    assertThat(NotificationRequests.alertId("acme", EVENT_ID, "oncall-slack", true)).isNotEqualTo(id);
    assertThat(NotificationRequests.alertId("globex", EVENT_ID, "oncall-slack", false)).isNotEqualTo(id);
    assertThat(NotificationRequests.alertId("acme", "0e2a1f4c-1111-4c57-9f0e-2b7f3d4a5c6e", "oncall-slack", false))
        .isNotEqualTo(id);
  }

  @Test
  void summaryIdsAreTheSameForTheSameWindowAndTargetAndDifferOtherwise() {
    String id = NotificationRequests.summaryId("acme", T0, "oncall-slack");

    assertThat(id).hasSize(32).isEqualTo(NotificationRequests.summaryId("acme", T0, "oncall-slack"));
    assertThat(NotificationRequests.summaryId("acme", T0 + MINUTE, "oncall-slack")).isNotEqualTo(id);
    assertThat(NotificationRequests.summaryId("acme", T0, "siem")).isNotEqualTo(id);
    assertThat(id).isNotEqualTo(NotificationRequests.alertId("acme", Long.toString(T0), "oncall-slack", false));
  }

  @Test
  void anAlertRequestCarriesTheOccurrenceTheTargetAndWhatDeduplicationLearned() {
    NotificationRequest request = NotificationRequests.alert(alert(ACME, true), MATCH, T0 + 5);

    assertThat(request.getNotificationId()).isEqualTo(NotificationRequests.alertId("acme", EVENT_ID, "oncall-slack", true));
    assertThat(request.getType()).isEqualTo(NotificationType.ALERT);
    assertThat(request.getTenantId()).isEqualTo("acme");
    assertThat(request.getTier()).isEqualTo(Tier.PROFESSIONAL);
    assertThat(request.getAlert()).isEqualTo(EVENT);
    assertThat(request.getFingerprint()).isEqualTo("fp-1");
    assertThat(request.getRepeat()).isTrue();
    assertThat(request.getDuplicatesSuppressed()).isEqualTo(14);
    assertThat(request.getTarget()).isEqualTo(SLACK);
    assertThat(request.getRouteName()).isEqualTo("pages");
    assertThat(request.getRoutedAt()).isEqualTo(Instant.ofEpochMilli(T0 + 5));
    assertThat(request.getSummary()).isNull();
  }

  @Test
  void aSummaryRequestCountsBySeverityAndIsRoutedWhenItsWindowClosed() {
    SuppressionSummaryDue due = new SuppressionSummaryDue(ACME, Map.of(Severity.INFO, 7L, Severity.HIGH, 3L), T0, T0 + MINUTE);

    NotificationRequest request = NotificationRequests.summary(due, MATCH);

    assertThat(request.getNotificationId()).isEqualTo(NotificationRequests.summaryId("acme", T0, "oncall-slack"));
    assertThat(request.getType()).isEqualTo(NotificationType.SUPPRESSION_SUMMARY);
    assertThat(request.getAlert()).isNull();
    assertThat(request.getFingerprint()).isNull();
    assertThat(request.getSummary().getSuppressedCount()).isEqualTo(10);
    assertThat(request.getSummary().getBySeverity()).containsExactly(Map.entry("HIGH", 3L), Map.entry("INFO", 7L));
    assertThat(request.getSummary().getWindowStart()).isEqualTo(Instant.ofEpochMilli(T0));
    assertThat(request.getSummary().getWindowEnd()).isEqualTo(Instant.ofEpochMilli(T0 + MINUTE));
    assertThat(request.getRoutedAt()).isEqualTo(Instant.ofEpochMilli(T0 + MINUTE));
    assertThat(request.getTarget()).isEqualTo(SLACK);
  }

  @Test
  void theTenantsDeliveryProfileTravelsWhole() {
    DeliveryProfile profile = DeliveryProfile.newBuilder().setDisplayName("Acme SAS").setDefaultLocale("fr")
        .setTimeZone("Europe/Paris").setTemplateOverrides(Map.of("alert.headline", "ALERTE {title}"))
        .setIsolationLevel(IsolationLevel.STRICT).build();
    TenantConfig tenant = TenantConfig.newBuilder(ACME).setDelivery(profile).build();

    NotificationRequest request = NotificationRequests.alert(alert(tenant, false), MATCH, T0);

    assertThat(request.getDelivery()).isEqualTo(profile);
    assertThat(request.getTenantLocale()).as("for notifiers that predate the profile").isEqualTo("fr");
    assertThat(request.getIsolationLevel()).isEqualTo(IsolationLevel.STRICT);
  }

  @Test
  void aTenantInTheFlatLayoutGetsItsProfileFromItsTopLevelFields() {
    TenantConfig tenant = TenantConfig.newBuilder(ACME).setDisplayName("Acme SAS").setDefaultLocale("de")
        .setTimeZone("Europe/Berlin").setIsolationLevel(IsolationLevel.BASIC).build();

    NotificationRequest request = NotificationRequests.summary(
        new SuppressionSummaryDue(tenant, Map.of(Severity.INFO, 1L), T0, T0 + MINUTE), MATCH);

    assertThat(request.getDelivery()).isEqualTo(DeliveryProfile.newBuilder().setDisplayName("Acme SAS")
        .setDefaultLocale("de").setTimeZone("Europe/Berlin").setIsolationLevel(IsolationLevel.BASIC).build());
  }
}
