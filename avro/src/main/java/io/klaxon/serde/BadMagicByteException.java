package io.klaxon.serde;

/** Byte 0 was not the Confluent magic byte 0 (the payload is not in the wire format). */
public final class BadMagicByteException extends WireFormatException {
  private final int magicByte;

  public BadMagicByteException(int magicByte) {
    super(String.format("Unknown magic byte 0x%02x at offset 0: expected 0x00 (Confluent wire format)", magicByte & 0xff),
        null, null);
    this.magicByte = magicByte & 0xff;
  }

  /** The byte found at offset 0, 0-255. */
  public int magicByte() {
    return magicByte;
  }
}
