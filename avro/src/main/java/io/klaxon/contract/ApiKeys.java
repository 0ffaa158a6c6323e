package io.klaxon.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * What an API key of the HTTP ingest service is, and how it is stored: the one definition, used by
 * the command that makes keys and by the service that checks them. Stateless and thread-safe.
 *
 * <p>A key is {@value #PREFIX} followed by 32 random bytes in unpadded base64url (47 characters in
 * all); the prefix lets secret scanners recognise a leaked key. Tenant configurations store only
 * {@code sha256:<hex>} of the key's UTF-8 text. A plain SHA-256, not a slow password hash, is the
 * right tool here: a key carries 256 bits of randomness, so no dictionary or brute-force search of
 * a leaked hash is possible however fast the hash is, while a deliberately slow hash (bcrypt,
 * scrypt, Argon2: tens of milliseconds each) would be paid on every request and cap a copy of the
 * service at a few dozen requests per second per core. A keyed hash (HMAC with a server-side
 * pepper) would add a secret to distribute to the command that prints hashes, for no gain against
 * keys this random.
 */
public final class ApiKeys {
  /** How every key starts. */
  public static final String PREFIX = "klx_";
  /** How every stored hash starts. */
  public static final String HASH_PREFIX = "sha256:";
  /** A stored hash: {@code sha256:} and 64 lower-case hex digits. */
  public static final Pattern HASH = Pattern.compile("^sha256:[0-9a-f]{64}$");
  /** A key id: letters, digits, {@code _ . -}, at most 64, starting with a letter or digit. */
  public static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$");

  private static final int KEY_BYTES = 32;

  private ApiKeys() {}

  /** A new key from {@code random}. */
  public static String newKey(SecureRandom random) {
    byte[] bytes = new byte[KEY_BYTES];
    random.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The stored form of {@code key}: {@code sha256:} and the hex SHA-256 of its UTF-8 text. */
  public static String hash(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HASH_PREFIX + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Whether {@code text} has the shape of a key (so that it is never mistaken for, or stored as, a hash). */
  public static boolean looksLikeKey(String text) {
    return text != null && text.startsWith(PREFIX);
  }
}
