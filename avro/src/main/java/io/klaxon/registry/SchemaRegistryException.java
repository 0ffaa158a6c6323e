package io.klaxon.registry;

/**
 * A schema registry refused or failed a request. Carries the HTTP status and the Confluent
 * {@code error_code} so callers can tell "not found" from "unavailable"; the message names the
 * subject, version or id concerned.
 */
public class SchemaRegistryException extends RuntimeException {
  /** Confluent error code: subject not found. */
  public static final int SUBJECT_NOT_FOUND = 40401;
  /** Confluent error code: version not found. */
  public static final int VERSION_NOT_FOUND = 40402;
  /** Confluent error code: schema not found. */
  public static final int SCHEMA_NOT_FOUND = 40403;
  /** Confluent error code: incompatible schema. */
  public static final int INCOMPATIBLE_SCHEMA = 409;
  /** Confluent error code: invalid schema. */
  public static final int INVALID_SCHEMA = 42201;
  /** Confluent error code: invalid version. */
  public static final int INVALID_VERSION = 42202;
  /** Confluent error code: invalid compatibility level. */
  public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
  /** Confluent error code: error in the backend data store. */
  public static final int STORE_ERROR = 50001;

  private final int httpStatus;
  private final int errorCode;

  public SchemaRegistryException(int httpStatus, int errorCode, String message) {
    this(httpStatus, errorCode, message, null);
  }

  public SchemaRegistryException(int httpStatus, int errorCode, String message, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  /** HTTP status of the answer (0 when no answer was received). */
  public int httpStatus() {
    return httpStatus;
  }

  /** Confluent {@code error_code} (equal to the HTTP status when the server sent none). */
  public int errorCode() {
    return errorCode;
  }

  /**
   * True when the registry refused this client (HTTP 401 or 403): missing or wrong credentials.
   * Like an outage, that is never the fault of the record being read or written.
   */
  public boolean isAccessDenied() {
    return httpStatus == 401 || httpStatus == 403;
  }

  /** True when the subject, version or schema does not exist (HTTP 404). */
  public boolean isNotFound() {
    return httpStatus == 404;
  }

  static SchemaRegistryException subjectNotFound(String subject) {
    return new SchemaRegistryException(404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
  }

  static SchemaRegistryException versionNotFound(String subject, Object version) {
    return new SchemaRegistryException(404, VERSION_NOT_FOUND,
        "Version " + version + " not found under subject '" + subject + "'.");
  }

  static SchemaRegistryException schemaNotFound(int id) {
    return new SchemaRegistryException(404, SCHEMA_NOT_FOUND, "Schema " + id + " not found");
  }

  static SchemaRegistryException schemaNotFoundUnder(String subject) {
    return new SchemaRegistryException(404, SCHEMA_NOT_FOUND, "Schema not found under subject '" + subject + "'.");
  }
}
