package io.klaxon.registry;

/**
 * A start-up check that the schema registry accepts this client, so a service whose credentials
 * are missing or wrong fails at once with the registry's own answer ("HTTP 401 ... check the
 * credentials") instead of on its first record, hours later. Stateless.
 */
public final class RegistryAccess {
  private RegistryAccess() {}

  /**
   * Reads the latest version of {@code subject} once. A subject that does not exist yet is fine
   * (nothing has been written); so, for this check, is a registry that cannot be reached: outages
   * are retried by whoever reads and writes, and must not stop a service from starting.
   *
   * @return true when the registry answered, false when it could not be reached
   * @throws SchemaRegistryException when it refused the request (see {@link
   *     SchemaRegistryException#isAccessDenied()}) or answered any other error
   */
  public static boolean verify(SchemaRegistry registry, String subject) {
    try {
      registry.latest(subject);
      return true;
    } catch (SchemaRegistryUnavailableException e) {
      return false;
    } catch (SchemaRegistryException e) {
      if (e.isNotFound()) {
        return true;
      }
      throw e;
    }
  }
}
