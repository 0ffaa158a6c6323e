package io.klaxon.stack;

import java.nio.file.Path;

/**
 * Where the local stack keeps its data, which tenants it applies, and its ports (all on
 * 127.0.0.1). The defaults match the command-line tools' defaults, so {@code ./klaxon send} and
 * {@code ./klaxon tenants apply} reach a running stack as they are.
 *
 * @param webhookFailureFraction share of webhook deliveries the receiver answers with 503, so the
 *     demo shows retries (0 for none)
 */
public record StackOptions(
    Path dataDir,
    Path tenantsDir,
    int kafkaPort,
    int registryPort,
    int streamsPort,
    int notifierPort,
    int inboxPort,
    int slackPort,
    int webhookPort,
    int smtpPort,
    double webhookFailureFraction) {

  public static StackOptions defaults() {
    return new StackOptions(Path.of(".klaxon"), Path.of("examples/tenants"), 9092, 8085, 8081, 8082, 8090, 8091, 8092,
        2525, 0.05);
  }
}
