package io.klaxon.sinks.webhook;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The signing secrets of the {@link WebhookReceiver}, by request-path prefix (for example
 * {@code /hooks/acme} → {@code whsec_…}); a request uses the secret of the longest prefix its path
 * starts with. Secrets can be added while the receiver runs, for tenants that arrive after it
 * started. Thread-safe: a lookup sees every secret whose {@link #put} returned before it began.
 */
public final class WebhookSecrets {
  private final Map<String, String> byPrefix = new ConcurrentHashMap<>();

  /** @param initial secrets by path prefix, copied */
  public WebhookSecrets(Map<String, String> initial) {
    initial.forEach(this::put);
  }

  /**
   * Adds the secret of a path prefix, replacing the one it had.
   *
   * @throws IllegalArgumentException when the prefix or the secret is blank
   */
  public void put(String pathPrefix, String secret) {
    if (Objects.requireNonNull(pathPrefix, "pathPrefix").isBlank()) {
      throw new IllegalArgumentException("a webhook secret needs a path prefix");
    }
    if (Objects.requireNonNull(secret, "secret").isBlank()) {
      throw new IllegalArgumentException("the webhook secret of " + pathPrefix + " is blank");
    }
    byPrefix.put(pathPrefix, secret);
  }

  /** The secret for a request path: that of the longest prefix it starts with, or null when none. */
  public String secretFor(String path) {
    String best = null;
    String secret = null;
    for (Map.Entry<String, String> entry : byPrefix.entrySet()) {
      if (path.startsWith(entry.getKey()) && (best == null || entry.getKey().length() > best.length())) {
        best = entry.getKey();
        secret = entry.getValue();
      }
    }
    return secret;
  }
}
