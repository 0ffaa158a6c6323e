package io.klaxon.registry;

/**
 * The registry could not be reached or kept failing (connection refused, timeout, HTTP 5xx after
 * the retries). Transient: the caller should retry later rather than treat data as bad.
 */
public class SchemaRegistryUnavailableException extends SchemaRegistryException {
  public SchemaRegistryUnavailableException(int httpStatus, String message, Throwable cause) {
    super(httpStatus, httpStatus == 0 ? 50001 : httpStatus, message, cause);
  }
}
