package io.klaxon.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

class BoundedBinaryDecoderTest {
  private static BoundedBinaryDecoder decoderOf(long... varLongs) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    for (long value : varLongs) {
      encoder.writeLong(value);
    }
    encoder.flush();
    byte[] bytes = out.toByteArray();
    return new BoundedBinaryDecoder(bytes, 0, bytes.length);
  }

  @Test
  void readsWhatFitsInThePayload() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    encoder.writeString("ça brûle");
    encoder.writeBytes(new byte[] {1, 2, 3});
    encoder.writeArrayStart();
    encoder.setItemCount(2);
    encoder.startItem();
    encoder.writeInt(7);
    encoder.startItem();
    encoder.writeInt(8);
    encoder.writeArrayEnd();
    encoder.flush();
    byte[] bytes = out.toByteArray();
    BoundedBinaryDecoder decoder = new BoundedBinaryDecoder(bytes, 0, bytes.length);

    assertThat(decoder.readString()).isEqualTo("ça brûle");
    assertThat(decoder.readBytes(null).array()).containsExactly(1, 2, 3);
    assertThat(decoder.readArrayStart()).isEqualTo(2);
    assertThat(decoder.readInt()).isEqualTo(7);
    assertThat(decoder.readInt()).isEqualTo(8);
    assertThat(decoder.arrayNext()).isZero();
    assertThat(decoder.isEnd()).isTrue();
  }

  @Test
  void aStringLongerThanWhatIsLeftEndsThePayload() throws Exception {
    BoundedBinaryDecoder decoder = decoderOf(Integer.MAX_VALUE);
    assertThatThrownBy(decoder::readString).isInstanceOf(EOFException.class)
        .hasMessageContaining("2147483647 bytes claimed with 0 left");
  }

  @Test
  void aNegativeLengthIsMalformed() throws Exception {
    assertThatThrownBy(() -> decoderOf(-3).readBytes(null)).isInstanceOf(AvroRuntimeException.class);
  }

  @Test
  void aBlockOfMoreItemsThanBytesLeftEndsThePayloadWhetherReadOrSkipped() throws Exception {
    // An array of nulls takes no bytes per item: without the check, skipping it would loop 2^40 times.
    assertThatThrownBy(() -> decoderOf(1L << 40).skipArray()).isInstanceOf(EOFException.class);
    assertThatThrownBy(() -> decoderOf(1000).readArrayStart()).isInstanceOf(EOFException.class);
    assertThatThrownBy(() -> decoderOf(1L << 40).skipMap()).isInstanceOf(EOFException.class);
    assertThatThrownBy(() -> decoderOf(1000, 1).readMapStart()).isInstanceOf(EOFException.class);
  }

  @Test
  void utf8IsReusedWhenGiven() throws Exception {
    byte[] bytes = {6, 'a', 'b', 'c'};
    org.apache.avro.util.Utf8 reused = new org.apache.avro.util.Utf8("longer than abc");
    assertThat(new BoundedBinaryDecoder(bytes, 0, bytes.length).readString(reused).toString()).isEqualTo("abc");
    assertThat(new String(bytes, 1, 3, StandardCharsets.UTF_8)).isEqualTo("abc");
  }
}
