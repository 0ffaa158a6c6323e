package io.klaxon.cli.tenants;

import io.klaxon.cli.KafkaOptions;
import io.klaxon.cli.read.ReadOptions;
import io.klaxon.cli.read.TopicReader;
import io.klaxon.cli.tenants.audit.TenantChangeFormat;
import io.klaxon.events.TenantChange;
import io.klaxon.ops.Durations;
import io.klaxon.topics.TopicNames;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code klaxon tenants log T}: the changes {@code tenants apply} recorded for one tenant, oldest
 * first, from the tenant changes topic (all of it, or from {@code --since} ago through the brokers'
 * time index). Exit 0 unless Kafka or the registry fails; 2 on a bad option.
 */
@Command(name = "log", mixinStandardHelpOptions = true,
    description = "Show what tenants apply changed in a tenant: when, who, what, setting by setting.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:Kafka or the schema registry failed", "2:usage error"})
public final class TenantsLogCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Parameters(index = "0", paramLabel = "TENANT_ID", description = "The tenant.")
  String tenant;

  @Option(names = "--since", paramLabel = "DURATION",
      description = "Only changes of this long ago or later (" + Durations.EXPECTED + "; default: all).")
  String since;

  @Option(names = "--topic", description = "Tenant changes topic (default: " + TopicNames.DEFAULT_TENANT_CHANGES
      + ", or $TENANT_CHANGES_TOPIC when set).")
  String topic;

  @Option(names = "--json", description = "Print one JSON object per change.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ReadOptions.tenant(spec, "TENANT_ID", tenant);
    Instant from = ReadOptions.since(spec, since);
    TopicReader<TenantChange> reader = new TopicReader<>(kafka.clientProperties(Map.of()), kafka.registry(),
        topic != null ? topic : kafka.topics().tenantChanges(), TenantChange.class);
    byte[] key = tenant.getBytes(StandardCharsets.UTF_8);
    Instant after = from;
    BiPredicate<ConsumerRecord<byte[], byte[]>, TenantChange> print = (record, change) -> {
      if (Arrays.equals(key, record.key()) && (after == null || !change.getAt().isBefore(after))) {
        out.print(json ? TenantChangeFormat.json(change) + "\n" : TenantChangeFormat.text(change));
      }
      return true;
    };
    Consumer<String> skipped = problem -> err.println("klaxon: skipped undecodable record " + problem);
    if (from == null) {
      reader.read(TopicReader.Start.beginning(), false, () -> false, print, skipped);
    } else {
      reader.readSince(from, print, skipped);
    }
    out.flush();
    return 0;
  }
}
