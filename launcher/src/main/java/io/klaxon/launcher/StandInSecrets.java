package io.klaxon.launcher;

import io.klaxon.ops.Env;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook signing secrets of the local stack, derived rather than stored: the secret of a
 * reference {@code env:NAME} is {@code whsec_} + base64(HMAC-SHA256(stack key, reference)). The
 * notifier and the webhook stand-in each derive it from the same stack key
 * ({@value #KEY_VARIABLE}, which the launcher generates per deployment), so both agree on the
 * secret of any tenant, including one applied while the stack runs, without handing secrets
 * around. A PagerDuty routing key must look like one (32 characters), so {@link #routingKeyFor}
 * derives those differently, for whoever sets the notifier's variable. Only the local stack uses
 * this; production secrets come from the environment or files. Stateless.
 */
public final class StandInSecrets {
  /** The environment variable holding the stack key (base64). */
  public static final String KEY_VARIABLE = "STAND_IN_SECRET_KEY";

  private static final String ENV_PREFIX = "env:";

  private StandInSecrets() {}

  /** A new random stack key, base64. */
  public static String newKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /**
   * The stand-in secret of {@code reference} under {@code key}, or null when the reference is not
   * an {@code env:} reference (files are read as they are).
   *
   * @throws IllegalArgumentException when {@code key} is not base64
   */
  public static String secretFor(String key, String reference) {
    if (reference == null || !reference.strip().startsWith(ENV_PREFIX)) {
      return null;
    }
    return "whsec_" + Base64.getEncoder().encodeToString(hmac(key, reference.strip()));
  }

  /**
   * The stand-in PagerDuty routing key of {@code reference} under {@code key}: 32 lower-case hex
   * digits of HMAC-SHA256(key, {@code "pagerduty-routing-key\n" + reference}), the shape of PagerDuty's
   * integration keys, which the PagerDuty stand-in checks. Unlike {@link #secretFor} it is not what
   * an unset {@code env:} reference resolves to: a notifier cannot tell a routing key from a signing
   * secret, so the caller sets the referenced variable to it.
   *
   * @throws IllegalArgumentException when {@code key} is not base64
   */
  public static String routingKeyFor(String key, String reference) {
    byte[] derived = hmac(key, "pagerduty-routing-key\n" + reference.strip());
    return HexFormat.of().formatHex(derived, 0, 16);
  }

  private static byte[] hmac(String key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(Base64.getDecoder().decode(key.strip()), "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  /**
   * The variables a notifier's secret references read: the variable itself from {@code env} when
   * set; otherwise, when {@code env} holds a stack key, the stand-in secret of {@code env:NAME};
   * otherwise none. The stack key itself is never a secret a reference can read.
   */
  public static Function<String, String> environment(Env env) {
    String key = env.raw(KEY_VARIABLE);
    return name -> {
      if (KEY_VARIABLE.equals(name)) {
        return null;
      }
      String value = env.raw(name);
      if (value != null || key == null) {
        return value;
      }
      return secretFor(key, ENV_PREFIX + name);
    };
  }
}
