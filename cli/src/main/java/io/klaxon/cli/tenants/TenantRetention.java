package io.klaxon.cli.tenants;

import io.klaxon.cli.read.TopicReader;
import io.klaxon.cli.tenants.audit.CurrentTenants;
import io.klaxon.cli.tenants.audit.TenantChanges;
import io.klaxon.events.TenantChange;
import io.klaxon.events.TenantConfig;
import io.klaxon.privacy.MasterKeys;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.topics.KlaxonTopics;
import io.klaxon.topics.TopicNames;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * One pass of retention over the tenants topic: for every tenant that sets a {@code retention}
 * and is not erased, the data keys {@link DataKeys#plan} says it should have now (a new key when
 * its newest is older than a tenth of the retention, the keys whose every record is past the
 * retention destroyed). A tenant whose keys change is published again, with what changed and who
 * did it on the tenant changes topic, as {@code tenants apply} publishes. {@code klaxon tenants
 * retain} runs it once or every so often; the local stack runs it hourly.
 */
public final class TenantRetention {
  /** What a pass found: how many tenants set a retention, and how many of them were published again. */
  public record Result(int withRetention, int changed) {
    @Override
    public String toString() {
      return withRetention + " tenant(s) with a retention; " + changed + " changed";
    }
  }

  private final Map<String, Object> consumerProperties;
  private final Map<String, Object> producerProperties;
  private final SchemaRegistry registry;
  private final TopicNames names;
  private final MasterKeys masters;
  private final String author;

  /**
   * @param consumerProperties client settings for reading the tenants topic
   * @param producerProperties client settings for publishing (idempotent, acks=all)
   * @param registry the registry client; the caller closes it
   * @param author who the tenant changes name
   */
  public TenantRetention(Map<String, Object> consumerProperties, Map<String, Object> producerProperties,
      SchemaRegistry registry, TopicNames names, MasterKeys masters, String author) {
    this.consumerProperties = Map.copyOf(consumerProperties);
    this.producerProperties = Map.copyOf(producerProperties);
    this.registry = Objects.requireNonNull(registry, "registry");
    this.names = Objects.requireNonNull(names, "names");
    this.masters = Objects.requireNonNull(masters, "masters");
    this.author = Objects.requireNonNull(author, "author");
  }

  /**
   * Runs one pass at {@code now}; {@code changes} gets one line per tenant published again,
   * {@code problems} one per unreadable tenant record (skipped).
   *
   * @throws ExecutionException when publishing fails; tenants published before it stay published
   */
  public Result runOnce(Instant now, Consumer<String> changes, Consumer<String> problems)
      throws ExecutionException, InterruptedException {
    KlaxonTopics topics = KlaxonTopics.of(names, registry);
    Map<String, TenantConfig> current = new TreeMap<>(CurrentTenants.read(
        new TopicReader<>(consumerProperties, registry, names.tenants(), TenantConfig.class), null,
        problem -> problems.accept("skipped unreadable tenant record " + problem)));
    int withRetention = 0;
    int changed = 0;
    try (KafkaProducer<String, TenantConfig> tenants = new KafkaProducer<>(producerProperties,
            topics.tenants().keySerde().serializer(), topics.tenants().valueSerde().serializer());
        KafkaProducer<String, TenantChange> audit = new KafkaProducer<>(producerProperties,
            topics.tenantChanges().keySerde().serializer(), topics.tenantChanges().valueSerde().serializer())) {
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
        changes.accept(plan.note() + " -> " + m.topic() + "-" + m.partition() + "@" + m.offset());
        Optional<TenantChange> change = TenantChanges.of(tenant.getTenantId(), tenant, next, author, now);
        if (change.isPresent()) {
          audit.send(new ProducerRecord<>(names.tenantChanges(), tenant.getTenantId(), change.get())).get();
        }
        changed++;
      }
    }
    return new Result(withRetention, changed);
  }
}
