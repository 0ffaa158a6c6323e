package io.klaxon.notifier.webhook;

import io.klaxon.ops.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: {@code v1,} + base64(HMAC-SHA256(key, id + "." + timestamp + "."
 * + body)). A secret written {@code whsec_<base64>} is the base64-decoded key; any other secret is
 * used as its UTF-8 bytes. Stateless and thread-safe.
 */
public final class WebhookSigner {
  private static final String PREFIX = "whsec_";

  private WebhookSigner() {}

  /**
   * Whether {@code secret} yields a key to sign with: a {@code whsec_} secret with nothing after
   * the prefix does not.
   */
  public static boolean hasKey(Secret secret) {
    return key(secret).length > 0;
  }

  /**
   * The {@code webhook-signature} header value.
   *
   * @throws IllegalArgumentException when the secret yields no key ({@link #hasKey})
   */
  public static String sign(Secret secret, String id, long timestampSeconds, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
      byte[] digest = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  static byte[] key(Secret secret) {
    String value = secret.reveal();
    if (value.startsWith(PREFIX)) {
      try {
        return Base64.getDecoder().decode(value.substring(PREFIX.length()));
      } catch (IllegalArgumentException notBase64) {
        // Not a well-formed whsec_ secret: sign with its bytes as they are.
      }
    }
    return secret.utf8();
  }
}
