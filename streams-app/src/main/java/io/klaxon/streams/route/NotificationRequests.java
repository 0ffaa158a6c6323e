package io.klaxon.streams.route;

import io.klaxon.contract.DeliveryProfiles;
import io.klaxon.control.Acknowledgement;
import io.klaxon.events.AlertAcknowledged;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertGroup;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.DigestSummary;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.NotificationType;
import io.klaxon.events.SuppressionSummary;
import io.klaxon.events.TenantConfig;
import io.klaxon.streams.Hashing;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the notification requests of a routed alert, summary, group flush or digest, one per target, with
 * deterministic ids: the same occurrence and target always yield the same id, so a replay or a
 * retry is recognisable downstream. The tenant's notifier-only settings travel as one
 * {@link io.klaxon.events.DeliveryProfile}, copied whole and never looked into. Stateless.
 */
public final class NotificationRequests {
  /** The route name of an acknowledgement's requests. */
  public static final String ACK_ROUTE = "ack";

  private NotificationRequests() {}

  /** The id of (event, target), marked when the notification is a repeat. */
  public static String alertId(String tenantId, String eventId, String targetId, boolean repeat) {
    return Hashing.sha256("alert", tenantId, eventId, targetId, repeat ? "repeat" : "first").substring(0, 32);
  }

  /** The fingerprint of a group's notifications ({@code group:<groupKey>}), which Slack threads are keyed by. */
  public static String groupFingerprint(String groupKey) {
    return "group:" + groupKey;
  }

  /** The id of a tenant's suppression summary for a window and target. */
  public static String summaryId(String tenantId, long windowStart, String targetId) {
    return Hashing.sha256("summary", tenantId, Long.toString(windowStart), targetId).substring(0, 32);
  }

  /** The request for {@code alert} to the target of {@code match}, routed at record time {@code routedAt}. */
  public static NotificationRequest alert(RoutableAlert alert, RouteMatch match, long routedAt) {
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

  /** The request for {@code due} to the target of {@code match}, routed when its window closed. */
  public static NotificationRequest summary(SuppressionSummaryDue due, RouteMatch match) {
    Map<String, Long> bySeverity = new LinkedHashMap<>();
    due.suppressed().forEach((severity, count) -> bySeverity.put(severity.name(), count));
    return base(due.tenant(), match, due.windowEnd())
        .setNotificationId(summaryId(due.tenant().getTenantId(), due.windowStart(), match.target().getId()))
        .setType(NotificationType.SUPPRESSION_SUMMARY)
        .setAlert(null)
        .setFingerprint(null)
        .setSummary(new SuppressionSummary(due.total(), bySeverity, Instant.ofEpochMilli(due.windowStart()),
            Instant.ofEpochMilli(due.windowEnd())))
        .build();
  }

  /**
   * The request of one flush of a group to {@code target}, chosen by rule {@code routeName}, sent at
   * {@code routedAt}. Its {@code alert} is the group's most severe listed alert, which is what a
   * notifier that predates groups renders; its fingerprint names the group, so the group's
   * notifications share one Slack thread.
   */
  public static NotificationRequest group(TenantConfig tenant, String routeName, ChannelTarget target, long routedAt,
      String notificationId, AlertGroup group, AlertEvent representative, boolean repeat) {
    return base(tenant, new RouteMatch(routeName, target), routedAt)
        .setNotificationId(notificationId)
        .setType(NotificationType.GROUP)
        .setAlert(representative)
        .setFingerprint(groupFingerprint(group.getGroupKey()))
        .setRepeat(repeat)
        .setSummary(null)
        .setGroup(group)
        .build();
  }

  /** The request of a target's digest, sent at {@code routedAt}. */
  public static NotificationRequest digest(TenantConfig tenant, String routeName, ChannelTarget target, long routedAt,
      String notificationId, DigestSummary digest) {
    return base(tenant, new RouteMatch(routeName, target), routedAt)
        .setNotificationId(notificationId)
        .setType(NotificationType.DIGEST)
        .setAlert(null)
        .setFingerprint(null)
        .setSummary(null)
        .setDigest(digest)
        .build();
  }

  /**
   * The request that tells a PagerDuty target the tenant's alert {@code ack} names was acknowledged
   * in Klaxon: type ALERT with no alert, the fingerprint and who acknowledged it. Its id is that of
   * (tenant, fingerprint, time of the acknowledgement, target), so each acknowledgement is one
   * notification per target, however often it is looked at.
   */
  public static NotificationRequest acknowledgement(TenantConfig tenant, ChannelTarget target, Acknowledgement ack,
      long routedAt) {
    return base(tenant, new RouteMatch(ACK_ROUTE, target), routedAt)
        .setNotificationId(Hashing.sha256("ack", tenant.getTenantId(), ack.getFingerprint(),
            Long.toString(ack.getAt().toEpochMilli()), target.getId()).substring(0, 32))
        .setType(NotificationType.ALERT)
        .setAlert(null)
        .setFingerprint(ack.getFingerprint())
        .setSummary(null)
        .setAcknowledged(new AlertAcknowledged(ack.getBy(), ack.getAt(), ack.getComment()))
        .build();
  }

  private static NotificationRequest.Builder base(TenantConfig tenant, RouteMatch match, long routedAt) {
    NotificationRequest.Builder request = NotificationRequest.newBuilder()
        .setTenantId(tenant.getTenantId())
        .setTier(tenant.getTier())
        .setTarget(match.target())
        .setRouteName(match.routeName())
        .setRoutedAt(Instant.ofEpochMilli(routedAt));
    return DeliveryProfiles.carry(request, DeliveryProfiles.of(tenant));
  }
}
