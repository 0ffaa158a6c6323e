package io.klaxon.sinks.webhook;

import io.klaxon.sinks.inbox.SignatureStatus;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies Standard Webhooks signatures, independently of the notifier's signer: the
 * {@code webhook-signature} header is a space-separated list of {@code v1,<base64 HMAC-SHA256(key,
 * id + "." + timestamp + "." + body)>}; any one matching is enough. A secret written
 * {@code whsec_<base64>} is the base64-decoded key; any other secret is used as its UTF-8 bytes.
 * Timestamps (Unix seconds) more than {@code tolerance} away from now are stale. Comparison is
 * constant-time. Stateless and thread-safe.
 */
public final class WebhookSignatureVerifier {
  private static final String SECRET_PREFIX = "whsec_";

  private final Duration tolerance;

  /** @param tolerance how far a timestamp may be from now, either way (Standard Webhooks: 5 minutes) */
  public WebhookSignatureVerifier(Duration tolerance) {
    this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
  }

  /**
   * The verdict on one delivery.
   *
   * @param secret the configured secret, or null when none is configured for the path
   * @param id the {@code webhook-id} header, or null
   * @param timestamp the {@code webhook-timestamp} header, or null
   * @param signatures the {@code webhook-signature} header, or null
   * @param body the exact body bytes
   * @param now the receiver's clock
   */
  public SignatureStatus verify(String secret, String id, String timestamp, String signatures, byte[] body,
      Instant now) {
    if (isBlank(id) || isBlank(timestamp) || isBlank(signatures)) {
      return SignatureStatus.MISSING;
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      return SignatureStatus.STALE;
    }
    if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
      return SignatureStatus.STALE;
    }
    if (secret == null) {
      return SignatureStatus.NO_SECRET;
    }
    byte[] expected = hmac(key(secret), id, timestamp.strip(), body);
    for (String candidate : signatures.strip().split(" +", -1)) {
      if (!candidate.startsWith("v1,")) {
        continue;
      }
      byte[] given;
      try {
        given = Base64.getDecoder().decode(candidate.substring(3));
      } catch (IllegalArgumentException notBase64) {
        continue;
      }
      if (MessageDigest.isEqual(expected, given)) {
        return SignatureStatus.VALID;
      }
    }
    return SignatureStatus.INVALID;
  }

  /** The key bytes of a secret. */
  static byte[] key(String secret) {
    if (secret.startsWith(SECRET_PREFIX)) {
      try {
        return Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
      } catch (IllegalArgumentException notBase64) {
        // Not a well-formed whsec_ secret: its bytes as they are, as the signer does.
      }
    }
    return secret.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] hmac(byte[] key, String id, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
