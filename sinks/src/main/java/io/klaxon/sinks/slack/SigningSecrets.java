package io.klaxon.sinks.slack;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signing secrets interactions are signed with: one per tenant (each tenant's Slack app), added
 * while the stand-in runs, else the workspace's own from the settings. Thread-safe.
 */
final class SigningSecrets {
  private final String fallback;
  private final Map<String, String> byTenant = new ConcurrentHashMap<>();

  SigningSecrets(String fallback) {
    this.fallback = Objects.requireNonNull(fallback, "fallback");
  }

  void put(String tenant, String secret) {
    Objects.requireNonNull(tenant, "tenant");
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("signing secret of tenant " + tenant + " is empty");
    }
    byTenant.put(tenant, secret);
  }

  /** The secret of {@code tenant}'s messages, empty when there is none. */
  String secretFor(String tenant) {
    return byTenant.getOrDefault(tenant, fallback);
  }
}
