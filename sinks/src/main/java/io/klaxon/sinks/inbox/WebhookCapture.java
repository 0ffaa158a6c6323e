package io.klaxon.sinks.inbox;

import java.time.Instant;
import java.util.Objects;

/**
 * A webhook delivery received by the {@link io.klaxon.sinks.webhook.WebhookReceiver}.
 *
 * @param receivedAt when it was received
 * @param tenant attributed tenant
 * @param path the request path ({@code /hooks/…})
 * @param webhookId the {@code webhook-id} header, empty when absent
 * @param signature the verdict on its Standard Webhooks signature
 * @param delivery how many times this webhook id had arrived, this one included (1 = first)
 * @param body the body exactly as received (UTF-8)
 * @param responseStatus the HTTP status the receiver answered
 */
public record WebhookCapture(Instant receivedAt, String tenant, String path, String webhookId,
    SignatureStatus signature, int delivery, String body, int responseStatus) implements Capture {
  public WebhookCapture {
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(path, "path");
    webhookId = webhookId == null ? "" : webhookId;
    Objects.requireNonNull(signature, "signature");
    body = body == null ? "" : body;
  }

  @Override
  public InboxChannel channel() {
    return InboxChannel.WEBHOOK;
  }

  @Override
  public String destination() {
    return path;
  }

  /** Whether this delivery repeats an earlier one with the same webhook id. */
  public boolean repeat() {
    return delivery > 1;
  }

  @Override
  public boolean rightToLeft() {
    return WebhookPayload.parse(body).rightToLeft();
  }
}
