package io.klaxon.streams.route;

import io.klaxon.events.NotificationRequest;
import io.klaxon.events.NotificationType;
import io.klaxon.events.Severity;
import io.klaxon.events.SuppressionSummary;
import io.klaxon.events.TenantConfig;
import io.klaxon.streams.Hashing;
import io.klaxon.streams.InFlight;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds notification requests with deterministic ids: the same occurrence and target always
 * yield the same id, so a replay or a retry is recognisable downstream.
 */
public final class Notifications {
  private Notifications() {}

  /** The id of (event, target), marked when the notification is a repeat. */
  public static String alertId(String tenantId, String eventId, String targetId, boolean repeat) {
    return Hashing.sha256("alert", tenantId, eventId, targetId, repeat ? "repeat" : "first").substring(0, 32);
  }

  /** The id of a tenant's suppression summary for a window and target. */
  public static String summaryId(String tenantId, long windowStart, String targetId) {
    return Hashing.sha256("summary", tenantId, Long.toString(windowStart), targetId).substring(0, 32);
  }

  public static NotificationRequest alert(InFlight alert, RouteMatch match, long routedAt) {
    TenantConfig tenant = alert.tenant();
    return base(tenant, match, routedAt)
        .setNotificationId(alertId(tenant.getTenantId(), alert.event().getEventId(), match.target().getId(), alert.repeat()))
        .setType(NotificationType.ALERT)
        .setAlert(alert.event())
        .setFingerprint(alert.fingerprint())
        .setRepeat(alert.repeat())
        .setDuplicatesSuppressed(alert.duplicatesSuppressed())
        .setSummary(null)
        .build();
  }

  public static NotificationRequest summary(TenantConfig tenant, long[] suppressed, long windowStart, long windowEnd,
      RouteMatch match) {
    Map<String, Long> bySeverity = new LinkedHashMap<>();
    long total = 0;
    for (Severity severity : Severity.values()) {
      if (suppressed[severity.ordinal()] > 0) {
        bySeverity.put(severity.name(), suppressed[severity.ordinal()]);
        total += suppressed[severity.ordinal()];
      }
    }
    return base(tenant, match, windowEnd)
        .setNotificationId(summaryId(tenant.getTenantId(), windowStart, match.target().getId()))
        .setType(NotificationType.SUPPRESSION_SUMMARY)
        .setAlert(null)
        .setFingerprint(null)
        .setSummary(new SuppressionSummary(total, bySeverity, Instant.ofEpochMilli(windowStart), Instant.ofEpochMilli(windowEnd)))
        .build();
  }

  private static NotificationRequest.Builder base(TenantConfig tenant, RouteMatch match, long routedAt) {
    return NotificationRequest.newBuilder()
        .setTenantId(tenant.getTenantId())
        .setTenantName(tenant.getDisplayName())
        .setTier(tenant.getTier())
        .setTarget(match.target())
        .setRouteName(match.routeName())
        .setTenantLocale(tenant.getDefaultLocale())
        .setTimeZone(tenant.getTimeZone())
        .setTemplateOverrides(tenant.getTemplateOverrides())
        .setIsolationLevel(tenant.getIsolationLevel())
        .setRoutedAt(Instant.ofEpochMilli(routedAt));
  }
}
