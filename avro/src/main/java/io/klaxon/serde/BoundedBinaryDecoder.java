package io.klaxon.serde;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;

/**
 * Avro binary decoding of one payload held in memory, where no length prefix or block count can
 * claim more than the bytes that are left. Avro itself allocates a string's or an array's storage
 * from its prefix before it reads the contents (up to its configured limits, 16 MB here): a 6-byte
 * garbage payload would cost 16 MB, and a block of a billion zero-byte items (an array of nulls
 * that a compatible writer schema may add) would keep a reader skipping for hours. Here a string or
 * bytes value longer than the rest of the payload, or an array or map block with more items than
 * bytes left, ends the payload early ({@link EOFException}); every item of Klaxon's contracts
 * takes at least one byte, so no valid record is refused. Allocation is thereby bounded by a small
 * multiple of the payload.
 *
 * <p>Not thread-safe: one instance per payload.
 */
final class BoundedBinaryDecoder extends Decoder {
  private final BinaryDecoder in;

  BoundedBinaryDecoder(byte[] data, int offset, int length) {
    this.in = DecoderFactory.get().binaryDecoder(data, offset, length, null);
  }

  /** Whether every byte of the payload has been read. */
  boolean isEnd() throws IOException {
    return in.isEnd();
  }

  /** Bytes not read yet: the decoder reads straight from the array, so its stream knows them. */
  private long remaining() throws IOException {
    return in.inputStream().available();
  }

  private int length(String what) throws IOException {
    long length = in.readLong();
    if (length < 0) {
      throw new AvroRuntimeException("Malformed data: " + what + " length " + length + " is negative");
    }
    long remaining = remaining();
    if (length > remaining) {
      throw new EOFException(what + " of " + length + " bytes claimed with " + remaining + " left");
    }
    return (int) length;
  }

  private long items(long count, String what) throws IOException {
    long remaining = remaining();
    if (count > remaining) {
      throw new EOFException(what + " block of " + count + " items claimed with " + remaining + " bytes left");
    }
    return count;
  }

  @Override
  public Utf8 readString(Utf8 old) throws IOException {
    int length = length("string");
    Utf8 result = old != null ? old : new Utf8();
    result.setByteLength(length);
    in.readFixed(result.getBytes(), 0, length);
    return result;
  }

  @Override
  public String readString() throws IOException {
    int length = length("string");
    byte[] bytes = new byte[length];
    in.readFixed(bytes, 0, length);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public ByteBuffer readBytes(ByteBuffer old) throws IOException {
    int length = length("bytes");
    ByteBuffer result = old != null && length <= old.capacity() ? old.clear() : ByteBuffer.allocate(length);
    in.readFixed(result.array(), result.position(), length);
    result.limit(length);
    return result;
  }

  @Override
  public long readArrayStart() throws IOException {
    return items(in.readArrayStart(), "array");
  }

  @Override
  public long arrayNext() throws IOException {
    return items(in.arrayNext(), "array");
  }

  @Override
  public long skipArray() throws IOException {
    return items(in.skipArray(), "array");
  }

  @Override
  public long readMapStart() throws IOException {
    return items(in.readMapStart(), "map");
  }

  @Override
  public long mapNext() throws IOException {
    return items(in.mapNext(), "map");
  }

  @Override
  public long skipMap() throws IOException {
    return items(in.skipMap(), "map");
  }

  @Override
  public void readNull() throws IOException {
    in.readNull();
  }

  @Override
  public boolean readBoolean() throws IOException {
    return in.readBoolean();
  }

  @Override
  public int readInt() throws IOException {
    return in.readInt();
  }

  @Override
  public long readLong() throws IOException {
    return in.readLong();
  }

  @Override
  public float readFloat() throws IOException {
    return in.readFloat();
  }

  @Override
  public double readDouble() throws IOException {
    return in.readDouble();
  }

  @Override
  public void skipString() throws IOException {
    in.skipString();
  }

  @Override
  public void skipBytes() throws IOException {
    in.skipBytes();
  }

  @Override
  public void readFixed(byte[] bytes, int start, int length) throws IOException {
    in.readFixed(bytes, start, length);
  }

  @Override
  public void skipFixed(int length) throws IOException {
    in.skipFixed(length);
  }

  @Override
  public int readEnum() throws IOException {
    return in.readEnum();
  }

  @Override
  public int readIndex() throws IOException {
    return in.readIndex();
  }
}
