package io.klaxon.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/** AES-256-GCM with a random 12-byte nonce and a 16-byte tag, as Klaxon uses it for keys and records. */
final class Crypto {
  static final int NONCE_LENGTH = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();
  // Cipher.getInstance looks the provider up every time; a cipher per thread, initialised per use, does not.
  private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
    try {
      return Cipher.getInstance("AES/GCM/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM is not available", e);
    }
  });

  private Crypto() {
  }

  static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  static byte[] encrypt(SecretKey key, byte[] nonce, byte[] plaintext, String associatedData) {
    try {
      return run(Cipher.ENCRYPT_MODE, key, nonce, plaintext, associatedData);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed: " + e.getMessage(), e);
    }
  }

  /**
   * @throws SealedDataException when the ciphertext, nonce or associated data were altered, or
   *     the key is not the one that encrypted
   */
  static byte[] decrypt(SecretKey key, byte[] nonce, byte[] ciphertext, String associatedData) {
    try {
      return run(Cipher.DECRYPT_MODE, key, nonce, ciphertext, associatedData);
    } catch (AEADBadTagException e) {
      throw new SealedDataException("authentication failed: the data or its key does not match (" + associatedData + ")");
    } catch (GeneralSecurityException e) {
      throw new SealedDataException("cannot decrypt (" + associatedData + "): " + e.getMessage());
    }
  }

  private static byte[] run(int mode, SecretKey key, byte[] nonce, byte[] input, String associatedData)
      throws GeneralSecurityException {
    Cipher cipher = CIPHERS.get();
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
    return cipher.doFinal(input);
  }

  static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer b = buffer.duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
