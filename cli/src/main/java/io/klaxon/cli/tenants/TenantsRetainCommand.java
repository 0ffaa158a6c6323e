package io.klaxon.cli.tenants;

import io.klaxon.cli.Authors;
import io.klaxon.cli.KafkaOptions;
import io.klaxon.cli.read.TopicReader;
import io.klaxon.cli.tenants.audit.CurrentTenants;
import io.klaxon.cli.tenants.audit.TenantChanges;
import io.klaxon.events.TenantChange;
import io.klaxon.events.TenantConfig;
import io.klaxon.privacy.MasterKeys;
import io.klaxon.topics.KlaxonTopics;
import io.klaxon.topics.TopicNames;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code klaxon tenants retain}: enforces each tenant's {@code retention}. For every tenant on the
 * tenants topic that sets one, it gives the tenant a new data key when its newest is older than a
 * tenth of the retention (at least an hour), and destroys each key whose every record is past the
 * retention, so those records read as erased; the tenant's new record and what changed (author
 * {@code --author}, else {@code $KLAXON_AUTHOR}, else the user) are published as {@code tenants
 * apply} publishes them. Meant to run hourly (cron, a Kubernetes CronJob). Exit 0 when every change
 * was published (or none was due), 1 without the master key or when Kafka fails.
 */
@Command(name = "retain", mixinStandardHelpOptions = true,
    description = "Enforce the tenants' retention: rotate their data keys when due, destroy the keys whose records are all past it.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done (or nothing was due)", "1:no master key, or Kafka failed", "2:usage error"})
public final class TenantsRetainCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Option(names = "--author", paramLabel = "NAME",
      description = "Who runs it, for the tenant changes topic (default: $KLAXON_AUTHOR, else the operating-system user).")
  String author;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    MasterKeys masters = kafka.masterKeys();
    if (masters == null) {
      err.println("klaxon: tenants retain needs the master key (KLAXON_MASTER_KEY_REF): it rotates and destroys data keys");
      return 1;
    }
    TopicNames names = kafka.topics();
    KlaxonTopics topics = KlaxonTopics.of(names, kafka.registry());
    Map<String, TenantConfig> current = new TreeMap<>(CurrentTenants.read(
        new TopicReader<>(kafka.clientProperties(Map.of()), kafka.registry(), names.tenants(), TenantConfig.class), null,
        problem -> err.println("klaxon: skipped unreadable tenant record " + problem)));
    Instant now = Instant.now();
    String who = Authors.of(author, kafka.env());
    int withRetention = 0;
    int changed = 0;
    Map<String, Object> props = kafka.producerProperties();
    try (KafkaProducer<String, TenantConfig> tenants = new KafkaProducer<>(props, topics.tenants().keySerde().serializer(),
            topics.tenants().valueSerde().serializer());
        KafkaProducer<String, TenantChange> changes = new KafkaProducer<>(props, topics.tenantChanges().keySerde().serializer(),
            topics.tenantChanges().valueSerde().serializer())) {
      for (TenantConfig tenant : current.values()) {
        if (tenant.getRetentionMs() == null || tenant.getErasedAt() != null) {
          continue;
        }
        withRetention++;
        DataKeys.Plan plan = DataKeys.plan(tenant, tenant, masters, false, now);
        if (plan.tenant().getDataKeys().equals(tenant.getDataKeys())) {
          continue;
        }
        TenantConfig next = TenantConfig.newBuilder(plan.tenant()).setUpdatedAt(now).build();
        RecordMetadata m = tenants.send(new ProducerRecord<>(names.tenants(), tenant.getTenantId(), next)).get();
        out.println(plan.note() + " -> " + m.topic() + "-" + m.partition() + "@" + m.offset());
        Optional<TenantChange> change = TenantChanges.of(tenant.getTenantId(), tenant, next, who, now);
        if (change.isPresent()) {
          changes.send(new ProducerRecord<>(names.tenantChanges(), tenant.getTenantId(), change.get())).get();
        }
        changed++;
      }
    } catch (ExecutionException e) {
      err.println("klaxon: publishing failed: " + e.getCause().getMessage());
      return 1;
    }
    out.println(withRetention + " tenant(s) with a retention; " + changed + " changed");
    return 0;
  }
}
