package io.klaxon.sinks.webhook;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Settings of the {@link WebhookReceiver}.
 *
 * @param port port on 127.0.0.1, 0 for any free one
 * @param secrets signing secrets by path prefix at start (for example {@code /hooks/acme} →
 *     {@code whsec_…}); the longest matching prefix wins ({@link WebhookSecrets})
 * @param acceptAll answer 204 even to unverified deliveries (their status is still recorded)
 * @param failureFraction fraction of deliveries answered 503 on purpose, from 0 to 1, so retries
 *     and dead-lettering can be seen; paths containing {@code /fail} are always answered 503
 * @param failureSeed seed of the random choice of failures, for repeatable runs
 * @param tolerance how far a {@code webhook-timestamp} may be from now (5 minutes by default)
 */
public record WebhookReceiverSettings(int port, Map<String, String> secrets, boolean acceptAll,
    double failureFraction, long failureSeed, Duration tolerance) {
  public WebhookReceiverSettings {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    secrets = Map.copyOf(secrets);
    if (!(failureFraction >= 0 && failureFraction <= 1)) {
      throw new IllegalArgumentException("failureFraction must be within [0, 1]: " + failureFraction);
    }
    Objects.requireNonNull(tolerance, "tolerance");
  }

  /** Any free port, no secrets, verifying (401 when not valid), no random failures, 5 minutes tolerance. */
  public static WebhookReceiverSettings defaults() {
    return new WebhookReceiverSettings(0, Map.of(), false, 0.0, 1L, Duration.ofMinutes(5));
  }

  public WebhookReceiverSettings withPort(int newPort) {
    return new WebhookReceiverSettings(newPort, secrets, acceptAll, failureFraction, failureSeed, tolerance);
  }

  /** Adds (or replaces) the secret of a path prefix. */
  public WebhookReceiverSettings withSecret(String pathPrefix, String secret) {
    Map<String, String> more = new TreeMap<>(secrets);
    more.put(pathPrefix, secret);
    return new WebhookReceiverSettings(port, more, acceptAll, failureFraction, failureSeed, tolerance);
  }

  public WebhookReceiverSettings withAcceptAll(boolean newAcceptAll) {
    return new WebhookReceiverSettings(port, secrets, newAcceptAll, failureFraction, failureSeed, tolerance);
  }

  public WebhookReceiverSettings withFailures(double newFraction, long newSeed) {
    return new WebhookReceiverSettings(port, secrets, acceptAll, newFraction, newSeed, tolerance);
  }

  @Override
  public String toString() {
    return "WebhookReceiverSettings[port=" + port + ", secretPrefixes=" + new TreeMap<>(secrets).keySet()
        + ", acceptAll=" + acceptAll + ", failureFraction=" + failureFraction + ", tolerance=" + tolerance + "]";
  }
}
