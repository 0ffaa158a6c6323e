package io.klaxon.notifier.secret;

import java.util.Objects;

/** The secrets a tenant's targets refer to (webhook signing keys, Slack incoming-webhook URLs). Thread-safe. */
public final class TenantSecrets {
  private final SecretResolver resolver;

  public TenantSecrets(SecretResolver resolver) {
    this.resolver = Objects.requireNonNull(resolver, "resolver");
  }

  /**
   * Resolves {@code reference}, named in a target of tenant {@code tenantId}.
   *
   * @throws SecretUnavailableException when the reference cannot be resolved; the message names
   *     the reference, never a value
   */
  public Secret resolve(String tenantId, String reference) {
    return resolver.resolve(reference);
  }
}
