package io.klaxon.sinks.inbox;

/** The {@link io.klaxon.sinks.webhook.WebhookReceiver}'s verdict on a delivery's Standard Webhooks signature. */
public enum SignatureStatus {
  /** One of the signatures matches the configured secret and the timestamp is recent. */
  VALID,
  /** Headers present and timestamp recent, but no signature matches. */
  INVALID,
  /** webhook-id, webhook-timestamp or webhook-signature is absent. */
  MISSING,
  /** The timestamp is unreadable or more than the tolerance away from the receiver's clock. */
  STALE,
  /** No secret is configured for the request path, so nothing could be checked. */
  NO_SECRET
}
