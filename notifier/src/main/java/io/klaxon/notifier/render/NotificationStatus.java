package io.klaxon.notifier.render;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertGroup;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.NotificationType;
import io.klaxon.events.Severity;
import java.util.Optional;

/**
 * What a notification request says about its alerts, whatever its type: whether it reports them
 * resolved and how severe they are. An alert is resolved when its status is RESOLVED; a group when
 * none of its alerts fires any more ({@code firing == 0}); a suppression summary never is. The one
 * place these facts are read, so the Slack thread, the colour, the PagerDuty action and the
 * metrics agree on them. Stateless.
 */
public final class NotificationStatus {
  private NotificationStatus() {}

  /** Whether {@code request} reports its alert or group resolved. */
  public static boolean resolved(NotificationRequest request) {
    return switch (request.getType()) {
      case GROUP -> request.getGroup() != null && request.getGroup().getFiring() == 0;
      case ALERT -> request.getAlert() != null && request.getAlert().getStatus() == AlertStatus.RESOLVED;
      case SUPPRESSION_SUMMARY -> false;
    };
  }

  /**
   * The severity {@code request} is about: its alert's, or its group's most severe; empty for a
   * suppression summary (or an alert request without its alert).
   */
  public static Optional<Severity> severity(NotificationRequest request) {
    return switch (request.getType()) {
      case GROUP -> Optional.ofNullable(request.getGroup()).map(AlertGroup::getMostSevere);
      case ALERT -> Optional.ofNullable(request.getAlert()).map(AlertEvent::getSeverity);
      case SUPPRESSION_SUMMARY -> Optional.empty();
    };
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
}
