package io.klaxon.contract;

import io.klaxon.events.DeadLetter;
import io.klaxon.events.DeadLetterReason;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The one way a {@link DeadLetter} is made. Every dead letter carries what {@code klaxon dlq
 * replay} needs to re-inject the rejected record unchanged: its source topic, partition and
 * offset, its timestamp, and its key and value bytes exactly as read. It is stamped as
 * dead-lettered at the record's own time, not the wall clock, so a replay decides the same.
 * Stateless and thread-safe.
 */
public final class DeadLetters {
  private DeadLetters() {}

  /**
   * A dead letter for one rejected record, with every required field set; the caller adds what it
   * knows of the optional ones (tenant id, event id, schema id, field path) and builds it.
   *
   * @param reason why the record was rejected
   * @param detail a human-readable explanation (never a secret or the payload)
   * @param sourceTopic the topic the record was read from; null when unknown (written as "")
   * @param sourcePartition its partition, or -1 when unknown
   * @param sourceOffset its offset, or -1 when unknown
   * @param timestamp the record's timestamp (epoch milliseconds)
   * @param key the key bytes as read, or null; copied, so the caller may reuse the array
   * @param value the value bytes as read, or null; copied
   */
  public static DeadLetter.Builder builder(DeadLetterReason reason, String detail, String sourceTopic,
      int sourcePartition, long sourceOffset, long timestamp, byte[] key, byte[] value) {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
    Instant recordTime = Instant.ofEpochMilli(timestamp);
    return DeadLetter.newBuilder()
        .setReason(reason)
        .setDetail(detail)
        .setSourceTopic(sourceTopic == null ? "" : sourceTopic)
        .setSourcePartition(sourcePartition)
        .setSourceOffset(sourceOffset)
        .setOriginalTimestamp(recordTime)
        .setOriginalKey(copy(key))
        .setOriginalValue(copy(value))
        .setDeadLetteredAt(recordTime);
  }

  private static ByteBuffer copy(byte[] bytes) {
    return bytes == null ? null : ByteBuffer.wrap(Arrays.copyOf(bytes, bytes.length));
  }
}
