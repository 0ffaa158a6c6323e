package io.klaxon.cli.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.DeadLetter;
import io.klaxon.events.DeadLetterReason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadLetterFormatTest {
  private static final DeadLetter LETTER = DeadLetter.newBuilder()
      .setReason(DeadLetterReason.UNKNOWN_TENANT)
      .setDetail("tenant 'nobody' is not configured")
      .setTenantId("nobody")
      .setEventId("e-1")
      .setSourceTopic("klaxon.alerts.v1")
      .setSourcePartition(2)
      .setSourceOffset(42)
      .setOriginalTimestamp(Instant.parse("2026-11-22T09:00:00Z"))
      .setOriginalKey(ByteBuffer.wrap("nobody".getBytes(StandardCharsets.UTF_8)))
      .setOriginalValue(null)
      .setDeadLetteredAt(Instant.parse("2026-11-22T09:00:01Z"))
      .build();

  @Test
  void lineNamesReasonTenantSourceAndDetail() {
    assertThat(DeadLetterFormat.line(LETTER)).isEqualTo(
        "2026-11-22T09:00:01Z UNKNOWN_TENANT tenant=nobody event=e-1 from=klaxon.alerts.v1-2@42 tenant 'nobody' is not configured");
  }

  @Test
  void jsonCarriesOriginalBytesAsBase64() {
    assertThat(DeadLetterFormat.json(LETTER))
        .contains("\"reason\":\"UNKNOWN_TENANT\"", "\"sourceOffset\":42", "\"originalKey\":\"bm9ib2R5\"", "\"originalValue\":null");
  }

  @Test
  void bytesCopyDoesNotConsumeTheBuffer() {
    ByteBuffer buffer = ByteBuffer.wrap(new byte[] {1, 2, 3});

    assertThat(DeadLetterFormat.bytes(buffer)).containsExactly(1, 2, 3);
    assertThat(DeadLetterFormat.bytes(buffer)).containsExactly(1, 2, 3);
    assertThat(DeadLetterFormat.bytes(null)).isNull();
  }
}
