package io.klaxon.embedded;

import io.klaxon.registry.SchemaRegistryException;

/**
 * The refusals the HTTP layer of the embedded registry adds to those of the registry itself, with
 * Confluent's HTTP statuses and error codes.
 */
final class RegistryHttpError {
  /** Confluent error code: the subject has no compatibility level of its own. */
  static final int SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED = 40408;

  private RegistryHttpError() {}

  static SchemaRegistryException notFound(String path) {
    return new SchemaRegistryException(404, 404, "HTTP 404 Not Found: " + path);
  }

  static SchemaRegistryException methodNotAllowed(String method, String path) {
    return new SchemaRegistryException(405, 405, "HTTP 405 Method Not Allowed: " + method + " " + path);
  }

  static SchemaRegistryException badRequest(String message) {
    return new SchemaRegistryException(400, 400, message);
  }

  static SchemaRegistryException tooLarge(int limit) {
    return new SchemaRegistryException(413, 413, "Request body larger than " + limit + " bytes");
  }

  static SchemaRegistryException unauthorized() {
    return new SchemaRegistryException(401, 401, "Unauthorized: valid HTTP basic credentials are required");
  }

  static SchemaRegistryException invalidSchema(String message) {
    return new SchemaRegistryException(422, SchemaRegistryException.INVALID_SCHEMA, message);
  }

  static SchemaRegistryException invalidVersion(String version) {
    return new SchemaRegistryException(422, SchemaRegistryException.INVALID_VERSION,
        "The specified version '" + version + "' is not a valid version id. Allowed values are between [1, "
            + Integer.MAX_VALUE + "] and the string \"latest\"");
  }

  static SchemaRegistryException invalidCompatibilityLevel(String level) {
    return new SchemaRegistryException(422, SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL,
        "Invalid compatibility level. Valid values are none, backward, forward, full, backward_transitive, "
            + "forward_transitive, and full_transitive; got '" + level + "'");
  }

  static SchemaRegistryException schemaNotFound(String id) {
    return new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
  }

  static SchemaRegistryException subjectLevelNotConfigured(String subject) {
    return new SchemaRegistryException(404, SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED,
        "Subject '" + subject + "' does not have subject-level compatibility configured");
  }

  static SchemaRegistryException internal(Throwable cause) {
    return new SchemaRegistryException(500, 500, "Internal server error: " + cause, cause);
  }
}
