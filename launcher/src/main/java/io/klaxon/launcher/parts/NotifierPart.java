package io.klaxon.launcher.parts;

import io.klaxon.launcher.StandInSecrets;
import io.klaxon.notifier.app.NotifierApp;
import io.klaxon.notifier.app.NotifierConfig;
import io.klaxon.ops.secret.SecretResolver;
import io.klaxon.ops.ClusterSettings;
import io.klaxon.ops.Env;
import io.klaxon.registry.SchemaRegistry;

/**
 * The entry point of a notifier part: one notifier, configured exactly as the notifier itself
 * reads its environment ({@code NotifierConfig}: {@code KAFKA_BOOTSTRAP_SERVERS}, {@code
 * NOTIFIER_GROUP_ID}, {@code SLACK_API_URL}, {@code SMTP_HOST}, {@code HTTP_PORT}, ...; see the
 * README's configuration reference). Its readiness is the notifier's own {@code /health/ready}.
 *
 * <p>Secret references {@code env:NAME} resolve from this part's environment; when it also holds
 * {@value StandInSecrets#KEY_VARIABLE}, a reference it does not set resolves to the stand-in
 * secret derived from that key ({@link StandInSecrets}), the one the local webhook receiver checks,
 * so tenants applied while the stack runs are signed for too. Only the local stack sets that key.
 */
public final class NotifierPart {
  /** The port of the notifier's metrics and health endpoints. */
  public static final String HTTP_PORT = "HTTP_PORT";

  private NotifierPart() {}

  /** Starts the notifier; returns once its consumer loop runs. */
  public static AutoCloseable start(Env env) throws Exception {
    NotifierConfig config = NotifierConfig.from(env);
    return Stopper.startAll(stopper -> {
      SchemaRegistry registry = stopper.add(ClusterSettings.from(env).registry().connect());
      stopper.add(NotifierApp.start(config, registry, new SecretResolver(StandInSecrets.environment(env))));
    });
  }
}
