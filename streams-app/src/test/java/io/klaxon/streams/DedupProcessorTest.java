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
import io.klaxon.streams.dedup.Fingerprints;
import io.klaxon.streams.route.RoutableAlert;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DedupProcessorTest {
  private static final TenantConfig ACME = Samples.tenant("acme", Tier.ENTERPRISE);
  private static final TenantConfig GLOBEX = Samples.tenant("globex", Tier.STANDARD);
  /** Defaults: 5 min window, 4 h repeat. */
  private static final TopologyConfig CONFIG = TopologyConfig.defaults();

  private final MockProcessorContext<String, RoutableAlert> context = new MockProcessorContext<>();
  private final TopologyFixture.CountingListener listener = new TopologyFixture.CountingListener();
  private final DedupProcessor processor = new DedupProcessor(CONFIG, listener);
  private KeyValueStore<String, DedupState> store;

  @BeforeEach
  void init() {
    store = InMemoryStores.attach(context, KlaxonTopology.STORE_DEDUP, DedupState.serde());
    InMemoryStores.tenants(context, ACME, GLOBEX);
    processor.init(context);
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
    assertThat(context.forwarded().get(0).childName()).as("to its only child, route").isEmpty();
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
  void expiryUsesTheWindowOfTheTenantAsTheStoreKnowsIt() {
    KeyValueStore<String, TenantConfig> tenants = context.getStateStore(KlaxonTopology.STORE_TENANTS);
    tenants.put("globex", TenantConfig.newBuilder(GLOBEX).setDedupWindowMs(MINUTE).build());
    send(ACME, diskFull("acme").setFingerprint("a"), T0);
    send(GLOBEX, diskFull("globex").setFingerprint("g"), T0);

    expireAt(T0 + MINUTE + 1);

    assertThat(store.get(DedupStoreKey.of("globex", "g"))).as("one-minute window").isNull();
    assertThat(store.get(DedupStoreKey.of("acme", "a"))).as("default window").isNotNull();
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
