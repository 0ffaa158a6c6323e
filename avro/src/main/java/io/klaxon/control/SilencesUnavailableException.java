package io.klaxon.control;

/** The silences topic could not be read up to its end in time (Kafka or the schema registry not answering). */
public final class SilencesUnavailableException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public SilencesUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
