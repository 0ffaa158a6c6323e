package io.klaxon.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.DeadLetter;
import io.klaxon.events.DeadLetterReason;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
  private static final long T = 1_790_000_000_000L;

  @Test
  void keepsWhereTheRecordCameFromAndItsBytesStampedAtRecordTime() {
    byte[] key = {'a', 'c', 'm', 'e'};
    byte[] value = {0, 0, 0, 0, 7, 42};

    DeadLetter letter = DeadLetters.builder(DeadLetterReason.INVALID_FIELD, "too long", "alerts", 2, 41, T, key, value)
        .setFieldPath("title").setTenantId("acme").setSchemaId(7).build();
    key[0] = 'X';
    value[5] = 0;

    assertThat(letter.getReason()).isEqualTo(DeadLetterReason.INVALID_FIELD);
    assertThat(letter.getDetail()).isEqualTo("too long");
    assertThat(letter.getFieldPath()).isEqualTo("title");
    assertThat(letter.getSourceTopic()).isEqualTo("alerts");
    assertThat(letter.getSourcePartition()).isEqualTo(2);
    assertThat(letter.getSourceOffset()).isEqualTo(41);
    assertThat(letter.getOriginalTimestamp()).isEqualTo(Instant.ofEpochMilli(T));
    assertThat(letter.getDeadLetteredAt()).isEqualTo(Instant.ofEpochMilli(T));
    // Copies: the caller's arrays may be reused after the letter is built.
    assertThat(letter.getOriginalKey()).isEqualTo(ByteBuffer.wrap(new byte[] {'a', 'c', 'm', 'e'}));
    assertThat(letter.getOriginalValue()).isEqualTo(ByteBuffer.wrap(new byte[] {0, 0, 0, 0, 7, 42}));
  }

  @Test
  void anUnknownSourceAndMissingBytesStillMakeAValidLetter() {
    DeadLetter letter = DeadLetters.builder(DeadLetterReason.PRODUCTION_ERROR, "could not produce", null, -1, -1, T,
        null, null).build();

    assertThat(letter.getSourceTopic()).isEmpty();
    assertThat(letter.getSourcePartition()).isEqualTo(-1);
    assertThat(letter.getOriginalKey()).isNull();
    assertThat(letter.getOriginalValue()).isNull();
    assertThat(letter.getTenantId()).isNull();
  }
}
