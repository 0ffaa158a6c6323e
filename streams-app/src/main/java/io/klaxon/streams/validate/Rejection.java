package io.klaxon.streams.validate;

import io.klaxon.events.DeadLetterReason;

/**
 * Why an input is refused.
 *
 * @param reason the reason code written to the dead letter
 * @param detail a human-readable explanation naming the field, byte or limit at fault
 * @param fieldPath the offending field for {@code INVALID_FIELD} ({@code labels.region}), else null
 */
public record Rejection(DeadLetterReason reason, String detail, String fieldPath) {
  static Rejection field(String path, String detail) {
    return new Rejection(DeadLetterReason.INVALID_FIELD, path + ": " + detail, path);
  }
}
