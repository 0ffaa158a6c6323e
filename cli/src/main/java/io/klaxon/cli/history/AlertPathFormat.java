package io.klaxon.cli.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.klaxon.events.AlertAcknowledged;
import io.klaxon.events.DeliveryReceipt;
import io.klaxon.events.FailedNotification;
import io.klaxon.events.Outcome;

/**
 * Renders an {@link AlertPath} as readable lines (received, outcome, each notification with its
 * attempts and its ending) or as one line of JSON. Stateless and thread-safe.
 */
public final class AlertPathFormat {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AlertPathFormat() {}

  /** Several lines, the last ending with a line break. */
  public static String text(AlertPath p) {
    StringBuilder out = new StringBuilder().append(p.receivedAt());
    AlertAcknowledged ack = p.acknowledgement();
    if (ack != null) {
      out.append("  acknowledged  by ").append(ack.getBy());
      if (!ack.getComment().isEmpty()) {
        out.append("  \"").append(ack.getComment()).append('"');
      }
    } else {
      out.append("  received  event ").append(dash(p.eventId()));
      if (p.title() != null) {
        out.append("  \"").append(p.title()).append('"');
      }
    }
    if (p.fingerprint() != null) {
      out.append("  fingerprint ").append(p.fingerprint());
    }
    out.append('\n');
    Outcome o = p.outcome();
    if (ack != null) {
      out.append("  -> told to the tenant's PagerDuty targets\n");
    } else if (o == null) {
      out.append("  -> outcome not read (before --since, or outcome audit off)\n");
    } else {
      out.append("  -> ").append(o.getOutcome());
      if (o.getReason() != null) {
        out.append("  reason ").append(o.getReason());
      }
      if (o.getDecidedBy() != null) {
        out.append("  decided by ").append(o.getDecidedBy());
      }
      out.append('\n');
    }
    for (NotificationPath n : p.notifications()) {
      out.append("     -> notification ").append(n.notificationId())
          .append("  target ").append(dash(n.targetId())).append(" (").append(dash(n.channel())).append(")\n");
      for (DeliveryReceipt r : n.attempts()) {
        out.append("        ").append(r.getAttemptedAt()).append("  attempt ").append(r.getAttempt())
            .append("  ").append(r.getOutcome())
            .append("  status ").append(r.getStatusCode() == null ? "-" : r.getStatusCode().toString());
        if (r.getDetail() != null) {
          out.append("  ").append(r.getDetail());
        }
        out.append('\n');
      }
      FailedNotification f = n.deadLetter();
      if (f != null) {
        out.append("        ").append(f.getFailedAt()).append("  dead-lettered after ").append(f.getAttempts())
            .append(" attempt(s): ").append(f.getFailure()).append('\n');
      }
      out.append("        = ").append(n.ending()).append('\n');
    }
    return out.toString();
  }

  /** One JSON object on one line. */
  public static String json(AlertPath p) {
    ObjectNode node = JSON.createObjectNode()
        .put("eventId", p.eventId())
        .put("receivedAt", p.receivedAt().toString())
        .put("title", p.title())
        .put("fingerprint", p.fingerprint());
    AlertAcknowledged ack = p.acknowledgement();
    if (ack == null) {
      node.putNull("acknowledgement");
    } else {
      node.putObject("acknowledgement").put("by", ack.getBy()).put("at", ack.getAt().toString())
          .put("comment", ack.getComment());
    }
    Outcome o = p.outcome();
    if (o == null) {
      node.putNull("outcome");
    } else {
      node.putObject("outcome")
          .put("outcome", o.getOutcome().name())
          .put("reason", o.getReason())
          .put("decidedBy", o.getDecidedBy())
          .put("source", o.getSourceTopic() + "-" + o.getSourcePartition() + "@" + o.getSourceOffset());
    }
    ArrayNode notifications = node.putArray("notifications");
    for (NotificationPath n : p.notifications()) {
      ObjectNode notification = notifications.addObject()
          .put("notificationId", n.notificationId())
          .put("targetId", n.targetId())
          .put("channel", n.channel())
          .put("ending", n.ending());
      ArrayNode attempts = notification.putArray("attempts");
      for (DeliveryReceipt r : n.attempts()) {
        ObjectNode attempt = attempts.addObject()
            .put("attempt", r.getAttempt())
            .put("attemptedAt", r.getAttemptedAt().toString())
            .put("outcome", r.getOutcome().name())
            .put("detail", r.getDetail());
        if (r.getStatusCode() == null) {
          attempt.putNull("statusCode");
        } else {
          attempt.put("statusCode", r.getStatusCode().intValue());
        }
      }
      FailedNotification f = n.deadLetter();
      if (f != null) {
        notification.putObject("deadLetter")
            .put("failure", f.getFailure())
            .put("permanent", f.getPermanent())
            .put("attempts", f.getAttempts())
            .put("failedAt", f.getFailedAt().toString());
      }
    }
    return node.toString();
  }

  private static String dash(String s) {
    return s == null ? "-" : s;
  }
}
