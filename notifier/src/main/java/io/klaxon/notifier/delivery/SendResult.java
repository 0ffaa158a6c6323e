package io.klaxon.notifier.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link Sender} made of one attempt. Reasons are short, human-readable and never contain
 * secrets (no URLs with tokens, no credentials, no exception messages from transports that might
 * quote them), because they end up in receipts, the DLQ and logs.
 */
public sealed interface SendResult {

  /** The channel's answer code (HTTP or SMTP), or null when there was none. */
  Integer statusCode();

  /** The channel accepted the message. */
  record Delivered(Integer statusCode) implements SendResult {
    public Delivered() {
      this(null);
    }
  }

  /**
   * A transient failure: try again later.
   *
   * @param after the least time to wait before the next attempt to this channel (the channel's
   *     Retry-After), {@link Duration#ZERO} to leave the delay to the backoff policy
   * @param timedOut whether the attempt ran out of time (no answer, or an answer that stalled)
   */
  record Retryable(Duration after, String reason, Integer statusCode, boolean timedOut) implements SendResult {
    public Retryable {
      Objects.requireNonNull(after, "after");
      Objects.requireNonNull(reason, "reason");
      if (after.isNegative()) {
        after = Duration.ZERO;
      }
    }

    public Retryable(Duration after, String reason, Integer statusCode) {
      this(after, reason, statusCode, false);
    }

    public Retryable(Duration after, String reason) {
      this(after, reason, null, false);
    }

    /** An attempt that ran out of time. */
    public static Retryable timedOut(String reason) {
      return new Retryable(Duration.ZERO, reason, null, true);
    }
  }

  /** The channel refused the message for good: retrying cannot help. */
  record Permanent(String reason, Integer statusCode) implements SendResult {
    public Permanent {
      Objects.requireNonNull(reason, "reason");
    }

    public Permanent(String reason) {
      this(reason, null);
    }
  }
}
