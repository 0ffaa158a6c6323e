package io.klaxon.ingest.slack;

import java.time.Duration;
import java.util.Map;

/**
 * What Slack's buttons do to Klaxon's state. Implementations return once the change is durable and
 * throw when it is not; thread-safe.
 */
public interface SlackActions {
  /** Acknowledges the tenant's alert {@code fingerprint} on behalf of {@code user}. */
  void acknowledge(String tenantId, String fingerprint, String user);

  /**
   * Silences, from now for {@code duration}, the tenant's alerts whose labels equal {@code labels}.
   *
   * @return the new silence's id
   */
  String silence(String tenantId, Map<String, String> labels, Duration duration, String user);
}
