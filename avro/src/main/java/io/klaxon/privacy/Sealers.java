package io.klaxon.privacy;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.DeadLetter;
import io.klaxon.events.DeadLetterReason;
import io.klaxon.events.DeliveryReceipt;
import io.klaxon.events.NotificationRequest;
import io.klaxon.topics.KlaxonTopics;
import java.util.List;
import java.util.Map;

/**
 * The sealers of the records that carry a tenant's personal data: notifications (the alert's
 * title, message, labels, links and source; the target's addresses; a group's or digest's alerts;
 * who acknowledged), delivery receipts (the detail of a failure, which can quote an address) and
 * alert dead letters of a known tenant (the original event).
 */
public final class Sealers {
  private Sealers() {
  }

  public static Sealer<NotificationRequest> notifications(KlaxonTopics topics) {
    return new Sealer<>("NotificationRequest", topics.notifications(), NotificationRequest::getTenantId,
        NotificationRequest::getSealed, (r, s) -> NotificationRequest.newBuilder(r).setSealed(s).build(), Sealers::emptied);
  }

  /** Alert dead letters that name their tenant: the original event's bytes and the detail are personal. */
  public static Sealer<DeadLetter> deadLetters(KlaxonTopics topics) {
    return new Sealer<>("DeadLetter", topics.alertsDlq(), DeadLetter::getTenantId, DeadLetter::getSealed,
        (r, s) -> DeadLetter.newBuilder(r).setSealed(s).build(),
        r -> DeadLetter.newBuilder(r).setOriginalValue(null).setDetail(namesOnlyTheTenant(r) ? r.getDetail() : SEALED_DETAIL)
            .build());
  }

  /** Whether a dead letter's detail tells only about its tenant (unknown, disabled, erased), never the event's content. */
  private static boolean namesOnlyTheTenant(DeadLetter letter) {
    return letter.getReason() == DeadLetterReason.UNKNOWN_TENANT || letter.getReason() == DeadLetterReason.TENANT_DISABLED;
  }

  /** The detail of a dead letter's clear copy. */
  public static final String SEALED_DETAIL = "sealed";

  public static Sealer<DeliveryReceipt> receipts(KlaxonTopics topics) {
    return new Sealer<>("DeliveryReceipt", topics.deliveries(), DeliveryReceipt::getTenantId, DeliveryReceipt::getSealed,
        (r, s) -> DeliveryReceipt.newBuilder(r).setSealed(s).build(),
        r -> DeliveryReceipt.newBuilder(r).setDetail(null).build());
  }

  /**
   * The notification without personal data. Its target keeps id, channel and locale and loses its
   * member (addresses, URLs, routing key), so a notifier that cannot open it refuses it instead of
   * sending an empty message.
   */
  static NotificationRequest emptied(NotificationRequest request) {
    NotificationRequest.Builder b = NotificationRequest.newBuilder(request).setGroup(null).setDigest(null).setAcknowledged(null);
    AlertEvent alert = request.getAlert();
    if (alert != null) {
      b.setAlert(AlertEvent.newBuilder(alert).setTitle("").setMessage("").setSource("").setLabels(Map.of())
          .setLinks(List.of()).build());
    }
    ChannelTarget target = request.getTarget();
    b.setTarget(ChannelTarget.newBuilder().setId(target.getId()).setChannel(target.getChannel()).setLocale(target.getLocale())
        .build());
    return b.build();
  }
}
