package io.klaxon.stack;

import io.klaxon.launcher.PortPlan;
import io.klaxon.launcher.RunMode;
import java.nio.file.Path;

/**
 * How {@code klaxon up} runs: where the stack keeps its data, which tenants it applies, its ports
 * (all on 127.0.0.1; the defaults match the command-line tools' defaults, so {@code ./klaxon send}
 * and {@code ./klaxon tenants apply} reach a running stack as they are), whether the parts run in
 * this JVM or each as its own process, and how many Streams instances and notifiers run.
 *
 * @param webhookFailureFraction share of webhook deliveries the receiver answers with 503, so the
 *     demo shows retries (0 for none)
 */
public record StackOptions(
    Path dataDir,
    Path tenantsDir,
    PortPlan ports,
    double webhookFailureFraction,
    RunMode mode,
    int streamsInstances,
    int notifiers) {

  public static StackOptions defaults() {
    return new StackOptions(Path.of(".klaxon"), Path.of("examples/tenants"), PortPlan.defaults(), 0.05,
        RunMode.IN_PROCESS, 1, 1);
  }
}
