package io.klaxon.cli.tenants;

import io.klaxon.cli.Authors;
import io.klaxon.cli.KafkaOptions;
import io.klaxon.cli.read.ReadOptions;
import io.klaxon.cli.read.TopicReader;
import io.klaxon.cli.tenants.audit.CurrentTenants;
import io.klaxon.cli.tenants.audit.TenantChangeFormat;
import io.klaxon.cli.tenants.erase.LiveKeys;
import io.klaxon.events.ErasureReport;
import io.klaxon.events.TenantChange;
import io.klaxon.events.TenantChangeAction;
import io.klaxon.events.TenantConfig;
import io.klaxon.ops.Durations;
import io.klaxon.ops.Env;
import io.klaxon.topics.KlaxonTopics;
import io.klaxon.topics.Topic;
import io.klaxon.topics.TopicNames;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code klaxon tenants erase T}: erases a tenant for good, in four steps, each of which a second
 * run finds done and skips, so an erasure that stopped half-way is finished by running the command
 * again:
 *
 * <ol>
 *   <li>replaces the tenant's record on the tenants topic with an erasure marker ({@code
 *       TenantConfig.erasedAt}; enabled false, nothing else kept): from then on its events are
 *       dead-lettered;
 *   <li>waits until every Streams task (one per partition of the alerts topic) reported on the
 *       tenant changes topic that it deleted the tenant's state from its stores (buckets, dedup,
 *       silence decisions, alert states, groups, digests, held notifications);
 *   <li>writes a tombstone for each of the tenant's keys still live on the compacted topics:
 *       silences, acknowledgements, alert states and the Slack message map;
 *   <li>records the erasure receipt (a {@code TenantChange} ERASED whose {@code erasure} sums up
 *       what was done, {@code complete} true, with how many data keys the marker destroyed) and
 *       prints it.
 * </ol>
 *
 * Exit 0 once the
 * receipt is recorded (or was already); 1 for a tenant the tenants topic does not hold, a Kafka or
 * registry failure, or Streams tasks that did not report within {@code --wait}; 2 on a bad option.
 */
@Command(name = "erase", mixinStandardHelpOptions = true,
    description = "Erase a tenant for good: its configuration, its state in the Streams app, its keys on the compacted topics.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:erased (the receipt is recorded)", "1:unknown tenant, Kafka failed, or the Streams app did not answer in time",
        "2:usage error"})
public final class TenantsEraseCommand implements Callable<Integer> {
  private static final Duration POLL = Duration.ofSeconds(1);
  /** The receipt's entry for the data keys the erasure marker left out. */
  static final String DATA_KEYS = "tenants topic: data keys destroyed";

  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Parameters(index = "0", paramLabel = "TENANT_ID", description = "The tenant to erase.")
  String tenant;

  @Option(names = "--author", paramLabel = "NAME",
      description = "Who erases, for the receipt (default: $KLAXON_AUTHOR, else the operating-system user).")
  String author;

  @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "2m",
      description = "How long to wait for the Streams app's tasks to report (" + Durations.EXPECTED + "; default: ${DEFAULT-VALUE}).")
  String wait;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ReadOptions.tenant(spec, "TENANT_ID", tenant);
    Duration waitFor;
    try {
      waitFor = Durations.parse(wait);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--wait: " + e.getMessage());
    }
    TopicNames names = kafka.topics();
    KlaxonTopics topics = KlaxonTopics.of(names, kafka.registry());
    TenantConfig current = CurrentTenants.read(
        new TopicReader<>(kafka.clientProperties(Map.of()), kafka.registry(), names.tenants(), TenantConfig.class),
        Set.of(tenant), problem -> err.println("klaxon: skipped unreadable tenant record " + problem)).get(tenant);
    if (current == null) {
      err.println("klaxon: no tenant '" + tenant + "' on " + names.tenants() + ": nothing to erase");
      return 1;
    }
    String who = Authors.of(author, Env.system());
    Map<String, Object> producerProps = kafka.producerProperties();
    Instant erasedAt;
    if (current.getErasedAt() != null) {
      erasedAt = current.getErasedAt();
      out.println("tenant " + tenant + " was marked erased at " + erasedAt + "; finishing that erasure");
    } else {
      erasedAt = Instant.ofEpochMilli(System.currentTimeMillis());
      TenantConfig marker = TenantConfig.newBuilder().setTenantId(tenant).setTier(current.getTier()).setEnabled(false)
          .setErasedAt(erasedAt).setUpdatedAt(erasedAt).build();
      RecordMetadata m = send(producerProps, topics.tenants(), names.tenants(), tenant, marker);
      out.println("1/4 replaced tenant " + tenant + " with an erasure marker -> " + m.topic() + "-" + m.partition() + "@"
          + m.offset() + ": its events are dead-lettered from now on"
          + (current.getDataKeys().isEmpty() ? "" : "; its " + current.getDataKeys().size()
              + " data key(s) are destroyed, so what they sealed on the other topics reads as erased"));
    }

    Map<String, ErasureReport> reports = reports(names.tenantChanges(), erasedAt);
    if (reports.containsKey("command")) {
      out.println("the erasure of " + erasedAt + " is complete; its receipt:");
      out.print(TenantChangeFormat.text(receipt(who, reports.get("command"))));
      return 0;
    }
    int tasks = partitions(names.alerts());
    long deadline = Durations.nanoDeadline(System.nanoTime(), waitFor);
    int shown = -1;
    while (taskReports(reports).size() < tasks) {
      if (taskReports(reports).size() != shown) {
        shown = taskReports(reports).size();
        out.println("2/4 waiting for the Streams app: " + shown + " of " + tasks + " tasks have erased the tenant's state");
        out.flush();
      }
      if (System.nanoTime() > deadline) {
        err.println("klaxon: only " + shown + " of " + tasks + " Streams tasks reported within " + Durations.format(waitFor)
            + ": is the Streams app running? The tenant stays marked erased, and its tasks erase its state when they run;"
            + " run klaxon tenants erase " + tenant + " again to finish the erasure");
        return 1;
      }
      Thread.sleep(POLL.toMillis());
      reports = reports(names.tenantChanges(), erasedAt);
    }
    Map<String, Long> stateDeleted = new TreeMap<>();
    Map<String, Long> tombstones = new TreeMap<>();
    for (ErasureReport report : taskReports(reports).values()) {
      report.getStateDeleted().forEach((store, n) -> stateDeleted.merge(store, n, Long::sum));
      report.getTombstones().forEach((topic, n) -> tombstones.merge(topic, n, Long::sum));
    }
    out.println("2/4 all " + tasks + " Streams tasks erased the tenant's state: " + sum(stateDeleted) + " entries");

    for (String topic : List.of(names.silences(), names.acks(), names.alertStates(), names.slackMessages())) {
      long written = tombstone(producerProps, topic);
      tombstones.merge(topic, written, Long::sum);
    }
    out.println("3/4 wrote tombstones for the tenant's keys on the compacted topics");

    // The marker keeps none of the tenant's data keys: what they sealed is crypto-shredded.
    stateDeleted.put(DATA_KEYS, (long) keysBeforeMarker(names.tenants(), err));
    ErasureReport summary = ErasureReport.newBuilder().setErasedAt(erasedAt).setReporter("command")
        .setStateDeleted(stateDeleted).setTombstones(tombstones).setComplete(true).build();
    TenantChange receipt = receipt(who, summary);
    RecordMetadata m = send(producerProps, topics.tenantChanges(), names.tenantChanges(), tenant, receipt);
    out.println("4/4 recorded the erasure receipt -> " + m.topic() + "-" + m.partition() + "@" + m.offset() + ":");
    out.print(TenantChangeFormat.text(receipt));
    out.println("kept: the erasure marker on " + names.tenants() + "; the tenant's records on " + names.alerts() + ", "
        + names.alertsDlq() + " and " + names.outcomes() + " until those topics' retention removes them; on "
        + names.notifications() + ", " + names.notificationsDlq() + " and " + names.deliveries()
        + " its records sealed with a data key read as erased from now on, the others stay until retention removes them");
    return 0;
  }

  /** How many data keys the tenant's last record before its erasure marker held (what the erasure destroyed). */
  private int keysBeforeMarker(String tenantsTopic, PrintWriter err) {
    int[] keys = {0};
    byte[] key = tenant.getBytes(StandardCharsets.UTF_8);
    new TopicReader<>(kafka.clientProperties(Map.of()), kafka.registry(), tenantsTopic, TenantConfig.class).withTombstones()
        .read(TopicReader.Start.beginning(), false, () -> false, (record, config) -> {
          if (Arrays.equals(key, record.key()) && config != null && config.getErasedAt() == null) {
            keys[0] = config.getDataKeys().size();
          }
          return true;
        }, problem -> err.println("klaxon: skipped unreadable tenant record " + problem));
    return keys[0];
  }

  private TenantChange receipt(String who, ErasureReport summary) {
    return TenantChange.newBuilder().setTenantId(tenant).setAuthor(who).setAt(summary.getErasedAt())
        .setAction(TenantChangeAction.ERASED).setChanges(List.of()).setErasure(summary).build();
  }

  /** The reports of the erasure of {@code erasedAt}, by reporter (a later one of a reporter wins). */
  private Map<String, ErasureReport> reports(String changesTopic, Instant erasedAt) {
    Map<String, ErasureReport> found = new LinkedHashMap<>();
    byte[] key = tenant.getBytes(StandardCharsets.UTF_8);
    new TopicReader<>(kafka.clientProperties(Map.of()), kafka.registry(), changesTopic, TenantChange.class)
        .readSince(erasedAt, (record, change) -> {
          if (Arrays.equals(key, record.key()) && change.getAction() == TenantChangeAction.ERASED && change.getErasure() != null
              && change.getErasure().getErasedAt().equals(erasedAt)) {
            found.put(change.getErasure().getReporter(), change.getErasure());
          }
          return true;
        }, problem -> { });
    return found;
  }

  private static Map<String, ErasureReport> taskReports(Map<String, ErasureReport> reports) {
    Map<String, ErasureReport> tasks = new LinkedHashMap<>(reports);
    tasks.keySet().removeIf(reporter -> !reporter.startsWith("task:"));
    return tasks;
  }

  private int partitions(String topic) {
    Map<String, Object> props = kafka.clientProperties(Map.of());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      return consumer.partitionsFor(topic, Duration.ofSeconds(15)).size();
    }
  }

  /** Writes a tombstone for each of the tenant's live keys on {@code topic}; returns how many. */
  private long tombstone(Map<String, Object> producerProps, String topic) throws InterruptedException {
    Set<String> keys = LiveKeys.read(kafka.clientProperties(Map.of()), topic, tenant + "/");
    if (keys.isEmpty()) {
      return 0;
    }
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer())) {
      List<java.util.concurrent.Future<RecordMetadata>> sends = keys.stream()
          .map(k -> producer.send(new ProducerRecord<String, byte[]>(topic, k, null))).toList();
      producer.flush();
      for (java.util.concurrent.Future<RecordMetadata> sent : sends) {
        try {
          sent.get();
        } catch (ExecutionException e) {
          throw new IllegalStateException("tombstone on " + topic + " failed: " + e.getCause().getMessage(), e.getCause());
        }
      }
    }
    return keys.size();
  }

  private static <V> RecordMetadata send(Map<String, Object> props, Topic<String, V> topic, String name, String key, V value)
      throws InterruptedException {
    try (KafkaProducer<String, V> producer = new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      return producer.send(new ProducerRecord<>(name, key, value)).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("writing to " + name + " failed: " + e.getCause().getMessage(), e.getCause());
    }
  }

  private static long sum(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
