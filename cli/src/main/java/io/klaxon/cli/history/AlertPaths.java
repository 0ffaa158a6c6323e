package io.klaxon.cli.history;

import io.klaxon.contract.TargetKind;
import io.klaxon.events.AlertAcknowledged;
import io.klaxon.events.DeliveryReceipt;
import io.klaxon.events.FailedNotification;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.Outcome;
import io.klaxon.events.OutcomeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Joins one tenant's outcomes, notification requests, delivery receipts and notifier dead letters
 * into {@link AlertPath}s: an outcome names its notifications ({@code notificationIds}), which
 * requests, receipts and dead letters carry ({@code notificationId}), and the groups it joined
 * ({@code groupKeys}), whose flushes list it. A request no outcome read
 * names (its outcome was written before the read started, or the outcome audit is off) becomes a
 * path of its own without an outcome. Not thread-safe; one instance per join.
 */
public final class AlertPaths {
  private static final Set<OutcomeType> FINGERPRINT_IN_DETAIL =
      Set.of(OutcomeType.ROUTED, OutcomeType.DEDUPLICATED, OutcomeType.SILENCED, OutcomeType.ACKNOWLEDGED);

  private final List<Outcome> outcomes = new ArrayList<>();
  private final Map<String, NotificationRequest> requests = new LinkedHashMap<>();
  private final Map<String, List<DeliveryReceipt>> receipts = new HashMap<>();
  private final Map<String, FailedNotification> deadLetters = new HashMap<>();

  public AlertPaths addOutcome(Outcome outcome) {
    outcomes.add(outcome);
    return this;
  }

  public AlertPaths addRequest(NotificationRequest request) {
    requests.putIfAbsent(request.getNotificationId(), request);
    return this;
  }

  public AlertPaths addReceipt(DeliveryReceipt receipt) {
    receipts.computeIfAbsent(receipt.getNotificationId(), id -> new ArrayList<>()).add(receipt);
    return this;
  }

  public AlertPaths addDeadLetter(FailedNotification failed) {
    deadLetters.put(failed.getRequest().getNotificationId(), failed);
    addRequest(failed.getRequest());
    return this;
  }

  /** The paths, oldest first; {@code fingerprint} and {@code eventId}, when not null, keep only the matching ones. */
  public List<AlertPath> paths(String fingerprint, String eventId) {
    List<AlertPath> paths = new ArrayList<>();
    Set<String> named = new LinkedHashSet<>();
    for (Outcome outcome : outcomes) {
      List<String> ids = new ArrayList<>(outcome.getNotificationIds());
      ids.addAll(groupFlushesListing(outcome));
      named.addAll(ids);
      paths.add(path(outcome.getEventId(), outcome.getRecordTimestamp(), outcome, ids, null));
    }
    // Acknowledgements sent to PagerDuty: one path per acknowledgement (fingerprint and time).
    Map<String, List<String>> byAcknowledgement = new LinkedHashMap<>();
    for (NotificationRequest request : requests.values()) {
      if (request.getAcknowledged() != null) {
        byAcknowledgement.computeIfAbsent(request.getFingerprint() + "@" + request.getAcknowledged().getAt().toEpochMilli(),
            k -> new ArrayList<>()).add(request.getNotificationId());
      }
    }
    byAcknowledgement.values().forEach(ids -> {
      AlertAcknowledged ack = requests.get(ids.getFirst()).getAcknowledged();
      paths.add(path(null, ack.getAt(), null, ids, ack));
    });
    // Requests whose outcome was not read, grouped by event: one path per alert occurrence.
    Map<String, List<String>> unnamedByEvent = new LinkedHashMap<>();
    for (NotificationRequest request : requests.values()) {
      if (!named.contains(request.getNotificationId()) && request.getAcknowledged() == null) {
        String event = request.getAlert() != null ? request.getAlert().getEventId() : request.getNotificationId();
        unnamedByEvent.computeIfAbsent(event, e -> new ArrayList<>()).add(request.getNotificationId());
      }
    }
    unnamedByEvent.forEach((event, ids) ->
        paths.add(path(event, requests.get(ids.getFirst()).getRoutedAt(), null, ids, null)));
    return paths.stream()
        .filter(p -> fingerprint == null || fingerprint.equals(p.fingerprint()))
        .filter(p -> eventId == null || eventId.equals(p.eventId()))
        .sorted(Comparator.comparing(AlertPath::receivedAt))
        .toList();
  }

  /**
   * The flushes of the groups an alert joined (its outcome's {@code groupKeys}) that list this
   * occurrence; a flush that only counts it (the group was larger than a notification lists) is not
   * found.
   */
  private List<String> groupFlushesListing(Outcome outcome) {
    if (outcome.getGroupKeys().isEmpty()) {
      return List.of();
    }
    return requests.values().stream()
        .filter(r -> r.getGroup() != null && outcome.getGroupKeys().contains(r.getGroup().getGroupKey()))
        .filter(r -> r.getGroup().getAlerts().stream().anyMatch(a -> a.getAlert().getEventId().equals(outcome.getEventId())))
        .map(NotificationRequest::getNotificationId)
        .toList();
  }

  private AlertPath path(String eventId, Instant receivedAt, Outcome outcome, List<String> notificationIds,
      AlertAcknowledged acknowledgement) {
    String title = null;
    String fingerprint = outcome != null && FINGERPRINT_IN_DETAIL.contains(outcome.getOutcome()) ? outcome.getDetail() : null;
    List<NotificationPath> notifications = new ArrayList<>();
    for (String id : notificationIds) {
      NotificationRequest request = requests.get(id);
      List<DeliveryReceipt> attempts = new ArrayList<>(receipts.getOrDefault(id, List.of()));
      attempts.sort(Comparator.comparing(DeliveryReceipt::getAttempt).thenComparing(DeliveryReceipt::getAttemptedAt));
      String targetId = null;
      String channel = null;
      if (request != null) {
        targetId = request.getTarget().getId();
        channel = TargetKind.of(request.getTarget()).name();
        if (title == null && request.getAlert() != null) {
          title = request.getAlert().getTitle();
        }
        if (fingerprint == null) {
          fingerprint = request.getFingerprint();
        }
      } else if (!attempts.isEmpty()) {
        targetId = attempts.getFirst().getTargetId();
        channel = TargetKind.of(attempts.getFirst()).name();
      }
      notifications.add(new NotificationPath(id, targetId, channel, attempts, deadLetters.get(id)));
    }
    return new AlertPath(eventId, receivedAt, title, fingerprint, outcome, notifications, acknowledgement);
  }
}
