package io.klaxon.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The master key that wraps every tenant's data keys: 32 random bytes, given in base64 through a
 * secret reference ({@code KLAXON_MASTER_KEY_REF}). Its id, the first 16 hex digits of its SHA-256,
 * is recorded with each key it wraps, so a reader knows which master key to use while a rotation is
 * under way. Immutable.
 */
public final class MasterKey {
  /** Length of a master key and of a data key, in bytes (AES-256). */
  public static final int LENGTH = 32;

  private final String id;
  private final SecretKey key;

  private MasterKey(byte[] bytes) {
    this.key = new SecretKeySpec(bytes, "AES");
    this.id = idOf(bytes);
  }

  /**
   * Reads a master key from the value of its secret: 32 bytes in base64 (standard or URL-safe,
   * padded or not).
   *
   * @param source names the setting in errors, e.g. {@code KLAXON_MASTER_KEY_REF}
   * @throws IllegalArgumentException naming {@code source} when the value is not 32 bytes of base64
   */
  public static MasterKey parse(String source, String value) {
    Objects.requireNonNull(value, "value");
    String text = value.strip();
    byte[] bytes;
    try {
      bytes = text.indexOf('-') >= 0 || text.indexOf('_') >= 0
          ? Base64.getUrlDecoder().decode(text) : Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": the master key is not base64 (" + e.getMessage() + ")", e);
    }
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException(source + ": the master key must be " + LENGTH + " bytes in base64, got " + bytes.length
          + " bytes (make one with: head -c 32 /dev/urandom | base64)");
    }
    return new MasterKey(bytes);
  }

  /** A master key of the given 32 bytes. */
  public static MasterKey of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("a master key is " + LENGTH + " bytes, got " + bytes.length);
    }
    return new MasterKey(bytes.clone());
  }

  /** A new random master key, in the base64 form {@link #parse} reads. */
  public static String generate() {
    return Base64.getEncoder().encodeToString(Crypto.randomBytes(LENGTH));
  }

  public String id() {
    return id;
  }

  SecretKey key() {
    return key;
  }

  private static String idOf(byte[] bytes) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("klaxon-master-key".getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest(bytes), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "MasterKey[" + id + "]";
  }
}
