package io.klaxon.control;

/** A {@link TenantKeyedView} could not read its topic to the end in time, or could not decode a record for now. */
public class ViewUnavailableException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public ViewUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
