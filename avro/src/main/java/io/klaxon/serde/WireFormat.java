package io.klaxon.serde;

/**
 * The Confluent wire format: byte 0 is the magic byte 0, bytes 1-4 the big-endian schema id, then
 * the Avro binary encoding of the value with that schema.
 */
public final class WireFormat {
  /** The only magic byte defined so far. */
  public static final byte MAGIC_BYTE = 0;
  /** Magic byte plus schema id. */
  public static final int HEADER_LENGTH = 5;

  private WireFormat() {}

  /**
   * Reads and checks the header.
   *
   * @return the schema id
   * @throws BadMagicByteException when byte 0 is not 0
   * @throws TruncatedPayloadException when fewer than 5 bytes are present
   */
  public static int schemaId(byte[] data) {
    if (data.length >= 1 && data[0] != MAGIC_BYTE) {
      throw new BadMagicByteException(data[0]);
    }
    if (data.length < HEADER_LENGTH) {
      throw new TruncatedPayloadException("Payload of " + data.length
          + " byte(s) is shorter than the 5-byte wire-format header (magic byte + schema id)", null, null);
    }
    return ((data[1] & 0xff) << 24) | ((data[2] & 0xff) << 16) | ((data[3] & 0xff) << 8) | (data[4] & 0xff);
  }

  /** Writes the 5-byte header for {@code schemaId} into the start of {@code into}. */
  static void writeHeader(int schemaId, byte[] into) {
    into[0] = MAGIC_BYTE;
    into[1] = (byte) (schemaId >>> 24);
    into[2] = (byte) (schemaId >>> 16);
    into[3] = (byte) (schemaId >>> 8);
    into[4] = (byte) schemaId;
  }

  /** The subject of a topic's keys or values under the topic name strategy. */
  public static String subject(String topic, boolean isKey) {
    return topic + (isKey ? "-key" : "-value");
  }
}
