package io.klaxon.cli.tenants;

import io.klaxon.cli.Authors;
import io.klaxon.cli.KafkaOptions;
import io.klaxon.ops.Durations;
import io.klaxon.privacy.MasterKeys;
import io.klaxon.registry.SchemaRegistry;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code klaxon tenants retain}: enforces each tenant's {@code retention} ({@link TenantRetention}).
 * Once by default, meant for cron or a Kubernetes CronJob, hourly; with {@code --every} it runs
 * until stopped, one pass every so often, and a pass that fails is reported and tried again at the
 * next one. Exit 0 when every change was published (or none was due), 1 without the master key or
 * when Kafka fails (once).
 */
@Command(name = "retain", mixinStandardHelpOptions = true,
    description = "Enforce the tenants' retention: rotate their data keys when due, destroy the keys whose records are all past it.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done (or nothing was due)", "1:no master key, or Kafka failed", "2:usage error"})
public final class TenantsRetainCommand implements Callable<Integer> {
  /** The shortest --every: keys are rotated and destroyed by the hour, a pass reads the whole tenants topic. */
  static final Duration MIN_EVERY = Duration.ofMinutes(1);

  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Option(names = "--author", paramLabel = "NAME",
      description = "Who runs it, for the tenant changes topic (default: $KLAXON_AUTHOR, else the operating-system user).")
  String author;

  @Option(names = "--every", paramLabel = "DURATION",
      description = "Keep running: one pass now and one every DURATION (" + Durations.EXPECTED + "; at least 1m; 1h suits"
          + " retentions of days) until stopped. A pass that fails is reported and the next one tries again.")
  String every;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Duration period = period();
    MasterKeys masters = kafka.masterKeys();
    if (masters == null) {
      err.println("klaxon: tenants retain needs the master key (KLAXON_MASTER_KEY_REF): it rotates and destroys data keys");
      return 1;
    }
    Map<String, Object> consumer = kafka.clientProperties(Map.of());
    try (SchemaRegistry registry = kafka.registry()) {
      TenantRetention retention = new TenantRetention(consumer, kafka.producerProperties(), registry, kafka.topics(),
          masters, Authors.of(author, kafka.env()));
      while (true) {
        Instant now = Instant.now();
        String prefix = period == null ? "" : now.truncatedTo(ChronoUnit.SECONDS) + "  ";
        boolean passed = pass(retention, now, prefix, out, err);
        if (period == null) {
          return passed ? 0 : 1;
        }
        out.println(prefix + "next pass in " + Durations.format(period));
        out.flush();
        try {
          Thread.sleep(period);
        } catch (InterruptedException e) {
          out.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + "  stopped");
          return 0;
        }
      }
    }
  }

  private static boolean pass(TenantRetention retention, Instant now, String prefix, PrintWriter out, PrintWriter err)
      throws InterruptedException {
    try {
      TenantRetention.Result result = retention.runOnce(now, change -> out.println(prefix + change),
          problem -> err.println("klaxon: " + problem));
      out.println(prefix + result);
      return true;
    } catch (ExecutionException e) {
      err.println(prefix + "klaxon: publishing failed: " + e.getCause().getMessage());
    } catch (KafkaException e) {
      err.println(prefix + "klaxon: reading or publishing the tenants failed: " + e.getMessage());
    }
    return false;
  }

  private Duration period() {
    if (every == null) {
      return null;
    }
    Duration period;
    try {
      period = Durations.parse(every);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--every '" + every + "': expected " + Durations.EXPECTED);
    }
    if (period.compareTo(MIN_EVERY) < 0) {
      throw new ParameterException(spec.commandLine(), "--every '" + every + "': at least 1m");
    }
    return period;
  }
}
