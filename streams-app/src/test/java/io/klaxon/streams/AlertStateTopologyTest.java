package io.klaxon.streams;

import static io.klaxon.streams.Samples.MINUTE;
import static io.klaxon.streams.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.control.AckState;
import io.klaxon.control.Acknowledgement;
import io.klaxon.control.ControlKeys;
import io.klaxon.control.Silence;
import io.klaxon.events.AlertState;
import io.klaxon.events.AlertStateStatus;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.LabelMatcher;
import io.klaxon.events.MatchOp;
import io.klaxon.events.Severity;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The alert states topic: one record per change of an alert's state, a tombstone when it ends. */
class AlertStateTopologyTest {
  private static final long REPEAT = TopologyFixture.CONFIG.defaultRepeatInterval().toMillis();
  private static final long WINDOW = TopologyFixture.CONFIG.defaultDedupWindow().toMillis();
  private static final long HOUR = Duration.ofHours(1).toMillis();

  private TopologyFixture fx;
  private TestOutputTopic<String, AlertState> states;

  @BeforeEach
  void start() {
    fx = new TopologyFixture();
    states = states(fx);
    // acme's window outlasts the repeat interval, so a repeat is a repeat and not a new occurrence.
    TenantConfig acme = TopologyFixture.tenant("acme", Tier.ENTERPRISE);
    acme.setDedupWindowMs(REPEAT + HOUR);
    fx.putTenant(acme);
    fx.putTenant(TopologyFixture.tenant("globex", Tier.ENTERPRISE));
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  private static TestOutputTopic<String, AlertState> states(TopologyFixture fixture) {
    return fixture.driver.createOutputTopic(fixture.topics.alertStates().name(), new StringDeserializer(),
        fixture.topics.alertStates().valueSerde().deserializer());
  }

  private void send(String tenant, String fingerprint, AlertStatus status, long time) {
    fx.send(fx.alert(tenant, Severity.HIGH, "Disk full").setFingerprint(fingerprint).setStatus(status)
        .setLabels(Map.of("alertname", "DiskFull", "env", "prod")), time);
  }

  /** acme's silence s-1 of env="prod", in force from before T0 until the repeat interval has passed. */
  private void silenceProdUntilTheRepeat() {
    Silence silence = new Silence("s-1", "acme", List.of(new LabelMatcher("env", MatchOp.EQ, "prod")),
        Instant.ofEpochMilli(T0 - MINUTE), Instant.ofEpochMilli(T0 + REPEAT), "jane", "db move", Instant.ofEpochMilli(T0));
    fx.silences.pipeInput(ControlKeys.of(silence), silence, T0);
  }

  @Test
  void theFirstFiringWritesTheAlertsStateAndRepeatsWriteNothing() {
    send("acme", "fp-1", AlertStatus.FIRING, T0);
    List<TestRecord<String, AlertState>> first = states.readRecordsToList();
    assertThat(first).singleElement().satisfies(record -> {
      assertThat(record.key()).isEqualTo("acme/fp-1");
      AlertState state = record.value();
      assertThat(state.getTenantId()).isEqualTo("acme");
      assertThat(state.getFingerprint()).isEqualTo("fp-1");
      assertThat(state.getStatus()).isEqualTo(AlertStateStatus.FIRING);
      assertThat(state.getLabels()).containsEntry("alertname", "DiskFull").containsEntry("env", "prod");
      assertThat(state.getTitle()).isEqualTo("Disk full");
      assertThat(state.getSeverity()).isEqualTo(Severity.HIGH);
      assertThat(state.getStartsAt()).isEqualTo(Instant.ofEpochMilli(T0));
      assertThat(state.getSilencedBy()).isEmpty();
      assertThat(state.getEndsAt()).isNull();
    });

    send("acme", "fp-1", AlertStatus.FIRING, T0 + MINUTE); // a duplicate
    send("acme", "fp-1", AlertStatus.FIRING, T0 + REPEAT + MINUTE); // a repeat, notified again
    assertThat(fx.drainNotifications()).hasSize(6);
    assertThat(states.readRecordsToList()).as("nothing changed").isEmpty();
  }

  @Test
  void aResolutionWritesATombstoneAndTheNextFiringStartsAgain() {
    send("acme", "fp-1", AlertStatus.FIRING, T0);
    states.readRecordsToList();

    send("acme", "fp-1", AlertStatus.RESOLVED, T0 + MINUTE);
    assertThat(states.readRecordsToList()).singleElement().satisfies(record -> {
      assertThat(record.key()).isEqualTo("acme/fp-1");
      assertThat(record.value()).isNull();
    });
    send("acme", "fp-1", AlertStatus.RESOLVED, T0 + 2 * MINUTE);
    assertThat(states.readRecordsToList()).as("a second resolution has nothing to remove").isEmpty();

    send("acme", "fp-1", AlertStatus.FIRING, T0 + 3 * MINUTE);
    assertThat(states.readRecordsToList()).singleElement()
        .satisfies(record -> assertThat(record.value().getStartsAt()).isEqualTo(Instant.ofEpochMilli(T0 + 3 * MINUTE)));
  }

  @Test
  void whenTheDedupStateExpiresTheAlertsStateIsRemoved() {
    send("globex", "fp-1", AlertStatus.FIRING, T0); // globex has the default window
    states.readRecordsToList();

    long later = T0 + WINDOW + 2 * MINUTE;
    fx.driver.advanceWallClockTime(Duration.ofMillis(later - T0));
    send("acme", "other", AlertStatus.FIRING, later); // moves stream time: the expiry punctuation runs
    fx.driver.advanceWallClockTime(TopologyFixture.CONFIG.expiryInterval());
    send("acme", "other", AlertStatus.FIRING, later + TopologyFixture.CONFIG.expiryInterval().toMillis());

    assertThat(states.readKeyValuesToList()).filteredOn(kv -> kv.key.equals("globex/fp-1")).singleElement()
        .satisfies(kv -> assertThat(kv.value).as("a tombstone").isNull());
  }

  @Test
  void withTheDefaultsAnExpiredAlertsStateIsRemovedWithinSecondsOfItsWindow() {
    // Expiry runs every second, so each run removes only what came due in that second instead of
    // a minute's worth at once (which stalled processing for about 1.5 s every minute).
    long seen = T0 + 30_000;
    send("globex", "fp-1", AlertStatus.FIRING, seen);
    states.readRecordsToList();

    // Traffic every 30 s moves stream time through the window, the wall clock keeping up, as live.
    fx.driver.advanceWallClockTime(Duration.ofMillis(seen - T0));
    long now = seen;
    while (now < seen + WINDOW) {
      now += 30_000;
      fx.driver.advanceWallClockTime(Duration.ofSeconds(30));
      send("acme", "other", AlertStatus.FIRING, now);
    }
    for (long second = 1; second <= 3; second++) {
      fx.driver.advanceWallClockTime(Duration.ofSeconds(1));
      send("acme", "other", AlertStatus.FIRING, seen + WINDOW + second * 1_000);
    }

    assertThat(states.readKeyValuesToList()).filteredOn(kv -> kv.key.equals("globex/fp-1")).singleElement()
        .satisfies(kv -> assertThat(kv.value).as("a tombstone, within 3 s of the window's end").isNull());
  }

  @Test
  void aSilenceMarksTheAlertSuppressedAndItsEndMarksItFiringAgain() {
    silenceProdUntilTheRepeat();

    send("acme", "fp-1", AlertStatus.FIRING, T0);
    assertThat(states.readValuesToList()).singleElement().satisfies(state -> {
      assertThat(state.getStatus()).isEqualTo(AlertStateStatus.SUPPRESSED);
      assertThat(state.getSilencedBy()).containsExactly("s-1");
    });

    fx.driver.advanceWallClockTime(Duration.ofMillis(REPEAT + MINUTE)); // the silence has ended
    send("acme", "fp-1", AlertStatus.FIRING, T0 + REPEAT + MINUTE);
    assertThat(states.readValuesToList()).as("the repeat finds the suppression changed").singleElement()
        .satisfies(state -> {
          assertThat(state.getStatus()).isEqualTo(AlertStateStatus.FIRING);
          assertThat(state.getSilencedBy()).isEmpty();
          assertThat(state.getStartsAt()).as("still the first firing").isEqualTo(Instant.ofEpochMilli(T0));
        });
  }

  @Test
  void anAcknowledgementMarksTheAlertSuppressedAtItsNextRepeat() {
    send("acme", "fp-1", AlertStatus.FIRING, T0);
    states.readRecordsToList();
    Acknowledgement ack = new Acknowledgement("acme", "fp-1", AckState.ACKED, "jane", Instant.ofEpochMilli(T0), "on it",
        "cli");
    fx.acks.pipeInput(ControlKeys.of(ack), ack, T0);

    send("acme", "fp-1", AlertStatus.FIRING, T0 + REPEAT + MINUTE);
    assertThat(states.readValuesToList()).singleElement().satisfies(state -> {
      assertThat(state.getStatus()).isEqualTo(AlertStateStatus.SUPPRESSED);
      assertThat(state.getAcknowledgedBy()).isEqualTo("jane");
    });
  }

  @Test
  void eachTenantsAlertsAreKeyedByTheirOwnTenant() {
    silenceProdUntilTheRepeat();

    send("acme", "fp-1", AlertStatus.FIRING, T0);
    send("globex", "fp-1", AlertStatus.FIRING, T0);
    send("globex", "fp-1", AlertStatus.RESOLVED, T0 + MINUTE);

    assertThat(states.readKeyValuesToList()).extracting(kv -> kv.key + " " + (kv.value == null ? "tombstone"
        : kv.value.getTenantId() + " " + kv.value.getStatus()))
        .containsExactly("acme/fp-1 acme SUPPRESSED", "globex/fp-1 globex FIRING", "globex/fp-1 tombstone");
  }

  @Test
  void switchedOffTheTopologyWritesNoStatesAndHasNoStore() {
    try (TopologyFixture off = new TopologyFixture(TopologyFixture.CONFIG.withPublishAlertStates(false))) {
      off.putTenant(TopologyFixture.tenant("acme", Tier.ENTERPRISE));
      TestOutputTopic<String, AlertState> none = states(off);
      off.send(off.alert("acme", Severity.HIGH, "Disk full").setFingerprint("fp-1"), T0);

      assertThat(off.drainNotifications()).isNotEmpty();
      assertThat(none.isEmpty()).isTrue();
      assertThat(off.driver.getAllStateStores()).doesNotContainKey(KlaxonTopology.STORE_ALERT_STATES);
    }
  }
}
