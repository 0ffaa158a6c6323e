package io.klaxon.topics;

import java.util.Objects;

/**
 * Keys of the Slack messages topic: {@code <tenantId>/<targetId>/<fingerprint>}, one per alert and
 * Slack target, so compaction keeps each alert's latest thread and a tenant's keys share the prefix
 * {@code <tenantId>/} (what erasure looks for). Tenant ids and target ids contain no {@code /};
 * the fingerprint may, as it comes last. Stateless.
 */
public final class SlackThreadKeys {
  private SlackThreadKeys() {}

  /** The key of the thread of {@code fingerprint} at the tenant's target {@code targetId}. */
  public static String of(String tenantId, String targetId, String fingerprint) {
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(targetId, "targetId");
    Objects.requireNonNull(fingerprint, "fingerprint");
    return tenantId + "/" + targetId + "/" + fingerprint;
  }

  /** The prefix shared by every key of {@code tenantId}. */
  public static String tenantPrefix(String tenantId) {
    return Objects.requireNonNull(tenantId, "tenantId") + "/";
  }
}
