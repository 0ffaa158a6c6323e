package io.klaxon.ingest.mapping;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Event ids made from what identifies an alert rather than drawn at random, so that a client that
 * sends the same alert again (a retry after a timeout, Alertmanager's own retry of a webhook) gets
 * the same event id, and whatever Klaxon derives from the id (notification ids, the webhook-id
 * header, Slack message updates) stays the same. A name-based UUID of version 8 (RFC 9562): the
 * first 128 bits of the SHA-256 of the parts, each followed by a zero byte, with the version and
 * variant bits set. Stateless.
 */
public final class EventIds {
  private EventIds() {}

  /** The UUID of {@code parts} (null parts count as empty). */
  public static String nameBased(String... parts) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
    for (String part : parts) {
      if (part != null) {
        digest.update(part.getBytes(StandardCharsets.UTF_8));
      }
      digest.update((byte) 0);
    }
    ByteBuffer hash = ByteBuffer.wrap(digest.digest());
    long high = (hash.getLong() & ~0xf000L) | 0x8000L;
    long low = (hash.getLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }
}
