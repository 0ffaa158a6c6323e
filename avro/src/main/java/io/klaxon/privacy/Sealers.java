package io.klaxon.privacy;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.DeadLetter;
import io.klaxon.events.DeadLetterReason;
import io.klaxon.events.DeliveryReceipt;
import io.klaxon.events.NotificationRequest;
import io.klaxon.topics.KlaxonTopics;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
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
        NotificationRequest::getSealed, NotificationRequest::setSealed, Sealers::emptied);
  }

  /** Alert dead letters that name their tenant: the original event's bytes and the detail are personal. */
  public static Sealer<DeadLetter> deadLetters(KlaxonTopics topics) {
    return new Sealer<>("DeadLetter", topics.alertsDlq(), DeadLetter::getTenantId, DeadLetter::getSealed,
        DeadLetter::setSealed, r -> {
          DeadLetter copy = shallowCopy(r);
          copy.setOriginalValue(null);
          copy.setDetail(namesOnlyTheTenant(r) ? r.getDetail() : SEALED_DETAIL);
          return copy;
        });
  }

  /** Whether a dead letter's detail tells only about its tenant (unknown, disabled, erased), never the event's content. */
  private static boolean namesOnlyTheTenant(DeadLetter letter) {
    return letter.getReason() == DeadLetterReason.UNKNOWN_TENANT || letter.getReason() == DeadLetterReason.TENANT_DISABLED;
  }

  /** The detail of a dead letter's clear copy. */
  public static final String SEALED_DETAIL = "sealed";

  public static Sealer<DeliveryReceipt> receipts(KlaxonTopics topics) {
    return new Sealer<>("DeliveryReceipt", topics.deliveries(), DeliveryReceipt::getTenantId, DeliveryReceipt::getSealed,
        DeliveryReceipt::setSealed, r -> {
          DeliveryReceipt copy = shallowCopy(r);
          copy.setDetail(null);
          return copy;
        });
  }

  /**
   * The notification without personal data. Its target keeps id, channel and locale and loses its
   * member (addresses, URLs, routing key), so a notifier that cannot open it refuses it instead of
   * sending an empty message.
   */
  static NotificationRequest emptied(NotificationRequest request) {
    NotificationRequest copy = shallowCopy(request);
    copy.setGroup(null);
    copy.setDigest(null);
    copy.setAcknowledged(null);
    AlertEvent alert = request.getAlert();
    if (alert != null) {
      AlertEvent emptiedAlert = shallowCopy(alert);
      emptiedAlert.setTitle("");
      emptiedAlert.setMessage("");
      emptiedAlert.setSource("");
      emptiedAlert.setLabels(Map.of());
      emptiedAlert.setLinks(List.of());
      copy.setAlert(emptiedAlert);
    }
    ChannelTarget target = request.getTarget();
    copy.setTarget(new ChannelTarget(target.getId(), target.getChannel(), null, null, null, target.getLocale(), null));
    return copy;
  }

  /**
   * A new record whose fields are the very values of {@code record}'s (nothing is copied deeper):
   * the sealers write it at once and change only top-level fields of it, never a value it shares.
   */
  @SuppressWarnings("unchecked")
  static <T extends SpecificRecordBase> T shallowCopy(T record) {
    T copy = (T) SpecificData.newInstance(record.getClass(), record.getSchema());
    for (Schema.Field field : record.getSchema().getFields()) {
      copy.put(field.pos(), record.get(field.pos()));
    }
    return copy;
  }
}
