package io.klaxon.sinks.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The inbox as JSON for {@code GET /api/messages}:
 *
 * <pre>{@code
 * {"count": 2, "kept": 10, "dropped": 0, "received": {"slack": 5, "email": 3, "webhook": 2, "pagerduty": 1},
 *  "messages": [{"id", "channel", "tenant", "receivedAt", "destination", "rightToLeft", ...}]}
 * }</pre>
 *
 * Newest first. Slack messages add {@code via, channelId, ts, text, blocks, attachments,
 * metadata, edits}; emails {@code from, to, subject, text, html, headers}; webhooks {@code path,
 * webhookId, signature, delivery, responseStatus, body, payload} (payload: the parsed body, or null
 * when it is not JSON); PagerDuty events {@code routingKeyHint, action, dedupKey, summary, severity,
 * source, responseStatus, errors, effect, incident} ({@code {"number", "state"}} with the state now,
 * or null) and {@code event} (the event as received with its routing key replaced by the hint, or
 * null). Stateless.
 */
public final class InboxJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private InboxJson() {}

  public static ObjectNode render(Inbox inbox, InboxQuery query) {
    List<InboxEntry> entries = inbox.list(query);
    ObjectNode root = MAPPER.createObjectNode();
    root.put("count", entries.size()).put("kept", inbox.size()).put("dropped", inbox.dropped());
    ObjectNode received = root.putObject("received");
    for (InboxChannel channel : InboxChannel.values()) {
      received.put(channel.id(), inbox.received(channel));
    }
    ArrayNode messages = root.putArray("messages");
    for (InboxEntry entry : entries) {
      messages.add(entry(entry));
    }
    return root;
  }

  static ObjectNode entry(InboxEntry entry) {
    Capture capture = entry.capture();
    ObjectNode node = MAPPER.createObjectNode()
        .put("id", entry.id())
        .put("channel", capture.channel().id())
        .put("tenant", capture.tenant())
        .put("receivedAt", capture.receivedAt().toString())
        .put("destination", capture.destination())
        .put("rightToLeft", capture.rightToLeft());
    switch (capture) {
      case SlackCapture slack -> {
        node.put("via", slack.via()).put("channelId", slack.channelId()).put("ts", slack.ts())
            .put("text", slack.text()).put("edits", slack.edits())
            .put("threadTs", slack.isReply() ? slack.threadTs() : null);
        node.set("blocks", slack.blocks().isMissingNode() ? null : slack.blocks());
        node.set("attachments", slack.attachments().isMissingNode() ? null : slack.attachments());
        node.set("metadata", slack.metadata().isMissingNode() ? null : slack.metadata());
      }
      case EmailCapture email -> {
        node.put("from", email.from()).put("subject", email.subject()).put("text", email.text())
            .put("html", email.html());
        ArrayNode to = node.putArray("to");
        email.to().forEach(to::add);
        ObjectNode headers = node.putObject("headers");
        email.headers().forEach(headers::put);
      }
      case WebhookCapture webhook -> {
        node.put("path", webhook.path()).put("webhookId", webhook.webhookId())
            .put("signature", webhook.signature().name()).put("delivery", webhook.delivery())
            .put("responseStatus", webhook.responseStatus()).put("body", webhook.body());
        WebhookPayload payload = WebhookPayload.parse(webhook.body());
        node.set("payload", payload.isJson() ? payload.json() : null);
      }
      case PagerDutyCapture pagerDuty -> {
        node.put("routingKeyHint", pagerDuty.routingKeyHint()).put("action", pagerDuty.action())
            .put("dedupKey", pagerDuty.dedupKey()).put("summary", pagerDuty.summary())
            .put("severity", pagerDuty.severity()).put("source", pagerDuty.source())
            .put("responseStatus", pagerDuty.responseStatus()).put("effect", pagerDuty.effect());
        ArrayNode errors = node.putArray("errors");
        pagerDuty.errors().forEach(errors::add);
        node.set("incident", pagerDuty.hasIncident() ? MAPPER.createObjectNode()
            .put("number", pagerDuty.incidentNumber()).put("state", pagerDuty.incidentState().id()) : null);
        WebhookPayload event = WebhookPayload.parse(pagerDuty.event());
        node.set("event", event.isJson() ? event.json() : null);
      }
    }
    return node;
  }
}
