package io.klaxon.cli.history;

import io.klaxon.cli.KafkaOptions;
import io.klaxon.cli.read.ReadOptions;
import io.klaxon.cli.read.TopicReader;
import io.klaxon.cli.tenants.audit.CurrentTenants;
import io.klaxon.events.DeliveryReceipt;
import io.klaxon.events.FailedNotification;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.Outcome;
import io.klaxon.events.TenantChange;
import io.klaxon.events.TenantChangeAction;
import io.klaxon.events.TenantConfig;
import io.klaxon.ops.Durations;
import io.klaxon.privacy.Keyring;
import io.klaxon.privacy.MasterKeys;
import io.klaxon.privacy.SealedDataException;
import io.klaxon.privacy.Sealers;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.topics.KlaxonTopics;
import io.klaxon.topics.TopicNames;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code klaxon history}: one tenant's alerts of the last {@code --since}, each with its path:
 * received, outcome, notifications, every delivery attempt, how each notification ended. Reads the
 * outcomes, notifications, deliveries and notifications dead-letter topics from the offsets of
 * {@code --since} ago ({@code offsetsForTimes}) to their ends at start, committed records only,
 * keeping the records keyed by the tenant, and joins them with {@link AlertPaths}. Records sealed
 * with the tenant's data key are opened with the master key ({@code KLAXON_MASTER_KEY_REF}); without
 * it they show without their personal fields. A tenant erased in that time ({@code klaxon tenants
 * erase}) shows nothing from before its erasure: the command says when it was erased, and how many
 * of its records from before then were sealed with its destroyed keys and read as erased. Exit 0 unless
 * Kafka or the registry fails; 2 on a bad option.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
    description = "Show each alert's path: received -> outcome -> notifications -> every delivery attempt.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:Kafka or the schema registry failed", "2:usage error"})
public final class HistoryCommand implements Callable<Integer> {
  /** How long a read goes before it reports its progress on standard error, and how often after that. */
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Option(names = "--tenant", required = true, paramLabel = "T", description = "The tenant whose alerts to show.")
  String tenant;

  @Option(names = "--since", defaultValue = "1h", paramLabel = "DURATION",
      description = "How far back (" + Durations.EXPECTED + "; default ${DEFAULT-VALUE}).")
  String since;

  @Option(names = "--fingerprint", paramLabel = "F", description = "Only the alerts with this fingerprint.")
  String fingerprint;

  @Option(names = "--event", paramLabel = "E", description = "Only the alert with this event id.")
  String event;

  @Option(names = "--json", description = "Print one JSON object per alert.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ReadOptions.tenant(spec, "--tenant", tenant);
    Instant from = ReadOptions.since(spec, since);
    TopicNames names = kafka.topics();
    Map<String, Object> props = kafka.clientProperties(Map.of());
    Keyring keyring;
    try {
      MasterKeys masters = kafka.masterKeys();
      keyring = masters == null ? Keyring.none() : new Keyring(masters);
    } catch (IllegalArgumentException e) {
      err.println("klaxon: " + e.getMessage());
      return 1;
    }
    AlertPaths paths = new AlertPaths();
    Unsealed unsealed;
    try (SchemaRegistry registry = kafka.registry()) {
      Consumer<String> skipped = problem -> err.println("klaxon: skipped undecodable record " + problem);
      Instant erased = lastErasure(props, registry, names, from, skipped, keyring);
      if (erased != null) {
        err.println("klaxon: tenant " + tenant + " was erased (the erasure ended at " + erased
            + "): nothing of it before then is shown");
      }
      KlaxonTopics topics = KlaxonTopics.of(names, registry);
      unsealed = new Unsealed(keyring, erased, Sealers.notifications(topics), Sealers.receipts(topics));
      read(new TopicReader<>(props, registry, names.outcomes(), Outcome.class), from,
          (time, outcome) -> unsealed.shown(time) ? List.of(outcome) : List.of(), paths::addOutcome, skipped, err);
      read(new TopicReader<>(props, registry, names.notifications(), NotificationRequest.class), from,
          (time, request) -> unsealed.notification(time, request), paths::addRequest, skipped, err);
      read(new TopicReader<>(props, registry, names.deliveries(), DeliveryReceipt.class), from,
          (time, receipt) -> unsealed.receipt(time, receipt), paths::addReceipt, skipped, err);
      read(new TopicReader<>(props, registry, names.notificationsDlq(), FailedNotification.class), from,
          (time, failed) -> unsealed.notification(time, failed.getRequest()).stream()
              .map(request -> FailedNotification.newBuilder(failed).setRequest(request).build()).toList(),
          paths::addDeadLetter, skipped, err);
    } catch (SealedDataException e) {
      err.println("klaxon: " + e.getMessage());
      return 1;
    }
    unsealed.report(tenant).forEach(err::println);
    List<AlertPath> found = paths.paths(fingerprint, event);
    for (AlertPath path : found) {
      out.print(json ? AlertPathFormat.json(path) + "\n" : AlertPathFormat.text(path));
    }
    if (!json) {
      long acknowledgements = found.stream().filter(p -> p.acknowledgement() != null).count();
      out.println((found.size() - acknowledgements) + " alert(s) of tenant " + tenant
          + (acknowledgements == 0 ? "" : " and " + acknowledgements + " acknowledgement(s) sent to PagerDuty")
          + " since " + (unsealed.erasedAt() == null ? from : unsealed.erasedAt()));
    }
    return 0;
  }

  /**
   * Where the tenant's last erasure since {@code from} ends, or null when it was not erased since:
   * the latest record time of the reports of that erasure on the tenant changes topic (the command's
   * receipt is written after every task deleted the tenant's state, so what the pipeline did with
   * the tenant's events before then is the erased tenant's), else the marker's {@code erasedAt}
   * when no report is there yet.
   */
  private Instant lastErasure(Map<String, Object> props, SchemaRegistry registry, TopicNames names, Instant from,
      Consumer<String> skipped, Keyring keyring) {
    TopicReader<TenantConfig> tenants = new TopicReader<>(props, registry, names.tenants(), TenantConfig.class);
    TopicReader<TenantChange> changes = new TopicReader<>(props, registry, names.tenantChanges(), TenantChange.class);
    // A cluster without the tenant topics (one that only carries the pipeline's output) has no erasure on record.
    TenantConfig current = tenants.exists() ? CurrentTenants.read(tenants, Set.of(tenant), skipped).get(tenant) : null;
    if (tenants.exists()) {
      // The tenant's data keys open what they sealed; an erased or deleted tenant has none left.
      keyring.update(tenant, current);
    }
    Instant marked = current == null ? null : current.getErasedAt();
    byte[] key = tenant.getBytes(StandardCharsets.UTF_8);
    Instant[] erasure = {marked};
    long[] endMs = {Long.MIN_VALUE};
    if (changes.exists()) {
      changes.readSince(from, (record, change) -> {
        if (!Arrays.equals(key, record.key()) || change.getAction() != TenantChangeAction.ERASED || change.getErasure() == null) {
          return true;
        }
        Instant erasedAt = change.getErasure().getErasedAt();
        if (erasure[0] == null || erasedAt.isAfter(erasure[0])) {
          erasure[0] = erasedAt;
          endMs[0] = Long.MIN_VALUE;
        }
        if (erasedAt.equals(erasure[0])) {
          endMs[0] = Math.max(endMs[0], record.timestamp());
        }
        return true;
      }, skipped);
    }
    if (erasure[0] == null) {
      return null;
    }
    Instant end = endMs[0] == Long.MIN_VALUE ? erasure[0] : Instant.ofEpochMilli(Math.max(endMs[0], erasure[0].toEpochMilli()));
    return end.isBefore(from) ? null : end;
  }

  /** What of a record read from {@code time} on is shown: nothing, or the record, opened where it was sealed. */
  private interface Shown<V> {
    List<V> of(long time, V value);
  }

  private <V extends SpecificRecord> void read(TopicReader<V> reader, Instant from, Shown<V> shown, Consumer<V> sink,
      Consumer<String> skipped, PrintWriter err) {
    byte[] key = tenant.getBytes(StandardCharsets.UTF_8);
    long started = System.nanoTime();
    long[] reported = {started};
    reader.committedOnly()
        .withProgress(p -> {
          long now = System.nanoTime();
          if (now - reported[0] >= PROGRESS_EVERY.toNanos()) {
            reported[0] = now;
            err.println("klaxon: reading " + p.topic() + ": " + p.read() + " of " + p.total() + " records");
            err.flush();
          }
        })
        .readSince(from, (record, value) -> {
          // The time index finds the first record at or after the time; a later, older-stamped one is left out too.
          if (Arrays.equals(key, record.key()) && record.timestamp() >= from.toEpochMilli()) {
            shown.of(record.timestamp(), value).forEach(sink);
          }
          return true;
        }, skipped);
  }
}
