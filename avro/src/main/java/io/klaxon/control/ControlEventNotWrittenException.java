package io.klaxon.control;

/** Kafka did not acknowledge a silence or acknowledgement in time, or refused it; it may or may not have been written. */
public final class ControlEventNotWrittenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ControlEventNotWrittenException(String message, Throwable cause) {
    super(message, cause);
  }
}
