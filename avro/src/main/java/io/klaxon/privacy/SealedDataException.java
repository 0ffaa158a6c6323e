package io.klaxon.privacy;

/** Sealed data or a wrapped key that cannot be opened: altered, truncated, or under another key. */
public final class SealedDataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SealedDataException(String message) {
    super(message);
  }
}
