package io.klaxon.streams;

import io.klaxon.control.Acknowledgement;
import io.klaxon.control.ControlKeys;
import io.klaxon.control.Silence;
import io.klaxon.events.DeadLetter;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.TenantConfig;
import io.klaxon.privacy.Keyring;
import io.klaxon.privacy.Sealer;
import io.klaxon.privacy.Sealers;
import io.klaxon.streams.control.Suppression;
import io.klaxon.streams.dedup.DedupState;
import io.klaxon.streams.digest.DigestState;
import io.klaxon.streams.group.GroupHeader;
import io.klaxon.streams.group.GroupMember;
import io.klaxon.streams.limit.HeldNotifications;
import io.klaxon.streams.limit.LimitBucket;
import io.klaxon.streams.limit.NotificationLimits;
import io.klaxon.streams.ratelimit.BucketState;
import io.klaxon.streams.state.PublishedAlert;
import io.klaxon.streams.validate.UnknownSchemaIds;
import io.klaxon.topics.KlaxonTopics;
import io.klaxon.topics.Topic;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Klaxon's topology, as a pure function of its configuration and its topics (names and serdes):
 *
 * <pre>
 * klaxon.alerts.v1 ─▶ validate ─┬─▶ rate-limit ─┬─▶ dedup ─▶ silence ─┬─▶ route ─┬─────────────────────────────▶ klaxon.notifications.v1
 *                               │               │                    │      ▲   ├─▶ group ──┬─────────────────┤ (rules that group)
 *                               │               │                    │      │   │           ▼                 │
 *                               │               │                    │      │   ├──────▶ channel-limit ───────┤ (tenants with notification limits)
 *                               │               │                    │      │   └─▶ digest ───────────────────┘ (low severities, digest feature)
 *                               │               │                    │      │
 *                               │               └────────────────────┼──────┘ (suppression summaries due)
 *                               │                                    └─▶ klaxon.acks.v1 (acks ended by a resolution)
 *                               ├─▶ klaxon.alerts.dlq.v1   (rejects, with reason and original bytes)
 *                               ├─▶ klaxon.alerts.v1       (valid events re-keyed by tenant id)
 *                               └┄▶ erase ─▶ klaxon.tenants.changes.v1 (no records: erased tenants' state deleted, per task)
 * klaxon.tenants.v1  ─▶ tenants-updater  ─▶ tenants-store (global)
 * klaxon.silences.v1 ─▶ silences-updater ─▶ silences-store (global)
 * klaxon.acks.v1     ─▶ acks-updater     ─▶ acks-store (global)
 * validate, rate-limit, dedup, silence, route ─▶ klaxon.outcomes.v1 (one Outcome per input, when audited)
 * dedup (expiry), silence (decisions) ─▶ klaxon.alerts.state.v1 (each alert's latest state, when published)
 * </pre>
 *
 * <p>Silences, maintenance windows and acknowledgements are applied after deduplication ({@link
 * SilenceProcessor}), so a silenced alert still counts for its fingerprint's dedup state and its
 * repeats are not notified the moment the silence ends.
 *
 * The alerts topic is read as bytes, so that a value that does not decode becomes a dead letter with
 * its original bytes; the validate step decodes it with the alerts topic's value serde. The tenants
 * topic is read as bytes too, and decoded by the updater, which can tell a registry outage (retried
 * until the registry answers) from a bad record (refused and counted); see {@link TenantStoreUpdater}.
 *
 * <p>Every node and store is named by the constants below; renaming one is a breaking change for a
 * running application (its state and changelog topics carry the names), and the committed topology
 * docs show it.
 *
 * <p>Each node that decides an input's outcome also writes its audit record ({@link OutcomeAudit})
 * to the one outcomes sink, in the same transaction as the outcome; with the audit off the sink is
 * left out.
 *
 * <p>The alert states topic (compacted, keyed {@code tenant/fingerprint}) is written by the nodes
 * that decide an alert's state ({@link AlertStatePublisher}): {@code silence} on a first firing, a
 * change of suppression and a resolution, {@code dedup} when an alert's state expires. Both share
 * {@link #STORE_ALERT_STATES}; with publishing off, neither the store nor the sink exists.
 *
 * <p>Targets are chosen in one node: the rate limiter's suppression summaries go through
 * {@code route} like alerts, never straight to the sink. Alerts matched by a rule that groups go
 * from {@code route} to {@code group} ({@link GroupProcessor}), which sends one notification per
 * group flush, on wall-clock punctuation. A tenant with the digest feature has its low-severity
 * alerts go from {@code route} to {@code digest} ({@link DigestProcessor}) instead: one summary per
 * target and window.
 *
 * <p>A tenant with notification limits per channel has the notifications of its alerts and group
 * flushes go through {@code channel-limit} ({@link ChannelLimitProcessor}), which holds back what
 * finds no token and sends one summary per target and minute for it; other tenants' notifications
 * go straight to the sink, and no summary is ever held back.
 *
 * <p>{@code erase} ({@link EraseProcessor}) receives no records: on wall-clock punctuation it
 * deletes from every store above the state of tenants that {@code klaxon tenants erase} replaced
 * with an erasure marker, and reports what it deleted to {@code klaxon.tenants.changes.v1}.
 *
 * <p>{@code ack-forward} ({@link AckForwardProcessor}) receives no records either: on wall-clock
 * punctuation it sends each PagerDuty target of a tenant one acknowledgement for every firing alert
 * someone acknowledged in Klaxon, so the incident there is acknowledged too.
 *
 * <p>The rate-limit and dedup stores are cached: a hot key (a tenant's bucket, a repeating
 * fingerprint) is written to RocksDB and its changelog once per commit, not once per alert.
 */
public final class KlaxonTopology {
  public static final String SOURCE_ALERTS = "alerts-source";
  public static final String PROC_VALIDATE = "validate";
  public static final String PROC_RATE_LIMIT = "rate-limit";
  public static final String PROC_DEDUP = "dedup";
  public static final String PROC_ROUTE = "route";
  public static final String SINK_NOTIFICATIONS = "notifications-sink";
  public static final String SINK_DLQ = "dlq-sink";
  public static final String SINK_REKEY = "rekey-sink";
  public static final String SINK_OUTCOMES = "outcomes-sink";
  public static final String SOURCE_TENANTS = "tenants-source";
  public static final String PROC_TENANTS = "tenants-updater";
  public static final String STORE_TENANTS = "tenants-store";
  public static final String STORE_RATE_LIMIT = "rate-limit-store";
  public static final String STORE_DEDUP = "dedup-store";
  public static final String PROC_SILENCE = "silence";
  public static final String SINK_ACKS = "acks-sink";
  public static final String SOURCE_SILENCES = "silences-source";
  public static final String PROC_SILENCES = "silences-updater";
  public static final String STORE_SILENCES = "silences-store";
  public static final String SOURCE_ACKS = "acks-source";
  public static final String PROC_ACKS = "acks-updater";
  public static final String STORE_ACKS = "acks-store";
  public static final String STORE_SUPPRESSIONS = "suppressions-store";
  /** What the alert states topic last said of each alert, shared by dedup (expiry) and silence (decisions). */
  public static final String STORE_ALERT_STATES = "alert-states-store";
  public static final String SINK_ALERT_STATES = "alert-states-sink";
  /** The dedup store's entries ordered by when they can expire, so expiry need not walk the store. */
  public static final String STORE_DEDUP_EXPIRY = "dedup-expiry-store";
  public static final String PROC_GROUP = "group";
  /** Each open group's header ({@link io.klaxon.streams.group.GroupHeader}). */
  public static final String STORE_GROUPS = "groups-store";
  /** Each alert of an open group ({@link io.klaxon.streams.group.GroupMember}). */
  public static final String STORE_GROUP_MEMBERS = "group-members-store";
  /** Open groups ordered by when they are due, so flushing need not walk the groups. */
  public static final String STORE_GROUP_FLUSH = "group-flush-store";
  public static final String PROC_DIGEST = "digest";
  /** Each open digest ({@link io.klaxon.streams.digest.DigestState}), by tenant and target. */
  public static final String STORE_DIGESTS = "digests-store";
  /** Open digests ordered by when they are due. */
  public static final String STORE_DIGEST_FLUSH = "digest-flush-store";

  public static final String PROC_CHANNEL_LIMIT = "channel-limit";
  /** Each tenant's token bucket per limited channel ({@link io.klaxon.streams.limit.LimitBucket}). */
  public static final String STORE_LIMIT_BUCKETS = "limit-buckets-store";
  /** The notifications a limit held back, per tenant and target ({@link io.klaxon.streams.limit.HeldNotifications}). */
  public static final String STORE_HELD = "held-store";
  /** Held notifications ordered by when their summary is due. */
  public static final String STORE_HELD_FLUSH = "held-flush-store";

  public static final String PROC_ERASE = "erase";
  /** Each erased tenant's erasedAt that this task has answered ({@link EraseProcessor}). */
  public static final String STORE_ERASURES = "erasures-store";
  public static final String PROC_ACK_FORWARD = "ack-forward";
  /** Per alert ({@code tenant\u0000fingerprint}), the time of the acknowledgement last sent to PagerDuty. */
  public static final String STORE_ACKS_FORWARDED = "acks-forwarded-store";
  public static final String SINK_TENANT_CHANGES = "tenant-changes-sink";

  private KlaxonTopology() {}

  /**
   * Where the notifications of an alert or a group flush of {@code tenant} go: through {@link
   * #PROC_CHANNEL_LIMIT} when the tenant limits any channel, else straight to the sink.
   */
  static String notificationsVia(TenantConfig tenant) {
    return NotificationLimits.any(tenant) ? PROC_CHANNEL_LIMIT : SINK_NOTIFICATIONS;
  }

  /** The topology with a tenants table status of its own (for tools that only describe it). */
  public static Topology build(TopologyConfig config, KlaxonTopics topics, PipelineListener listener) {
    return build(config, topics, listener, new TenantTableStatus());
  }

  /**
   * @param config what the processors do
   * @param topics the topics read and written, with their serdes
   * @param listener told of every outcome (metrics); called on stream threads
   * @param tenantTable shared by the tenants updater and the validator; the caller may watch it and
   *     closes it before stopping the application
   */
  public static Topology build(TopologyConfig config, KlaxonTopics topics, PipelineListener listener,
      TenantTableStatus tenantTable) {
    return build(config, topics, listener, tenantTable, Keyring.none());
  }

  /**
   * @param keyring seals each notification and dead letter of a tenant that has a data key ({@link
   *     Sealers}) as it is written; fed by the tenants updater
   */
  public static Topology build(TopologyConfig config, KlaxonTopics topics, PipelineListener listener,
      TenantTableStatus tenantTable, Keyring keyring) {
    Topology topology = new Topology();
    OutcomeAudit audit = new OutcomeAudit(config.auditOutcomes(), topics.alerts().name());

    Topic<String, TenantConfig> tenants = topics.tenants();
    TenantConfigs decodedTenants = new TenantConfigs();
    topology.addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE_TENANTS), tenants.keySerde(), tenants.valueSerde())
            .withLoggingDisabled(),
        SOURCE_TENANTS, tenants.keySerde().deserializer(), new ByteArrayDeserializer(), tenants.name(),
        PROC_TENANTS, () -> new TenantStoreUpdater(tenants, listener, tenantTable, keyring, decodedTenants));

    Topic<String, Silence> silences = topics.silences();
    topology.addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE_SILENCES), silences.keySerde(), silences.valueSerde())
            .withLoggingDisabled(),
        SOURCE_SILENCES, silences.keySerde().deserializer(), new ByteArrayDeserializer(), silences.name(),
        PROC_SILENCES, () -> new ControlStoreUpdater<>(silences, STORE_SILENCES, ControlKeys::of));
    Topic<String, Acknowledgement> acks = topics.acks();
    AckChanges ackChanges = new AckChanges();
    topology.addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE_ACKS), acks.keySerde(), acks.valueSerde())
            .withLoggingDisabled(),
        SOURCE_ACKS, acks.keySerde().deserializer(), new ByteArrayDeserializer(), acks.name(),
        PROC_ACKS, () -> new ControlStoreUpdater<>(acks, STORE_ACKS, ControlKeys::of, ackChanges::changed));

    UnknownSchemaIds unknownSchemaIds = new UnknownSchemaIds();
    topology.addSource(SOURCE_ALERTS, new ByteArrayDeserializer(), new ByteArrayDeserializer(), topics.alerts().name());
    topology.addProcessor(PROC_VALIDATE,
        () -> new ValidateProcessor(config, topics.alerts(), listener, tenantTable, unknownSchemaIds, audit, decodedTenants),
        SOURCE_ALERTS);
    topology.addProcessor(PROC_RATE_LIMIT, withStores(() -> new RateLimitProcessor(config, listener, audit),
        List.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE_RATE_LIMIT), Serdes.String(),
            BucketState.serde()).withCachingEnabled())),
        PROC_VALIDATE);
    // One builder for both nodes: Kafka adds a store once and connects it to every node that returns it.
    List<StoreBuilder<? extends KeyValueStore<?, ?>>> alertStateStores = config.publishAlertStates()
        ? List.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE_ALERT_STATES), Serdes.String(),
            PublishedAlert.serde()))
        : List.of();
    // The dedup stores go uncached, unlike the rate limiter's: their keys are many (a fingerprint
    // each) and mostly new, so the record cache rarely saved a read or a write, while its sorted
    // maps of byte keys cost more than RocksDB itself: at 10,000 alerts/s a quarter of the stream
    // thread's samples were in the cache, most of them for these stores; without it the full
    // topology drained about 20% faster (ceiling benchmark).
    topology.addProcessor(PROC_DEDUP, withStores(() -> new DedupProcessor(config, listener, audit),
        concat(List.of(
            Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE_DEDUP), Serdes.String(), DedupState.serde()),
            Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE_DEDUP_EXPIRY), Serdes.Bytes(), Serdes.ByteArray())),
            alertStateStores)),
        PROC_RATE_LIMIT);
    topology.addProcessor(PROC_SILENCE, withStores(() -> new SilenceProcessor(config, listener, audit),
        concat(List.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE_SUPPRESSIONS), Serdes.String(),
            Suppression.serde())), alertStateStores)),
        PROC_DEDUP);
    topology.addProcessor(PROC_ROUTE, () -> new RouteProcessor(listener, audit), PROC_SILENCE, PROC_RATE_LIMIT);
    topology.addProcessor(PROC_GROUP, withStores(() -> new GroupProcessor(config, listener), List.of(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE_GROUPS), Serdes.String(), GroupHeader.serde()),
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE_GROUP_MEMBERS), Serdes.String(),
            GroupMember.serde()),
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE_GROUP_FLUSH), Serdes.Bytes(), Serdes.ByteArray()))),
        PROC_ROUTE);
    topology.addProcessor(PROC_DIGEST, withStores(() -> new DigestProcessor(listener), List.of(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE_DIGESTS), Serdes.String(), DigestState.serde()),
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE_DIGEST_FLUSH), Serdes.Bytes(), Serdes.ByteArray()))),
        PROC_ROUTE);
    topology.addProcessor(PROC_CHANNEL_LIMIT, withStores(() -> new ChannelLimitProcessor(listener), List.of(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE_LIMIT_BUCKETS), Serdes.String(), LimitBucket.serde()),
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE_HELD), Serdes.String(), HeldNotifications.serde()),
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE_HELD_FLUSH), Serdes.Bytes(), Serdes.ByteArray()))),
        PROC_ROUTE, PROC_GROUP);
    topology.addProcessor(PROC_ACK_FORWARD, withStores(() -> new AckForwardProcessor(ackChanges), List.of(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE_ACKS_FORWARDED), Serdes.String(), Serdes.Long()))),
        PROC_VALIDATE);
    topology.connectProcessorAndStateStores(PROC_ACK_FORWARD, STORE_DEDUP);
    List<EraseProcessor.Swept> swept = new ArrayList<>(List.of(
        new EraseProcessor.Swept(STORE_RATE_LIMIT, null),
        new EraseProcessor.Swept(STORE_DEDUP, "\u0000"),
        new EraseProcessor.Swept(STORE_SUPPRESSIONS, "\u0000"),
        new EraseProcessor.Swept(STORE_GROUPS, "/"),
        new EraseProcessor.Swept(STORE_GROUP_MEMBERS, "/"),
        new EraseProcessor.Swept(STORE_DIGESTS, "/"),
        new EraseProcessor.Swept(STORE_LIMIT_BUCKETS, "/"),
        new EraseProcessor.Swept(STORE_HELD, "/"),
        new EraseProcessor.Swept(STORE_ACKS_FORWARDED, "\u0000")));
    if (config.publishAlertStates()) {
      swept.add(new EraseProcessor.Swept(STORE_ALERT_STATES, "\u0000"));
    }
    List<String> indexes = List.of(STORE_DEDUP_EXPIRY, STORE_GROUP_FLUSH, STORE_DIGEST_FLUSH, STORE_HELD_FLUSH);
    topology.addProcessor(PROC_ERASE, withStores(() -> new EraseProcessor(swept, indexes,
        config.publishAlertStates() ? topics.alertStates().name() : null), List.of(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE_ERASURES), Serdes.String(), Serdes.Long()))),
        PROC_VALIDATE);
    List<String> sweptNames = new ArrayList<>(swept.stream().map(EraseProcessor.Swept::name).toList());
    sweptNames.addAll(indexes);
    topology.connectProcessorAndStateStores(PROC_ERASE, sweptNames.toArray(String[]::new));
    topology.addSink(SINK_TENANT_CHANGES, topics.tenantChanges().name(), topics.tenantChanges().keySerde().serializer(),
        topics.tenantChanges().valueSerde().serializer(), PROC_ERASE);
    topology.addSink(SINK_ACKS, acks.name(), acks.keySerde().serializer(), acks.valueSerde().serializer(), PROC_SILENCE);

    Sealer<NotificationRequest> sealer = Sealers.notifications(topics);
    Serializer<NotificationRequest> notificationValues = topics.notifications().valueSerde().serializer();
    topology.addSink(SINK_NOTIFICATIONS, topics.notifications().name(), topics.notifications().keySerde().serializer(),
        (Serializer<NotificationRequest>) (topic, request) -> notificationValues.serialize(topic, sealer.seal(request, keyring)),
        PROC_ROUTE, PROC_GROUP, PROC_DIGEST, PROC_CHANNEL_LIMIT,
        PROC_ACK_FORWARD);
    Sealer<DeadLetter> letterSealer = Sealers.deadLetters(topics);
    Serializer<DeadLetter> letterValues = topics.alertsDlq().valueSerde().serializer();
    topology.addSink(SINK_DLQ, topics.alertsDlq().name(), topics.alertsDlq().keySerde().serializer(),
        (Serializer<DeadLetter>) (topic, letter) -> letterValues.serialize(topic, letterSealer.seal(letter, keyring)),
        PROC_VALIDATE);
    // Re-keyed events go back as the very bytes that were read.
    topology.addSink(SINK_REKEY, topics.alerts().name(), new ByteArraySerializer(), new ByteArraySerializer(), PROC_VALIDATE);
    if (config.auditOutcomes()) {
      // One sink for the audit, fed by every node that decides an outcome.
      topology.addSink(SINK_OUTCOMES, topics.outcomes().name(), topics.outcomes().keySerde().serializer(),
          topics.outcomes().valueSerde().serializer(), PROC_VALIDATE, PROC_RATE_LIMIT, PROC_DEDUP, PROC_SILENCE, PROC_ROUTE);
    }
    if (config.publishAlertStates()) {
      topology.addSink(SINK_ALERT_STATES, topics.alertStates().name(), topics.alertStates().keySerde().serializer(),
          topics.alertStates().valueSerde().serializer(), PROC_DEDUP, PROC_SILENCE, PROC_ERASE);
    }
    return topology;
  }

  private static List<StoreBuilder<? extends KeyValueStore<?, ?>>> concat(
      List<StoreBuilder<? extends KeyValueStore<?, ?>>> own, List<StoreBuilder<? extends KeyValueStore<?, ?>>> shared) {
    List<StoreBuilder<? extends KeyValueStore<?, ?>>> all = new ArrayList<>(own);
    all.addAll(shared);
    return all;
  }

  /** A processor supplier that declares its own stores (STYLE: stateful processors own their stores). */
  private static <KIn, VIn, KOut, VOut> ProcessorSupplier<KIn, VIn, KOut, VOut> withStores(
      java.util.function.Supplier<Processor<KIn, VIn, KOut, VOut>> processor,
      List<StoreBuilder<? extends KeyValueStore<?, ?>>> stores) {
    return new ProcessorSupplier<>() {
      @Override
      public Processor<KIn, VIn, KOut, VOut> get() {
        return processor.get();
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        // In the order given (Set.of's order changes from run to run, and describe() shows it).
        return new LinkedHashSet<>(stores);
      }
    };
  }

}
