package io.klaxon.launcher.parts;

import io.klaxon.events.ChannelTarget;
import io.klaxon.events.TenantConfig;
import io.klaxon.ingest.tenants.TenantsFollower;
import io.klaxon.ops.ClusterSettings;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.topics.KlaxonTopics;
import java.net.URI;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Reads the tenants topic from its beginning, and then as tenants are applied ({@link
 * TenantsFollower}), and reports every webhook target it finds as (URL path, secret reference), so
 * the local webhook receiver can check the signatures of tenants applied while the stack runs.
 * Tombstones are ignored (a deleted tenant's secret does no harm). {@link #caughtUp()} turns true
 * once everything written before the start has been read. {@link #close()} stops the reading
 * thread.
 */
final class TenantWebhookFollower implements AutoCloseable {
  private final TenantsFollower follower;

  private TenantWebhookFollower(TenantsFollower follower) {
    this.follower = follower;
  }

  /**
   * Starts reading.
   *
   * @param webhookTarget called with (URL path, secret reference) for every webhook target, on the
   *     reading thread
   */
  static TenantWebhookFollower start(ClusterSettings cluster, SchemaRegistry registry,
      BiConsumer<String, String> webhookTarget) {
    Objects.requireNonNull(webhookTarget, "webhookTarget");
    return new TenantWebhookFollower(TenantsFollower.start(cluster, KlaxonTopics.of(cluster.topics(), registry).tenants(),
        "stand-ins-tenant-follower", (tenantId, tenant) -> report(tenant, webhookTarget)));
  }

  private static void report(TenantConfig tenant, BiConsumer<String, String> webhookTarget) {
    if (tenant == null) {
      return;
    }
    for (ChannelTarget target : tenant.getTargets()) {
      if (target.getWebhook() != null) {
        webhookTarget.accept(URI.create(target.getWebhook().getUrl()).getPath(), target.getWebhook().getSecretRef());
      }
    }
  }

  /** Whether every tenant record written before the start has been read. */
  boolean caughtUp() {
    return follower.caughtUp();
  }

  @Override
  public void close() {
    follower.close();
  }
}
