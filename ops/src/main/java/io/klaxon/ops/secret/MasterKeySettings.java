package io.klaxon.ops.secret;

import io.klaxon.ops.Env;
import io.klaxon.privacy.Keyring;
import io.klaxon.privacy.MasterKey;
import io.klaxon.privacy.MasterKeys;
import java.util.List;
import java.util.Optional;

/**
 * The master key a process is given: {@code KLAXON_MASTER_KEY_REF} (a secret reference, {@code
 * env:NAME} or {@code file:/path}, to 32 bytes in base64) and, while the master key is rotated,
 * {@code KLAXON_PREVIOUS_MASTER_KEY_REF}. Neither set: no master key, tenants get no data keys and
 * records are not sealed.
 */
public final class MasterKeySettings {
  public static final String MASTER_KEY_REF = "KLAXON_MASTER_KEY_REF";
  public static final String PREVIOUS_MASTER_KEY_REF = "KLAXON_PREVIOUS_MASTER_KEY_REF";

  private MasterKeySettings() {
  }

  /**
   * The configured master keys, empty when {@code KLAXON_MASTER_KEY_REF} is unset.
   *
   * @throws IllegalArgumentException naming the variable when a reference does not resolve or its
   *     value is not a master key, or when only the previous key is set
   */
  public static Optional<MasterKeys> from(Env env, SecretResolver secrets) {
    String currentRef = env.raw(MASTER_KEY_REF);
    String previousRef = env.raw(PREVIOUS_MASTER_KEY_REF);
    if (currentRef == null) {
      if (previousRef != null) {
        throw new IllegalArgumentException(PREVIOUS_MASTER_KEY_REF + " is set but " + MASTER_KEY_REF
            + " is not: a rotation needs the new master key too");
      }
      return Optional.empty();
    }
    MasterKey current = read(MASTER_KEY_REF, currentRef, secrets);
    List<MasterKey> previous = previousRef == null ? List.of() : List.of(read(PREVIOUS_MASTER_KEY_REF, previousRef, secrets));
    return Optional.of(new MasterKeys(current, previous));
  }

  /** A keyring with the configured master keys ({@link Keyring#none()} when there are none). */
  public static Keyring keyring(Env env, SecretResolver secrets) {
    return from(env, secrets).map(Keyring::new).orElseGet(Keyring::none);
  }

  private static MasterKey read(String variable, String reference, SecretResolver secrets) {
    String value;
    try {
      value = secrets.resolve(reference).reveal();
    } catch (SecretUnavailableException e) {
      throw new IllegalArgumentException(variable + ": " + e.getMessage(), e);
    }
    return MasterKey.parse(variable, value);
  }
}
