package io.klaxon.streams;

import io.klaxon.control.Acknowledgement;
import io.klaxon.control.Silence;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.DeadLetter;
import io.klaxon.events.DeadLetterReason;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.Severity;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.privacy.Keyring;
import io.klaxon.registry.InMemorySchemaRegistry;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.serde.SpecificAvroSerde;
import io.klaxon.topics.KlaxonTopics;
import io.klaxon.topics.TopicNames;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The topology in a TopologyTestDriver with a scoped in-memory registry, fixed start time, and a
 * listener that counts outcomes.
 */
final class TopologyFixture implements AutoCloseable {
  static final long T0 = Samples.T0;
  static final TopologyConfig CONFIG = TopologyConfig.defaults();
  private static final AtomicInteger SCOPES = new AtomicInteger();

  final String scope = "topology-test-" + SCOPES.incrementAndGet();
  final InMemorySchemaRegistry registry = InMemorySchemaRegistry.scoped(scope);
  final SpecificAvroSerde<AlertEvent> alertSerde = SpecificAvroSerde.of(registry, AlertEvent.class);
  final KlaxonTopics topics;
  final CountingListener outcomes = new CountingListener();
  final TenantTableStatus tenantTable = new TenantTableStatus();
  final TopologyTestDriver driver;
  final TestInputTopic<byte[], byte[]> alerts;
  final TestInputTopic<String, TenantConfig> tenants;
  /** The tenants topic as raw bytes, for records no serializer would write. */
  final TestInputTopic<String, byte[]> rawTenants;
  final TestOutputTopic<String, NotificationRequest> notifications;
  final TestOutputTopic<String, DeadLetter> deadLetters;
  final TestInputTopic<String, Silence> silences;
  final TestInputTopic<String, Acknowledgement> acks;
  final TestOutputTopic<String, Acknowledgement> acksOut;
  /** The outcome audit (empty when the configuration turns it off). */
  final TestOutputTopic<String, io.klaxon.events.Outcome> audit;
  private int sequence;

  TopologyFixture() {
    this(registry -> registry);
  }

  TopologyFixture(TopologyConfig config) {
    this(registry -> registry, config);
  }

  TopologyFixture(UnaryOperator<SchemaRegistry> topologyRegistry) {
    this(topologyRegistry, CONFIG);
  }

  /**
   * @param topologyRegistry the registry the topology's serdes use, given the fixture's own (a
   *     double that fails on purpose, say); the test's serializers always use the fixture's own
   * @param config what the topology does
   */
  TopologyFixture(UnaryOperator<SchemaRegistry> topologyRegistry, TopologyConfig config) {
    this(topologyRegistry, config, Keyring.none());
  }

  /** @param keyring seals the notifications of tenants with a data key */
  TopologyFixture(TopologyConfig config, Keyring keyring) {
    this(registry -> registry, config, keyring);
  }

  @SuppressWarnings("deprecation") // PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, as the app sets it.
  private TopologyFixture(UnaryOperator<SchemaRegistry> topologyRegistry, TopologyConfig config, Keyring keyring) {
    topics = KlaxonTopics.of(TopicNames.DEFAULTS, topologyRegistry.apply(registry));
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, scope);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    props.put(StreamsConfig.STATE_DIR_CONFIG, "target/state/" + scope);
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    driver = new TopologyTestDriver(KlaxonTopology.build(config, topics, outcomes, tenantTable, keyring), props, Instant.ofEpochMilli(T0));
    alerts = driver.createInputTopic(topics.alerts().name(), new ByteArraySerializer(), new ByteArraySerializer());
    tenants = driver.createInputTopic(topics.tenants().name(), new StringSerializer(),
        SpecificAvroSerde.of(registry, TenantConfig.class).serializer());
    rawTenants = driver.createInputTopic(topics.tenants().name(), new StringSerializer(), new ByteArraySerializer());
    notifications = driver.createOutputTopic(topics.notifications().name(), new StringDeserializer(),
        topics.notifications().valueSerde().deserializer());
    deadLetters = driver.createOutputTopic(topics.alertsDlq().name(), new StringDeserializer(),
        topics.alertsDlq().valueSerde().deserializer());
    silences = driver.createInputTopic(topics.silences().name(), new StringSerializer(),
        SpecificAvroSerde.of(registry, Silence.class).serializer());
    acks = driver.createInputTopic(topics.acks().name(), new StringSerializer(),
        SpecificAvroSerde.of(registry, Acknowledgement.class).serializer());
    acksOut = driver.createOutputTopic(topics.acks().name(), new StringDeserializer(), topics.acks().valueSerde().deserializer());
    audit = driver.createOutputTopic(topics.outcomes().name(), new StringDeserializer(),
        topics.outcomes().valueSerde().deserializer());
  }

  static TenantConfig tenant(String id, Tier tier) {
    return Samples.tenant(id, tier);
  }

  void putTenant(TenantConfig tenant) {
    tenants.pipeInput(tenant.getTenantId(), tenant, T0);
  }

  AlertEvent.Builder alert(String tenantId, Severity severity, String title) {
    sequence++;
    return Samples.alert(UUID.nameUUIDFromBytes((scope + sequence).getBytes(StandardCharsets.UTF_8)).toString(),
        tenantId, severity, title);
  }

  byte[] bytes(AlertEvent event) {
    return alertSerde.serializer().serialize(topics.alerts().name(), event);
  }

  /** Sends an event keyed by its tenant at record time {@code time} (occurredAt set to the same). */
  void send(AlertEvent.Builder event, long time) {
    AlertEvent built = event.setOccurredAt(Instant.ofEpochMilli(time)).build();
    alerts.pipeInput(built.getTenantId().getBytes(StandardCharsets.UTF_8), bytes(built), time);
  }

  void sendRaw(String key, byte[] value, long time) {
    alerts.pipeInput(key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, time);
  }

  List<NotificationRequest> drainNotifications() {
    return notifications.readValuesToList();
  }

  List<DeadLetter> drainDeadLetters() {
    return deadLetters.readValuesToList();
  }

  @Override
  public void close() {
    driver.close();
    InMemorySchemaRegistry.dropScope(scope);
  }

  /** Counts outcomes and dead-letter reasons. */
  static final class CountingListener implements PipelineListener {
    final Map<Outcome, AtomicLong> outcomes = new ConcurrentHashMap<>();
    final Map<DeadLetterReason, AtomicLong> reasons = new ConcurrentHashMap<>();
    final Map<Severity, AtomicLong> routedBySeverity = new EnumMap<>(Severity.class);
    final List<Integer> notificationsPerRoute = new ArrayList<>();
    final Map<TenantUpdateRefusal, AtomicLong> refusals = new ConcurrentHashMap<>();
    final Map<GroupingEvent, AtomicLong> groupings = new ConcurrentHashMap<>();
    final Map<LimitEvent, AtomicLong> limits = new ConcurrentHashMap<>();
    /** The tenant id each outcome was counted under, in order (null when none). */
    final List<String> outcomeTenants = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public void outcome(Outcome outcome, String tenantId, Tier tier, Severity severity) {
      outcomes.computeIfAbsent(outcome, o -> new AtomicLong()).incrementAndGet();
      outcomeTenants.add(tenantId);
    }

    @Override
    public void deadLettered(DeadLetterReason reason) {
      reasons.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public synchronized void routed(Tier tier, Severity severity, long occurredAtMs, int notifications) {
      routedBySeverity.computeIfAbsent(severity, s -> new AtomicLong()).incrementAndGet();
      notificationsPerRoute.add(notifications);
    }

    @Override
    public void tenantUpdateRefused(TenantUpdateRefusal reason) {
      refusals.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void grouping(GroupingEvent event, Tier tier) {
      groupings.computeIfAbsent(event, e -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void notificationLimit(LimitEvent event, io.klaxon.events.Channel channel, Tier tier) {
      limits.computeIfAbsent(event, e -> new AtomicLong()).incrementAndGet();
    }

    long count(LimitEvent event) {
      AtomicLong count = limits.get(event);
      return count == null ? 0 : count.get();
    }

    long count(GroupingEvent event) {
      AtomicLong count = groupings.get(event);
      return count == null ? 0 : count.get();
    }

    long refused(TenantUpdateRefusal reason) {
      AtomicLong count = refusals.get(reason);
      return count == null ? 0 : count.get();
    }

    long count(Outcome outcome) {
      AtomicLong count = outcomes.get(outcome);
      return count == null ? 0 : count.get();
    }
  }
}
