package io.klaxon.launcher.parts;

import io.klaxon.launcher.StandInSecrets;
import io.klaxon.ops.ClusterSettings;
import io.klaxon.ops.Env;
import io.klaxon.ops.Health;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.sinks.StandIns;
import io.klaxon.sinks.StandInsConfig;

/**
 * The entry point of a stand-ins part: the local Slack, SMTP, webhook and PagerDuty stand-ins and
 * their inbox page ({@link StandIns}), configured by the {@code SINKS_*} variables of sinks/README.md.
 *
 * <p>With {@value StandInSecrets#KEY_VARIABLE} set, the part also reads the tenants topic (from
 * {@code KAFKA_BOOTSTRAP_SERVERS}, {@code SCHEMA_REGISTRY_URL} and {@code TENANTS_TOPIC}, as every
 * service does) and gives the webhook receiver the stand-in secret of every webhook target it
 * finds ({@link StandInSecrets}), and the Slack stand-in the signing secret of every tenant's Slack
 * target with a {@code signingSecretRef} (to sign clicks on the inbox page's buttons, sent to
 * {@code SINKS_SLACK_INTERACTIONS_URL}), including tenants applied while it runs; it is ready once
 * it has read the tenants applied before it started.
 *
 * <pre>
 * SINKS_*               see sinks/README.md
 * STAND_IN_SECRET_KEY   (none)   the stack key webhook and Slack signing secrets are derived from
 * HEALTH_PORT           0        /health/ready
 * </pre>
 */
public final class StandInsPart {
  private StandInsPart() {}

  /** Starts the stand-ins and, with a stack key, the tenant follower. */
  public static AutoCloseable start(Env env) throws Exception {
    String key = env.raw(StandInSecrets.KEY_VARIABLE);
    return Stopper.startAll(stopper -> {
      StandIns sinks = stopper.add(StandIns.start(StandInsConfig.from(env)));
      TenantWebhookFollower follower = null;
      if (key != null) {
        ClusterSettings cluster = ClusterSettings.from(env);
        SchemaRegistry registry = stopper.add(cluster.registry().connect());
        follower = stopper.add(TenantWebhookFollower.start(cluster, registry, (path, reference) -> {
          String secret = StandInSecrets.secretFor(key, reference);
          if (secret != null) {
            sinks.webhooks().addSecret(path, secret);
          }
        }, (tenantId, reference) -> {
          String secret = StandInSecrets.secretFor(key, reference);
          if (secret != null) {
            sinks.slack().addSigningSecret(tenantId, secret);
          }
        }));
      }
      TenantWebhookFollower tenants = follower;
      stopper.add(HealthEndpoint.start(env, () -> tenants == null || tenants.caughtUp()
          ? Health.up("inbox at " + sinks.inboxServer().url()) : Health.down("reading the tenants applied so far")));
    });
  }
}
