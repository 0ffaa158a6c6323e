package io.klaxon.launcher.parts;

import io.klaxon.events.ChannelTarget;
import io.klaxon.events.TenantConfig;
import io.klaxon.ops.TenantsFollower;
import io.klaxon.ops.ClusterSettings;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.topics.KlaxonTopics;
import java.net.URI;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Reads the tenants topic from its beginning, and then as tenants are applied ({@link
 * TenantsFollower}), and reports every webhook target it finds as (URL path, secret reference), so
 * the local webhook receiver can check the signatures of tenants applied while the stack runs, and
 * every Slack target with a signing secret as (tenant id, secret reference), so the Slack stand-in
 * signs that tenant's button clicks with it.
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
   * @param slackSigningSecret called with (tenant id, secret reference) for every Slack target with
   *     a {@code signingSecretRef}, on the reading thread
   */
  static TenantWebhookFollower start(ClusterSettings cluster, SchemaRegistry registry,
      BiConsumer<String, String> webhookTarget, BiConsumer<String, String> slackSigningSecret) {
    Objects.requireNonNull(webhookTarget, "webhookTarget");
    Objects.requireNonNull(slackSigningSecret, "slackSigningSecret");
    return new TenantWebhookFollower(TenantsFollower.start(cluster, KlaxonTopics.of(cluster.topics(), registry).tenants(),
        "stand-ins-tenant-follower", (tenantId, tenant) -> report(tenant, webhookTarget, slackSigningSecret)));
  }

  private static void report(TenantConfig tenant, BiConsumer<String, String> webhookTarget,
      BiConsumer<String, String> slackSigningSecret) {
    if (tenant == null) {
      return;
    }
    for (ChannelTarget target : tenant.getTargets()) {
      if (target.getWebhook() != null) {
        webhookTarget.accept(URI.create(target.getWebhook().getUrl()).getPath(), target.getWebhook().getSecretRef());
      }
      if (target.getSlack() != null && target.getSlack().getSigningSecretRef() != null) {
        slackSigningSecret.accept(tenant.getTenantId(), target.getSlack().getSigningSecretRef());
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
