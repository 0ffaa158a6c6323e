package io.klaxon.notifier.render;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertGroup;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.DigestSummary;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.NotificationType;
import io.klaxon.events.Severity;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * What a notification request says about its alerts, whatever its type: whether it reports them
 * resolved and how severe they are. An alert is resolved when its status is RESOLVED; a group when
 * none of its alerts fires any more ({@code firing == 0}); a suppression summary and a digest never
 * are. A digest is as severe as the most severe severity it counts firing occurrences of, INFO when
 * it counts none. The one place these facts are read, so the Slack thread, the colour, the
 * PagerDuty action and the metrics agree on them. Stateless.
 */
public final class NotificationStatus {
  private NotificationStatus() {}

  /** Whether {@code request} reports its alert or group resolved. */
  public static boolean resolved(NotificationRequest request) {
    return switch (request.getType()) {
      case GROUP -> request.getGroup() != null && request.getGroup().getFiring() == 0;
      case ALERT -> request.getAlert() != null && request.getAlert().getStatus() == AlertStatus.RESOLVED;
      case SUPPRESSION_SUMMARY, DIGEST -> false;
    };
  }

  /**
   * The severity {@code request} is about: its alert's, its group's most severe, or its digest's
   * most severe ({@link #mostSevere}); empty for a suppression summary (or an alert request without
   * its alert).
   */
  public static Optional<Severity> severity(NotificationRequest request) {
    return switch (request.getType()) {
      case GROUP -> Optional.ofNullable(request.getGroup()).map(AlertGroup::getMostSevere);
      case ALERT -> Optional.ofNullable(request.getAlert()).map(AlertEvent::getSeverity);
      case DIGEST -> Optional.of(request.getDigest() == null ? Severity.INFO : mostSevere(request.getDigest()));
      case SUPPRESSION_SUMMARY -> Optional.empty();
    };
  }

  /**
   * The most severe severity {@code digest} counts a firing occurrence of, INFO when none. Keys
   * that name no severity are not counted.
   */
  static Severity mostSevere(DigestSummary digest) {
    return Arrays.stream(Severity.values())
        .filter(severity -> count(digest.getBySeverity(), severity) > 0)
        .findFirst()
        .orElse(Severity.INFO);
  }

  /** How many firing occurrences of {@code severity} {@code bySeverity} counts. */
  static long count(Map<String, Long> bySeverity, Severity severity) {
    Long count = bySeverity.get(severity.name());
    return count == null ? 0 : count;
  }

  /**
   * The group of a GROUP request.
   *
   * @throws IllegalArgumentException when {@code request} is not a GROUP or carries no group: it
   *     can never be rendered, so it is never delivered
   */
  public static AlertGroup group(NotificationRequest request) {
    if (request.getType() != NotificationType.GROUP || request.getGroup() == null) {
      throw new IllegalArgumentException("a " + request.getType() + " notification without a group");
    }
    return request.getGroup();
  }

  /**
   * The digest of a DIGEST request.
   *
   * @throws IllegalArgumentException when {@code request} is not a DIGEST or carries no digest: it
   *     can never be rendered, so it is never delivered
   */
  public static DigestSummary digest(NotificationRequest request) {
    if (request.getType() != NotificationType.DIGEST || request.getDigest() == null) {
      throw new IllegalArgumentException("a " + request.getType() + " notification without a digest");
    }
    return request.getDigest();
  }
}
