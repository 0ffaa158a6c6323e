package io.klaxon.sinks.inbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An email received by the {@link io.klaxon.sinks.smtp.SmtpStandIn}, parsed.
 *
 * @param receivedAt when it was received
 * @param tenant attributed tenant
 * @param from the From header (decoded)
 * @param to the envelope recipients (RCPT TO), which include Cc and Bcc
 * @param subject the decoded subject, empty when absent
 * @param text the text/plain part, empty when absent
 * @param html the text/html part, empty when absent
 * @param headers selected headers (Content-Language, Message-ID, Auto-Submitted, X-Klaxon-*), by name
 */
public record EmailCapture(Instant receivedAt, String tenant, String from, List<String> to, String subject,
    String text, String html, Map<String, String> headers) implements Capture {
  public EmailCapture {
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(tenant, "tenant");
    from = from == null ? "" : from;
    to = List.copyOf(to);
    subject = subject == null ? "" : subject;
    text = text == null ? "" : text;
    html = html == null ? "" : html;
    headers = Map.copyOf(headers);
  }

  @Override
  public InboxChannel channel() {
    return InboxChannel.EMAIL;
  }

  @Override
  public String destination() {
    return String.join(", ", to);
  }

  /** The Content-Language header, empty when absent. */
  public String language() {
    return headers.getOrDefault("Content-Language", "");
  }

  @Override
  public boolean rightToLeft() {
    return TextDirection.isRightToLeftLanguage(language()) || TextDirection.isRightToLeft(subject);
  }
}
