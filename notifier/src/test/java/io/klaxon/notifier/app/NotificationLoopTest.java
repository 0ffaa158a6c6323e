package io.klaxon.notifier.app;

import static io.klaxon.notifier.testing.Requests.request;
import static io.klaxon.notifier.testing.Requests.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.klaxon.events.ChannelTarget;
import io.klaxon.events.DeadLetterReason;
import io.klaxon.events.IsolationLevel;
import io.klaxon.events.NotificationRequest;
import io.klaxon.notifier.delivery.ChannelPipeline;
import io.klaxon.notifier.delivery.DeliveryEngine;
import io.klaxon.notifier.delivery.DeliverySettings;
import io.klaxon.notifier.delivery.OutcomeWriteBackoff;
import io.klaxon.notifier.delivery.SendResult;
import io.klaxon.notifier.delivery.Sender;
import io.klaxon.notifier.delivery.Sleeper;
import io.klaxon.notifier.metrics.NotifierMetrics;
import io.klaxon.notifier.render.MessageBundles;
import io.klaxon.notifier.render.Renderer;
import io.klaxon.notifier.render.WebhookMessage;
import io.klaxon.notifier.testing.RecordingOutcomes;
import io.klaxon.registry.InMemorySchemaRegistry;
import io.klaxon.registry.SchemaRegistry;
import io.klaxon.registry.SchemaRegistryException;
import io.klaxon.serde.SpecificAvroDeserializer;
import io.klaxon.serde.SpecificAvroSerializer;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The consumer loop with a real {@link DeliveryEngine} and a sender that holds one tenant's
 * deliveries: which tenants' notifications go out while another tenant's deliveries are stuck,
 * depending on isolation levels, and what the loop commits and pauses meanwhile.
 */
class NotificationLoopTest {
  private static final String TOPIC = "klaxon.notifications.v1";
  private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
  /** A target that answers every attempt with 429 and a Retry-After of a day. */
  private static final String PAUSED_TARGET = "hook-paused";
  /** A target the sender cannot even say how to pace (a defect). */
  private static final String BROKEN_TARGET = "hook-broken";

  private final InMemorySchemaRegistry registry = InMemorySchemaRegistry.scoped("loop-" + UUID.randomUUID());
  private final SpecificAvroSerializer<NotificationRequest> serializer = new SpecificAvroSerializer<>(registry, false, true);
  /** A MockConsumer whose rebalance tells the loop's listener of the partitions assigned, as a real one does. */
  private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest") {
    private ConsumerRebalanceListener listener;

    @Override
    public synchronized void subscribe(java.util.Collection<String> topics, ConsumerRebalanceListener callback) {
      listener = callback;
      super.subscribe(topics, callback);
    }

    @Override
    public synchronized void rebalance(java.util.Collection<TopicPartition> newAssignment) {
      super.rebalance(newAssignment);
      if (listener != null) {
        listener.onPartitionsAssigned(newAssignment);
      }
    }
  };
  private final NotifierMetrics metrics = NotifierMetrics.inMemory();
  private final HoldingSender sender = new HoldingSender();
  private final RecordingOutcomes outcomes = new RecordingOutcomes();
  private DeliveryEngine engine;
  private NotificationLoop loop;
  private Thread thread;
  private long nextOffset;
  private final Map<String, Integer> sentPerTenant = new ConcurrentHashMap<>();
  private final List<ConsumerRecord<String, byte[]>> produced = new CopyOnWriteArrayList<>();
  /** What the loop finds delivered when it takes a partition over. */
  private DeliveredLookup deliveredBefore = DeliveredLookup.NONE;
  /** Runs before every call the loop's deserializer makes to the registry; may throw its refusal. */
  private volatile Runnable registryAnswers = () -> {};

  /** Delivers at once, except for the tenants it holds until they are let go; counts what it sees. */
  private static final class HoldingSender implements Sender<WebhookMessage> {
    final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> sending = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> mostAtOnce = new ConcurrentHashMap<>();
    final Map<String, List<String>> delivered = new ConcurrentHashMap<>();
    final AtomicInteger attemptsToPaused = new AtomicInteger();

    void hold(String tenant) {
      held.put(tenant, new CountDownLatch(1));
    }

    void letGo(String tenant) {
      held.get(tenant).countDown();
    }

    int delivered(String tenant) {
      return delivered.getOrDefault(tenant, List.of()).size();
    }

    int sending(String tenant) {
      return sending.computeIfAbsent(tenant, t -> new AtomicInteger()).get();
    }

    @Override
    public java.util.Optional<String> pacingKey(NotificationRequest request) {
      if (request.getTarget().getId().equals(BROKEN_TARGET)) {
        throw new IllegalStateException("defect");
      }
      return java.util.Optional.empty();
    }

    @Override
    public SendResult send(NotificationRequest request, WebhookMessage message) {
      if (request.getTarget().getId().equals(PAUSED_TARGET)) {
        attemptsToPaused.incrementAndGet();
        return new SendResult.Retryable(Duration.ofDays(1), "webhook answered HTTP 429", 429);
      }
      String tenant = request.getTenantId();
      int now = sending.computeIfAbsent(tenant, t -> new AtomicInteger()).incrementAndGet();
      mostAtOnce.computeIfAbsent(tenant, t -> new AtomicInteger()).accumulateAndGet(now, Math::max);
      try {
        CountDownLatch latch = held.get(tenant);
        if (latch != null) {
          latch.await();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new SendResult.Retryable(Duration.ZERO, "interrupted");
      } finally {
        sending.get(tenant).decrementAndGet();
      }
      delivered.computeIfAbsent(tenant, t -> new CopyOnWriteArrayList<>()).add(request.getNotificationId());
      return new SendResult.Delivered(204);
    }
  }

  private void start(IsolationLevel defaultLevel, int shared, int tenantLimit, int strict) {
    start(defaultLevel, shared, tenantLimit, strict, 1_000);
  }

  /** @param tenantWaiting the waiting requests of one tenant that pause the partitions holding them */
  private void start(IsolationLevel defaultLevel, int shared, int tenantLimit, int strict, int tenantWaiting) {
    engine = new DeliveryEngine(List.of(ChannelPipeline.webhook(new Renderer(MessageBundles.builtIn(), "en", metrics), sender)),
        outcomes, new DeliverySettings(DeliverySettings.defaults().retry(), 1.0, 3, 1_000,
            new OutcomeWriteBackoff(Duration.ofMillis(10), Duration.ofMillis(40), Duration.ZERO)),
        Clock.systemUTC(), Sleeper.system(), () -> 0.5, metrics);
    SchemaRegistry readRegistry = (SchemaRegistry) Proxy.newProxyInstance(SchemaRegistry.class.getClassLoader(),
        new Class<?>[] {SchemaRegistry.class}, (proxy, method, args) -> {
          registryAnswers.run();
          try {
            return method.invoke(registry, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
        });
    loop = new NotificationLoop(consumer, TOPIC, new SpecificAvroDeserializer<>(readRegistry, NotificationRequest.class),
        null, deliveredBefore, engine, metrics, Clock.systemUTC(),
        new TenantAdmission.Limits(defaultLevel, shared, tenantLimit, strict),
        new PartitionBackpressure.Limits(shared, tenantLimit, tenantWaiting, 10_000));
    consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
    consumer.schedulePollTask(() -> consumer.rebalance(List.of(PARTITION)));
    thread = Thread.ofPlatform().name("loop-under-test").start(loop);
    await().until(() -> consumer.assignment().contains(PARTITION));
  }

  @AfterEach
  void stop() throws InterruptedException {
    sender.held.values().forEach(CountDownLatch::countDown);
    if (loop != null) {
      loop.stop();
      thread.join(Duration.ofSeconds(10));
      engine.close();
    }
  }

  private void send(String tenant, int count, IsolationLevel level) {
    for (int i = 0; i < count; i++) {
      NotificationRequest request = request(webhook("https://hooks.example.com/" + tenant, "env:HOOK"))
          .setTenantId(tenant).setNotificationId(tenant + "-" + sentPerTenant.merge(tenant, 1, Integer::sum))
          .setIsolationLevel(level).build();
      produce(new ConsumerRecord<>(TOPIC, 0, nextOffset++, tenant, serializer.serialize(TOPIC, request)));
    }
  }

  /** Adds a record, remembering it: MockConsumer forgets what it returned, a broker does not. */
  private void produce(ConsumerRecord<String, byte[]> record) {
    produced.add(record);
    consumer.addRecord(record);
  }

  /**
   * Offers every record again at the next poll, as a broker would after a seek back. Right only
   * when the poll that was read returned all of them (MockConsumer forgets what it returned, and
   * the position filters what was read before).
   */
  private void offerAllAgainAtTheNextPoll() {
    consumer.schedulePollTask(() -> produced.forEach(consumer::addRecord));
  }

  private void sendTo(String tenant, String targetId, int count) {
    for (int i = 0; i < count; i++) {
      ChannelTarget target = ChannelTarget.newBuilder(webhook("https://hooks.example.com/" + targetId, "env:HOOK"))
          .setId(targetId).build();
      NotificationRequest request = request(target).setTenantId(tenant)
          .setNotificationId(tenant + "-" + sentPerTenant.merge(tenant, 1, Integer::sum)).build();
      produce(new ConsumerRecord<>(TOPIC, 0, nextOffset++, tenant, serializer.serialize(TOPIC, request)));
    }
  }

  private long committed() {
    OffsetAndMetadata offset = consumer.committed(Set.of(PARTITION)).get(PARTITION);
    return offset == null ? 0 : offset.offset();
  }

  private double waiting() {
    return metrics.registry().get("klaxon.notifier.waiting").gauge().value();
  }

  private double waitingOnDestination() {
    io.micrometer.core.instrument.Gauge gauge = metrics.registry().find("klaxon.notifier.waiting.on.destination").gauge();
    return gauge == null ? -1 : gauge.value();
  }

  private double registryUnavailable() {
    io.micrometer.core.instrument.Gauge gauge = metrics.registry().find("klaxon.notifier.registry.unavailable").gauge();
    return gauge == null ? -1 : gauge.value();
  }

  private double failingWrites() {
    return metrics.registry().get("klaxon.notifier.outcome.writes.failing").gauge().value();
  }

  @Test
  void aPartitionTakenOverDoesNotSendAgainWhatItsPreviousOwnerDelivered() {
    // The previous owner read from offset 0 on 5 s ago, delivered acme-2 and acme-3, and died. (At
    // the first poll: MockConsumer forgets commits when the loop subscribes.)
    consumer.schedulePollTask(() -> consumer.commitSync(Map.of(PARTITION, new OffsetAndMetadata(0,
        RereadGuard.metadata(System.currentTimeMillis() - 5_000)))));
    consumer.updateEndOffsets(Map.of(PARTITION, 4L));
    List<java.time.Instant> lookedUp = new CopyOnWriteArrayList<>();
    deliveredBefore = since -> {
      lookedUp.add(since);
      return Set.of("acme-2", "acme-3");
    };
    start(IsolationLevel.MODERATE, 10, 3, 2);
    send("acme", 4, null);

    await().until(() -> committed() == 4);
    assertThat(lookedUp).hasSize(1);
    assertThat(sender.delivered.get("acme")).containsExactlyInAnyOrder("acme-1", "acme-4");
    assertThat(metrics.registry().get("klaxon.notifier.redeliveries.skipped").counter().count()).isEqualTo(2);

    send("acme", 1, null);
    await().until(() -> committed() == 5);
    assertThat(sender.delivered.get("acme")).as("past the end at the takeover, nothing is skipped")
        .containsExactlyInAnyOrder("acme-1", "acme-4", "acme-5");
  }

  @Test
  void aModerateTenantWithStuckDeliveriesLeavesRoomForTheTenantsBehindIt() {
    start(IsolationLevel.MODERATE, 10, 3, 2);
    sender.hold("slow");
    send("slow", 8, null);
    send("fast", 4, null);

    await().until(() -> sender.delivered("fast") == 4);
    assertThat(sender.sending("slow")).isEqualTo(3);
    assertThat(waiting()).isEqualTo(5);
    // The stuck tenant's first record is unfinished, so nothing past it is committed.
    assertThat(committed()).isZero();

    sender.letGo("slow");
    await().until(() -> sender.delivered("slow") == 8 && committed() == 12);
    assertThat(sender.mostAtOnce.get("slow").get()).isEqualTo(3);
    assertThat(waiting()).isZero();
  }

  @Test
  void aDeliveryGivesItsSlotToTheNextOnceSentAndItsOffsetIsCommittedOnceItsReceiptIsDurable() {
    outcomes.holding();
    start(IsolationLevel.MODERATE, 3, 1, 1);
    send("acme", 3, null);

    // One slot for the tenant, and no receipt durable yet: each delivery hands its slot on when sent.
    await().until(() -> sender.delivered("acme") == 3 && outcomes.pending.size() == 3);
    assertThat(sender.mostAtOnce.get("acme").get()).isEqualTo(1);
    assertThat(committed()).isZero();

    outcomes.pending.forEach(f -> f.complete(null));
    await().until(() -> committed() == 3);
  }

  @Test
  void aBasicTenantMayTakeTheWholeSharedCapacity() {
    start(IsolationLevel.BASIC, 4, 2, 2);
    sender.hold("slow");
    send("slow", 6, null);
    send("fast", 2, null);

    await().until(() -> sender.sending("slow") == 4 && waiting() == 4);
    assertThat(sender.delivered("fast")).isZero();

    sender.letGo("slow");
    await().until(() -> sender.delivered("fast") == 2 && sender.delivered("slow") == 6 && committed() == 8);
  }

  @Test
  void aStrictTenantIsServedFromItsOwnSlotsWhileTheSharedCapacityIsTaken() {
    start(IsolationLevel.BASIC, 2, 2, 2);
    sender.hold("noisy");
    send("noisy", 3, null);
    send("vip", 5, IsolationLevel.STRICT);

    await().until(() -> sender.delivered("vip") == 5);
    assertThat(sender.mostAtOnce.get("vip").get()).isLessThanOrEqualTo(2);
    assertThat(sender.sending("noisy")).isEqualTo(2);
    assertThat(committed()).isZero();

    sender.letGo("noisy");
    await().until(() -> sender.delivered("noisy") == 3 && committed() == 8);
  }

  @Test
  void aPartitionPausesWhileItsWaitingRequestsAreAtTheLimitAndResumesAfter() {
    start(IsolationLevel.BASIC, 2, 2, 2);
    sender.hold("slow");
    send("slow", 5, null);

    // The loop pauses the partition once the waiting count reaches the limit (2), after queueing the
    // rest of the poll that reached it: 3 wait when one poll brought all five records, 2 when the
    // fifth came after the pause (it stays unread until the partition resumes).
    await().until(() -> consumer.paused().contains(PARTITION) && waiting() >= 2);
    assertThat(waiting()).isLessThanOrEqualTo(3);

    sender.letGo("slow");
    await().until(() -> consumer.paused().isEmpty() && sender.delivered("slow") == 5 && committed() == 5);
  }

  @Test
  void oneTenantsDeliveriesParkedOnItsDestinationDoNotHoldBackTheOtherTenantsOfItsPartition() {
    start(IsolationLevel.MODERATE, 10, 2, 2);
    sendTo("down", PAUSED_TARGET, 15);
    // More than a partition's bound (10) wait on the paused destination, all of one tenant.
    await().until(() -> waitingOnDestination() == 15);

    send("ok", 3, null);

    await().until(() -> sender.delivered("ok") == 3);
    assertThat(consumer.paused()).isEmpty();
    // The paused destination's first record is unfinished, so nothing past it is committed.
    assertThat(committed()).isZero();
  }

  @Test
  void aTenantPastItsOwnWaitingBoundPausesItsPartitionUntilItHasRoom() {
    start(IsolationLevel.MODERATE, 10, 2, 2, 6);
    sender.hold("slow");
    send("slow", 8, null);

    // 2 sending, 6 waiting for a slot: the tenant's bound.
    await().until(() -> consumer.paused().contains(PARTITION));
    send("ok", 1, null);
    assertThat(sender.delivered("ok")).isZero();

    sender.letGo("slow");
    await().until(() -> consumer.paused().isEmpty() && sender.delivered("ok") == 1 && committed() == 9);
    assertThat(sender.delivered("slow")).isEqualTo(8);
  }

  @Test
  void aReceiptThatFailsToWriteIsWrittenAgainAndTheMessageIsNotSentAgain() {
    List<Long> committedAtWrites = new CopyOnWriteArrayList<>();
    outcomes.failingFirst(3).onWrite(() -> committedAtWrites.add(committed()));
    start(IsolationLevel.BASIC, 10, 10, 10);
    send("acme", 1, null);

    await().until(() -> committed() == 1);
    assertThat(sender.delivered("acme")).isEqualTo(1);
    assertThat(outcomes.writes()).isEqualTo(4);
    assertThat(outcomes.receipts).hasSize(1);
    // Nothing was committed while the receipt was failing, nor before its last write was acknowledged.
    assertThat(committedAtWrites).containsExactly(0L, 0L, 0L, 0L);
    assertThat(metrics.count("klaxon.notifier.outcome.write.failures", "record", "receipt")).isEqualTo(3.0);
    assertThat(failingWrites()).isZero();
    assertThat(engine.stuckOutcomeWrites()).isZero();
  }

  @Test
  void aReceiptThatNeverWritesIsRetriedWhileTheMessageIsSentOnceAndNothingIsCommitted() {
    outcomes.failingFirst(Integer.MAX_VALUE);
    start(IsolationLevel.BASIC, 10, 10, 10);
    send("acme", 1, null);

    await().until(() -> outcomes.writes() >= 5);
    assertThat(sender.delivered("acme")).isEqualTo(1);
    assertThat(committed()).isZero();
    assertThat(failingWrites()).isEqualTo(1.0);
    assertThat(engine.stuckOutcomeWrites()).isEqualTo(1);
    assertThat(metrics.count("klaxon.notifier.outcome.write.failures", "record", "receipt")).isGreaterThanOrEqualTo(4.0);
  }

  @Test
  void deliveriesWaitingOnAPausedTargetHoldNoSlotOfTheirTenant() {
    start(IsolationLevel.MODERATE, 10, 2, 2);
    sendTo("acme", PAUSED_TARGET, 3);
    sendTo("acme", "hook-1", 4);

    // Only 2 slots for acme: the other target's notifications go out while the paused target's wait without one.
    await().until(() -> sender.delivered("acme") == 4);
    await().until(() -> waitingOnDestination() == 3);
    // The first two may both have been sent before the first answer paused the target; the third was not.
    assertThat(sender.attemptsToPaused.get()).isBetween(1, 2);
    assertThat(waiting()).isZero();
    assertThat(metrics.count("klaxon.notifier.retry.after.capped", "channel", "webhook"))
        .isEqualTo(sender.attemptsToPaused.get());
    // The paused target's first record is unfinished, so nothing past it is committed.
    assertThat(committed()).isZero();
  }

  @Test
  void aDeliveryThatHitsADefectIsDeadLetteredAndCommittedNeverRetriedInALoop() {
    start(IsolationLevel.BASIC, 10, 10, 10);
    sendTo("acme", BROKEN_TARGET, 1);
    send("acme", 1, null);

    await().until(() -> committed() == 2);
    assertThat(outcomes.deadLetters).singleElement()
        .satisfies(dl -> assertThat(dl.getFailure()).isEqualTo("internal error (IllegalStateException)"));
    assertThat(sender.delivered("acme")).isEqualTo(1);
  }

  @Test
  void aRegistryThatRefusesKeepsTheLoopAliveUntilItAnswersAndNothingIsSkipped() {
    AtomicInteger refusals = new AtomicInteger(2);
    registryAnswers = () -> {
      if (refusals.getAndDecrement() > 0) {
        offerAllAgainAtTheNextPoll();
        throw new SchemaRegistryException(401, 401, "Schema registry answered HTTP 401 (check basic.auth.user.info)");
      }
    };
    start(IsolationLevel.BASIC, 10, 10, 10);
    // Both records arrive in one poll, so every read returns both.
    CountDownLatch added = new CountDownLatch(1);
    consumer.schedulePollTask(() -> {
      send("acme", 2, null);
      added.countDown();
    });

    await().until(() -> added.getCount() == 0 && registryUnavailable() == 1.0);
    assertThat(thread.isAlive()).isTrue();
    assertThat(committed()).isZero();

    await().until(() -> sender.delivered("acme") == 2 && committed() == 2);
    assertThat(registryUnavailable()).isZero();
    assertThat(metrics.count("klaxon.notifier.undecodable")).isZero();
  }

  @Test
  void anUndecodableRecordIsDeadLetteredWithItsBytesAndCommittedOnlyOnceTheLetterIsDurable() {
    outcomes.holding();
    start(IsolationLevel.BASIC, 10, 10, 10);
    byte[] unknownSchema = {0, 0, 0, 0, 99, 2, 4, 6};
    produce(new ConsumerRecord<>(TOPIC, 0, nextOffset++, "acme", unknownSchema));
    send("acme", 1, null);

    await().until(() -> outcomes.undecodable.size() == 1 && sender.delivered("acme") == 1);
    assertThat(committed()).isZero();
    assertThat(outcomes.undecodable.getFirst()).satisfies(letter -> {
      assertThat(letter.getReason()).isEqualTo(DeadLetterReason.UNKNOWN_SCHEMA);
      assertThat(letter.getSchemaId()).isEqualTo(99);
      assertThat(letter.getDetail()).contains("99");
      assertThat(letter.getSourceTopic()).isEqualTo(TOPIC);
      assertThat(letter.getSourcePartition()).isZero();
      assertThat(letter.getSourceOffset()).isZero();
      assertThat(letter.getOriginalValue()).isEqualTo(ByteBuffer.wrap(unknownSchema));
      assertThat(letter.getOriginalKey()).isEqualTo(ByteBuffer.wrap("acme".getBytes(StandardCharsets.UTF_8)));
    });

    outcomes.pending.forEach(write -> write.complete(null));

    await().until(() -> committed() == 2);
    assertThat(metrics.count("klaxon.notifier.undecodable")).isEqualTo(1.0);
  }

  @Test
  void eachTenantsNotificationsStartInTheOrderTheyWereRead() {
    start(IsolationLevel.MODERATE, 10, 1, 1);
    for (int i = 0; i < 10; i++) {
      send("a", 1, null);
      send("b", 1, null);
    }
    await().until(() -> sender.delivered("a") == 10 && sender.delivered("b") == 10 && committed() == 20);
    assertThat(sender.delivered.get("a")).containsExactly(
        "a-1", "a-2", "a-3", "a-4", "a-5", "a-6", "a-7", "a-8", "a-9", "a-10");
    assertThat(sender.delivered.get("b")).hasSize(10).startsWith("b-1", "b-2").endsWith("b-10");
  }
}
