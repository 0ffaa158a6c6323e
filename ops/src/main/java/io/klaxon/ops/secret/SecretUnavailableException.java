package io.klaxon.ops.secret;

/** A secret reference could not be resolved. The message names the reference, never a value. */
public final class SecretUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SecretUnavailableException(String message) {
    super(message);
  }
}
