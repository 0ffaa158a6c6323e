package io.klaxon.ingest.kafka;

/** Whether a batch of events is durable. */
public sealed interface WriteResult {
  /** Kafka acknowledged every event (acks=all). */
  record Written() implements WriteResult {}

  /**
   * Not every event was acknowledged; some may still have been written, so a client retries the
   * whole request (the same alerts get the same event ids).
   *
   * @param reason what failed, for logs and the answer (never a payload or a secret)
   */
  record Failed(String reason) implements WriteResult {}
}
