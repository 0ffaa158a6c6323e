package io.klaxon.streams.limit;

import io.klaxon.contract.TargetKind;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.Channel;
import io.klaxon.events.ChannelLimit;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.Severity;
import io.klaxon.events.TenantConfig;
import io.klaxon.streams.Hashing;
import io.klaxon.streams.TenantKeys;
import java.time.Duration;

/**
 * A tenant's limits on notifications per channel ({@code notificationLimits}, like Mimir's
 * per-integration notification rate limit): which apply, which notifications they may hold back,
 * and the token-bucket arithmetic, by wall-clock time (the limits protect receivers, which live in
 * wall-clock time). Held notifications are summarized per target once per {@link #WINDOW}.
 * Stateless.
 *
 * <p>What is never held: summaries (a rate-limit suppression summary, a digest, a summary of held
 * notifications; each is already at most one per target and window), and CRITICAL firing alerts
 * (an ALERT, or a GROUP whose most severe firing alert is CRITICAL): they pass over the limit, and
 * take a token when there is one, so the limit holds back less severe notifications while a
 * CRITICAL storm lasts.
 */
public final class NotificationLimits {
  /** How long held notifications are collected for one summary per target, from the first one held. */
  public static final Duration WINDOW = Duration.ofMinutes(1);
  /** How many of the most frequent titles a summary lists. */
  public static final int TOP_TITLES = 5;

  private NotificationLimits() {}

  /** Whether any channel of the tenant is limited: only then do its notifications go through the limit. */
  public static boolean any(TenantConfig tenant) {
    return tenant != null && !tenant.getNotificationLimits().isEmpty();
  }

  /**
   * The tenant's limit for {@code target}'s channel, or null. A PagerDuty target carries WEBHOOK
   * ({@link TargetKind}) but no limit holds it back: a page is never held.
   */
  public static ChannelLimit of(TenantConfig tenant, ChannelTarget target) {
    if (tenant == null || TargetKind.of(target) == TargetKind.PAGERDUTY) {
      return null;
    }
    for (ChannelLimit limit : tenant.getNotificationLimits()) {
      if (limit.getChannel() == target.getChannel()) {
        return limit;
      }
    }
    return null;
  }

  /** The bucket's size: {@code burst}, else {@code perMinute}. */
  public static int burst(ChannelLimit limit) {
    return limit.getBurst() == null ? limit.getPerMinute() : limit.getBurst();
  }

  /** Whether {@code request} is a summary, which no limit holds back nor counts. */
  public static boolean isSummary(NotificationRequest request) {
    return switch (request.getType()) {
      case ALERT, GROUP -> false;
      case SUPPRESSION_SUMMARY, DIGEST -> true;
    };
  }

  /** Whether {@code request} is about a CRITICAL alert that fires: it passes over the limit. */
  public static boolean critical(NotificationRequest request) {
    return switch (request.getType()) {
      case ALERT -> request.getAlert() != null && request.getAlert().getSeverity() == Severity.CRITICAL
          && request.getAlert().getStatus() == AlertStatus.FIRING;
      case GROUP -> request.getGroup() != null && request.getGroup().getMostSevere() == Severity.CRITICAL
          && request.getGroup().getFiring() > 0;
      case SUPPRESSION_SUMMARY, DIGEST -> false;
    };
  }

  /**
   * A decision and the bucket after it.
   *
   * @param allowed whether a notification may go out now
   * @param bucket the new state
   */
  public record Decision(boolean allowed, LimitBucket bucket) {}

  /**
   * Refills {@code bucket} (null: a full one) for the time since its last refill (never backwards),
   * then takes a token when there is one.
   */
  public static Decision take(LimitBucket bucket, ChannelLimit limit, long now) {
    int size = burst(limit);
    if (bucket == null) {
      bucket = new LimitBucket(size, now);
    }
    long elapsed = Math.max(0, now - bucket.refilledAt());
    double tokens = Math.min(size, bucket.tokens() + elapsed * limit.getPerMinute() / 60_000.0);
    long refilledAt = Math.max(bucket.refilledAt(), now);
    return tokens >= 1
        ? new Decision(true, new LimitBucket(tokens - 1, refilledAt))
        : new Decision(false, new LimitBucket(tokens, refilledAt));
  }

  /** The key of a tenant's bucket for a channel: {@code tenant/CHANNEL} ({@link TenantKeys}). */
  public static String bucketKey(String tenantId, Channel channel) {
    return TenantKeys.of(tenantId, channel.name());
  }

  /** The key of a target's held notifications: {@code tenant/targetId}. */
  public static String heldKey(String tenantId, String targetId) {
    return TenantKeys.of(tenantId, targetId);
  }

  /** The notification id of the summary of a target's notifications held from {@code windowStart}. */
  public static String summaryId(String tenantId, String targetId, long windowStart) {
    return Hashing.sha256("held", tenantId, targetId, Long.toString(windowStart)).substring(0, 32);
  }
}
