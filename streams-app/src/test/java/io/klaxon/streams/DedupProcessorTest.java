package io.klaxon.streams;

import io.klaxon.streams.dedup.DedupStoreKey;
import static io.klaxon.streams.Samples.MINUTE;
import static io.klaxon.streams.Samples.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.Severity;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.streams.dedup.DedupState;
import io.klaxon.streams.dedup.ExpiryKeys;
import io.klaxon.streams.dedup.Fingerprints;
import io.klaxon.streams.route.RoutableAlert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DedupProcessorTest {
  private static final TenantConfig ACME = Samples.tenant("acme", Tier.ENTERPRISE);
  private static final TenantConfig GLOBEX = Samples.tenant("globex", Tier.STANDARD);
  /** Defaults: 5 min window, 4 h repeat. */
  private static final TopologyConfig CONFIG = TopologyConfig.defaults();

  private final MockProcessorContext<String, Object> context = new MockProcessorContext<>();
  private final TopologyFixture.CountingListener listener = new TopologyFixture.CountingListener();
  private final DedupProcessor processor = new DedupProcessor(CONFIG, listener, new OutcomeAudit(false, "alerts"));
  private KeyValueStore<String, DedupState> store;
  private KeyValueStore<Bytes, byte[]> index;

  @BeforeEach
  void init() {
    store = InMemoryStores.attach(context, KlaxonTopology.STORE_DEDUP, DedupState.serde());
    index = InMemoryStores.dedupExpiry(context);
    InMemoryStores.tenants(context, ACME, GLOBEX);
    processor.init(context);
  }

  /** The expiry index's entries as "store key @ expiry", in index order. */
  private List<String> indexed() {
    return indexed(index);
  }

  private static List<String> indexed(KeyValueStore<Bytes, byte[]> index) {
    List<String> entries = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> all = index.all()) {
      all.forEachRemaining(entry -> entries.add(ExpiryKeys.storeKeyOf(entry.key).replace('\0', '/') + " @ T0+"
          + (ExpiryKeys.expiryOf(entry.key) - T0) / 1000 + "s"));
    }
    return entries;
  }

  private static AlertEvent.Builder diskFull(String tenantId) {
    return Samples.alert(UUID.randomUUID().toString(), tenantId, Severity.HIGH, "Disk full");
  }

  private void send(TenantConfig tenant, AlertEvent.Builder event, long time) {
    processor.process(new Record<>(tenant.getTenantId(), new ValidAlert(event.build(), tenant), time));
  }

  private List<RoutableAlert> passed() {
    return context.forwarded().stream().map(f -> (RoutableAlert) f.record().value()).toList();
  }

  /** Stream-time punctuation at {@code streamTime}, with the wall clock there too (a live pipeline). */
  private void expireAt(long streamTime) {
    context.setCurrentSystemTimeMs(streamTime);
    context.scheduledPunctuators().get(0).getPunctuator().punctuate(streamTime);
  }

  @Test
  void aNewAlertPassesWithItsFingerprintAndADuplicateIsCounted() {
    AlertEvent.Builder alert = diskFull("acme");
    send(ACME, alert, T0);
    send(ACME, diskFull("acme"), T0 + MINUTE);

    assertThat(passed()).hasSize(1);
    RoutableAlert routable = passed().get(0);
    assertThat(routable.event()).isEqualTo(alert.build());
    assertThat(routable.tenant()).isEqualTo(ACME);
    assertThat(routable.fingerprint()).isEqualTo(Fingerprints.of(alert.build()));
    assertThat(routable.repeat()).isFalse();
    assertThat(routable.duplicatesSuppressed()).isZero();
    assertThat(context.forwarded().get(0).childName()).contains(KlaxonTopology.PROC_SILENCE);
    assertThat(context.forwarded().get(0).record().timestamp()).isEqualTo(T0);
    assertThat(listener.count(Outcome.DEDUPLICATED)).isEqualTo(1);
  }

  @Test
  void stateIsKeptPerTenantAndFingerprint() {
    send(ACME, diskFull("acme").setFingerprint("incident-42"), T0);
    send(GLOBEX, diskFull("globex").setFingerprint("incident-42"), T0);

    assertThat(passed()).hasSize(2);
    assertThat(store.get(DedupStoreKey.of("acme", "incident-42"))).isNotNull();
    assertThat(store.get(DedupStoreKey.of("globex", "incident-42"))).isNotNull();
    assertThat(DedupStoreKey.tenantOf(DedupStoreKey.of("globex", "incident-42"))).isEqualTo("globex");
  }

  @Test
  void resolvedPassesAndClearsTheFingerprint() {
    send(ACME, diskFull("acme"), T0);
    send(ACME, diskFull("acme").setStatus(AlertStatus.RESOLVED), T0 + MINUTE);
    send(ACME, diskFull("acme"), T0 + 2 * MINUTE);

    assertThat(passed()).extracting(a -> a.event().getStatus())
        .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED, AlertStatus.FIRING);
  }

  @Test
  void theTenantsWindowAndRepeatIntervalApply() {
    TenantConfig quick = TenantConfig.newBuilder(ACME).setDedupWindowMs(MINUTE).setRepeatIntervalMs(3 * MINUTE).build();

    send(quick, diskFull("acme"), T0);
    send(quick, diskFull("acme"), T0 + MINUTE);
    send(quick, diskFull("acme"), T0 + 2 * MINUTE);
    send(quick, diskFull("acme"), T0 + 3 * MINUTE);

    assertThat(passed()).extracting(RoutableAlert::repeat).containsExactly(false, true);
    assertThat(passed().get(1).duplicatesSuppressed()).isEqualTo(2);
    send(quick, diskFull("acme"), T0 + 4 * MINUTE + 1);
    assertThat(passed()).as("a minute and more of quiet is a new occurrence").hasSize(3);
  }

  @Test
  void expiryRunsOnStreamTimeEveryExpiryInterval() {
    CapturedPunctuator punctuator = context.scheduledPunctuators().get(0);

    assertThat(punctuator.getType()).isEqualTo(PunctuationType.STREAM_TIME);
    assertThat(punctuator.getInterval()).isEqualTo(CONFIG.expiryInterval());
  }

  @Test
  void expiryForgetsFingerprintsOnceTheWindowHasPassedSinceTheyWereLastSeen() {
    send(ACME, diskFull("acme").setFingerprint("a"), T0);
    send(GLOBEX, diskFull("globex").setFingerprint("g"), T0);

    expireAt(T0 + 5 * MINUTE);
    assertThat(store.approximateNumEntries()).as("both windows still open").isEqualTo(2);

    expireAt(T0 + 5 * MINUTE + 1);
    assertThat(store.get(DedupStoreKey.of("acme", "a"))).isNull();
    assertThat(store.get(DedupStoreKey.of("globex", "g"))).isNull();
  }

  @Test
  void aRecordAnHourAheadFromOneTenantCannotExpireAnotherTenantsEntry() {
    context.setCurrentSystemTimeMs(T0);
    send(GLOBEX, diskFull("globex").setFingerprint("g"), T0);
    send(ACME, diskFull("acme").setFingerprint("a"), T0 + Duration.ofHours(1).toMillis());

    context.scheduledPunctuators().get(0).getPunctuator().punctuate(T0 + Duration.ofHours(1).toMillis());

    assertThat(store.get(DedupStoreKey.of("globex", "g"))).as("globex's window is still open by the wall clock").isNotNull();
  }

  @Test
  void expiryUsesEachTenantsOwnWindow() {
    TenantConfig quickGlobex = TenantConfig.newBuilder(GLOBEX).setDedupWindowMs(MINUTE).build();
    KeyValueStore<String, TenantConfig> tenants = context.getStateStore(KlaxonTopology.STORE_TENANTS);
    tenants.put("globex", quickGlobex);
    send(ACME, diskFull("acme").setFingerprint("a"), T0);
    send(quickGlobex, diskFull("globex").setFingerprint("g"), T0);

    expireAt(T0 + MINUTE + 1);

    assertThat(store.get(DedupStoreKey.of("globex", "g"))).as("one-minute window").isNull();
    assertThat(store.get(DedupStoreKey.of("acme", "a"))).as("default window").isNotNull();
  }

  @Test
  void aWindowLengthenedSinceTheEntryWasIndexedKeepsTheEntryForTheLongerWindow() {
    TenantConfig quickGlobex = TenantConfig.newBuilder(GLOBEX).setDedupWindowMs(MINUTE).build();
    send(quickGlobex, diskFull("globex").setFingerprint("g"), T0);
    // The tenants store has globex with the default five-minute window.

    expireAt(T0 + MINUTE + 1);
    assertThat(store.get(DedupStoreKey.of("globex", "g"))).isNotNull();
    assertThat(indexed()).containsExactly("globex/g @ T0+300s");

    expireAt(T0 + 5 * MINUTE + 1);
    assertThat(store.get(DedupStoreKey.of("globex", "g"))).isNull();
  }

  @Test
  void aWindowShortenedSinceTheEntryWasIndexedRemovesItAtTheLatestAtTheIndexedTime() {
    send(GLOBEX, diskFull("globex").setFingerprint("g"), T0);
    KeyValueStore<String, TenantConfig> tenants = context.getStateStore(KlaxonTopology.STORE_TENANTS);
    tenants.put("globex", TenantConfig.newBuilder(GLOBEX).setDedupWindowMs(MINUTE).build());

    expireAt(T0 + 2 * MINUTE);
    assertThat(store.get(DedupStoreKey.of("globex", "g"))).as("not due in the index yet").isNotNull();
    expireAt(T0 + 5 * MINUTE + 1);
    assertThat(store.get(DedupStoreKey.of("globex", "g"))).isNull();
    assertThat(indexed()).isEmpty();
  }

  @Test
  void onlyANewEntryIsIndexedNotEachDuplicate() {
    send(ACME, diskFull("acme").setFingerprint("a"), T0);
    send(ACME, diskFull("acme").setFingerprint("a"), T0 + MINUTE);
    send(ACME, diskFull("acme").setFingerprint("a"), T0 + 2 * MINUTE);

    assertThat(indexed()).containsExactly("acme/a @ T0+300s");
  }

  @Test
  void anEntrySeenAgainIsIndexedAgainAtItsNewExpiryWhenItsOldOneComesDue() {
    send(ACME, diskFull("acme").setFingerprint("a"), T0);
    send(ACME, diskFull("acme").setFingerprint("a"), T0 + 4 * MINUTE);

    expireAt(T0 + 5 * MINUTE + 1);
    assertThat(store.get(DedupStoreKey.of("acme", "a"))).isNotNull();
    assertThat(indexed()).containsExactly("acme/a @ T0+540s");

    expireAt(T0 + 9 * MINUTE);
    assertThat(store.get(DedupStoreKey.of("acme", "a"))).isNotNull();
    expireAt(T0 + 9 * MINUTE + 1);
    assertThat(store.get(DedupStoreKey.of("acme", "a"))).isNull();
    assertThat(indexed()).isEmpty();
  }

  @Test
  void anOutOfOrderEventThatMovesLastSeenBackIsIndexedAtTheEarlierExpiry() {
    send(ACME, diskFull("acme").setFingerprint("a"), T0 + 4 * MINUTE);
    send(ACME, diskFull("acme").setFingerprint("a").setStatus(AlertStatus.RESOLVED), T0 + MINUTE);

    assertThat(store.get(DedupStoreKey.of("acme", "a")).lastSeen()).isEqualTo(T0 + MINUTE);
    expireAt(T0 + 6 * MINUTE + 1);
    assertThat(store.get(DedupStoreKey.of("acme", "a"))).isNull();
  }

  @Test
  void anEmptyStoreIsNotWalked() {
    assertThat(context.scheduledPunctuators()).as("expiry on stream time and on the wall clock, no walk").hasSize(2);
  }

  @Test
  void onePunctuationExaminesAtMostTheBatchAndTheNextOnesGoOn() {
    MockProcessorContext<String, Object> small = new MockProcessorContext<>();
    KeyValueStore<String, DedupState> smallStore = InMemoryStores.attach(small, KlaxonTopology.STORE_DEDUP, DedupState.serde());
    InMemoryStores.dedupExpiry(small);
    InMemoryStores.tenants(small, ACME);
    DedupProcessor batched = new DedupProcessor(CONFIG, listener, new OutcomeAudit(false, "alerts"), 2, 2);
    batched.init(small);
    for (int i = 0; i < 5; i++) {
      batched.process(new Record<>("acme", new ValidAlert(diskFull("acme").setFingerprint("f" + i).build(), ACME), T0 + i));
    }
    batched.process(new Record<>("acme", new ValidAlert(diskFull("acme").setFingerprint("live").build(), ACME),
        T0 + 4 * MINUTE));
    Runnable punctuate = () -> {
      small.setCurrentSystemTimeMs(T0 + 6 * MINUTE);
      small.scheduledPunctuators().get(0).getPunctuator().punctuate(T0 + 6 * MINUTE);
    };

    punctuate.run();
    assertThat(smallStore.approximateNumEntries()).isEqualTo(4);
    punctuate.run();
    assertThat(smallStore.approximateNumEntries()).isEqualTo(2);
    punctuate.run();
    assertThat(smallStore.approximateNumEntries()).isEqualTo(1);
    assertThat(smallStore.get(DedupStoreKey.of("acme", "live"))).isNotNull();
  }

  @Test
  void atStartTheStoreIsWalkedInBatchesOnTheWallClockAndEveryEntryIndexedAtItsExpiry() {
    MockProcessorContext<String, Object> restored = new MockProcessorContext<>();
    KeyValueStore<String, DedupState> restoredStore =
        InMemoryStores.attach(restored, KlaxonTopology.STORE_DEDUP, DedupState.serde());
    KeyValueStore<Bytes, byte[]> restoredIndex = InMemoryStores.dedupExpiry(restored);
    InMemoryStores.tenants(restored, ACME);
    for (int i = 0; i < 4; i++) {
      restoredStore.put(DedupStoreKey.of("acme", "old" + i), new DedupState(true, T0, T0, 0));
    }
    restoredStore.put(DedupStoreKey.of("acme", "recent"), new DedupState(true, T0 + 4 * MINUTE, T0, 0));
    new DedupProcessor(CONFIG, listener, new OutcomeAudit(false, "alerts"), 10, 2).init(restored);
    CapturedPunctuator walk = restored.scheduledPunctuators().get(2);
    assertThat(walk.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
    assertThat(walk.getInterval()).isEqualTo(DedupProcessor.WALK_INTERVAL);

    walk.getPunctuator().punctuate(T0);
    assertThat(indexed(restoredIndex)).containsExactly("acme/old0 @ T0+300s", "acme/old1 @ T0+300s");
    walk.getPunctuator().punctuate(T0 + 1_000);
    walk.getPunctuator().punctuate(T0 + 2_000);
    assertThat(walk.cancelled()).as("the walk found fewer than a batch: done").isTrue();
    assertThat(indexed(restoredIndex)).containsExactly("acme/old0 @ T0+300s", "acme/old1 @ T0+300s",
        "acme/old2 @ T0+300s", "acme/old3 @ T0+300s", "acme/recent @ T0+540s");

    restored.setCurrentSystemTimeMs(T0 + 6 * MINUTE);
    restored.scheduledPunctuators().get(0).getPunctuator().punctuate(T0 + 6 * MINUTE);
    assertThat(restoredStore.approximateNumEntries()).as("the expiry punctuation forgets what is due").isEqualTo(1);
    restored.setCurrentSystemTimeMs(T0 + 9 * MINUTE + 1);
    restored.scheduledPunctuators().get(0).getPunctuator().punctuate(T0 + 9 * MINUTE + 1);
    assertThat(restoredStore.approximateNumEntries()).isZero();
  }

  @Test
  void aStaleIndexKeptFromAnEarlierRunIsHealed() {
    MockProcessorContext<String, Object> returned = new MockProcessorContext<>();
    KeyValueStore<String, DedupState> returnedStore =
        InMemoryStores.attach(returned, KlaxonTopology.STORE_DEDUP, DedupState.serde());
    KeyValueStore<Bytes, byte[]> returnedIndex = InMemoryStores.dedupExpiry(returned);
    InMemoryStores.tenants(returned, ACME);
    // Made elsewhere while the task was away: in the store (restored), not in this instance's index.
    returnedStore.put(DedupStoreKey.of("acme", "made-elsewhere"), new DedupState(true, T0, T0, 0));
    // Forgotten elsewhere: still in this instance's index, gone from the store.
    returnedIndex.put(ExpiryKeys.of(T0 + 2 * MINUTE, DedupStoreKey.of("acme", "forgotten-elsewhere")), new byte[0]);
    // Seen again elsewhere: indexed here at an expiry that has moved on.
    returnedStore.put(DedupStoreKey.of("acme", "seen-again"), new DedupState(true, T0 + 4 * MINUTE, T0, 0));
    returnedIndex.put(ExpiryKeys.of(T0 + 3 * MINUTE, DedupStoreKey.of("acme", "seen-again")), new byte[0]);
    new DedupProcessor(CONFIG, listener, new OutcomeAudit(false, "alerts")).init(returned);

    returned.scheduledPunctuators().get(2).getPunctuator().punctuate(T0);
    returned.setCurrentSystemTimeMs(T0 + 6 * MINUTE);
    returned.scheduledPunctuators().get(0).getPunctuator().punctuate(T0 + 6 * MINUTE);

    assertThat(returnedStore.get(DedupStoreKey.of("acme", "made-elsewhere"))).as("found by the walk, forgotten").isNull();
    assertThat(returnedStore.get(DedupStoreKey.of("acme", "seen-again"))).isNotNull();
    assertThat(indexed(returnedIndex)).as("the stale keys are gone; the live entry is indexed at its expiry")
        .containsExactly("acme/seen-again @ T0+540s");
  }

  @Test
  void aDeletedTenantsStateExpiresWithTheDefaultWindow() {
    KeyValueStore<String, TenantConfig> tenants = context.getStateStore(KlaxonTopology.STORE_TENANTS);
    send(GLOBEX, diskFull("globex").setFingerprint("g"), T0);
    tenants.delete("globex");

    expireAt(T0 + Duration.ofMinutes(5).toMillis());
    assertThat(store.get(DedupStoreKey.of("globex", "g"))).isNotNull();
    expireAt(T0 + Duration.ofMinutes(5).toMillis() + 1);
    assertThat(store.get(DedupStoreKey.of("globex", "g"))).isNull();
  }
}
