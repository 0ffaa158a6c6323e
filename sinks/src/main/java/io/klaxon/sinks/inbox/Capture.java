package io.klaxon.sinks.inbox;

import java.time.Instant;

/**
 * Something a stand-in received, as it arrived: untrusted data, to be escaped wherever it is
 * shown. Implementations are immutable.
 */
public sealed interface Capture permits SlackCapture, EmailCapture, WebhookCapture, PagerDutyCapture {
  /** The channel it arrived on. */
  InboxChannel channel();

  /** When the stand-in received it. */
  Instant receivedAt();

  /** The tenant it was attributed to ({@link TenantAttribution}); never null, may be {@code "unknown"}. */
  String tenant();

  /** Where it was addressed: a Slack channel, the email recipients, a webhook path, a PagerDuty routing key's hint. */
  String destination();

  /** Whether its content reads right to left (Arabic, Hebrew, or right-to-left isolates). */
  boolean rightToLeft();
}
