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

  /** The expiry index's entries as "store key @ expiry", in index order; the completion mark left out. */
  private List<String> indexed() {
    List<String> entries = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> all = index.all()) {
      all.forEachRemaining(entry -> {
        if (!entry.key.equals(ExpiryKeys.COMPLETE)) {
          entries.add(ExpiryKeys.storeKeyOf(entry.key).replace('\0', '/') + " @ T0+"
              + (ExpiryKeys.expiryOf(entry.key) - T0) / 1000 + "s");
        }
      });
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
  void aNewStoreIsMarkedCompleteAtTheFirstPunctuationWithoutAWalk() {
    assertThat(index.get(ExpiryKeys.COMPLETE)).isNull();
    send(ACME, diskFull("acme").setFingerprint("a"), T0);

    expireAt(T0 + MINUTE);

    assertThat(index.get(ExpiryKeys.COMPLETE)).isNotNull();
  }

  @Test
  void onePunctuationExaminesAtMostTheBatchAndTheNextOnesGoOn() {
    MockProcessorContext<String, Object> small = new MockProcessorContext<>();
    KeyValueStore<String, DedupState> smallStore = InMemoryStores.attach(small, KlaxonTopology.STORE_DEDUP, DedupState.serde());
    InMemoryStores.dedupExpiry(small);
    InMemoryStores.tenants(small, ACME);
    DedupProcessor batched = new DedupProcessor(CONFIG, listener, new OutcomeAudit(false, "alerts"), 2);
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
  void aStoreWrittenBeforeTheIndexExistedIsIndexedInBatchesThenMarkedComplete() {
    MockProcessorContext<String, Object> older = new MockProcessorContext<>();
    KeyValueStore<String, DedupState> olderStore = InMemoryStores.attach(older, KlaxonTopology.STORE_DEDUP, DedupState.serde());
    KeyValueStore<Bytes, byte[]> olderIndex = InMemoryStores.dedupExpiry(older);
    InMemoryStores.tenants(older, ACME);
    for (int i = 0; i < 4; i++) {
      olderStore.put(DedupStoreKey.of("acme", "old" + i), new DedupState(true, T0, T0, 0));
    }
    olderStore.put(DedupStoreKey.of("acme", "recent"), new DedupState(true, T0 + 4 * MINUTE, T0, 0));
    DedupProcessor upgraded = new DedupProcessor(CONFIG, listener, new OutcomeAudit(false, "alerts"), 2);
    upgraded.init(older);
    Runnable punctuate = () -> {
      older.setCurrentSystemTimeMs(T0 + 6 * MINUTE);
      older.scheduledPunctuators().get(0).getPunctuator().punctuate(T0 + 6 * MINUTE);
    };

    punctuate.run();
    assertThat(olderStore.approximateNumEntries()).isEqualTo(3);
    assertThat(olderIndex.get(ExpiryKeys.COMPLETE)).isNull();
    punctuate.run();
    punctuate.run();
    assertThat(olderIndex.get(ExpiryKeys.COMPLETE)).as("the walk found fewer than a batch: done").isNotNull();
    assertThat(olderStore.approximateNumEntries()).isEqualTo(1);
    assertThat(olderIndex.get(ExpiryKeys.of(T0 + 9 * MINUTE, DedupStoreKey.of("acme", "recent")))).isNotNull();

    older.setCurrentSystemTimeMs(T0 + 9 * MINUTE + 1);
    older.scheduledPunctuators().get(0).getPunctuator().punctuate(T0 + 9 * MINUTE + 1);
    assertThat(olderStore.approximateNumEntries()).isZero();
  }

  @Test
  void anIndexMarkedCompleteIsNotWalkedAgain() {
    MockProcessorContext<String, Object> restarted = new MockProcessorContext<>();
    KeyValueStore<String, DedupState> restartedStore =
        InMemoryStores.attach(restarted, KlaxonTopology.STORE_DEDUP, DedupState.serde());
    InMemoryStores.dedupExpiry(restarted).put(ExpiryKeys.COMPLETE, new byte[0]);
    InMemoryStores.tenants(restarted, ACME);
    restartedStore.put(DedupStoreKey.of("acme", "never-indexed"), new DedupState(true, T0, T0, 0));
    new DedupProcessor(CONFIG, listener, new OutcomeAudit(false, "alerts")).init(restarted);

    restarted.setCurrentSystemTimeMs(T0 + 6 * MINUTE);
    restarted.scheduledPunctuators().get(0).getPunctuator().punctuate(T0 + 6 * MINUTE);

    assertThat(restartedStore.get(DedupStoreKey.of("acme", "never-indexed")))
        .as("an entry the index does not hold is not looked for").isNotNull();
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
