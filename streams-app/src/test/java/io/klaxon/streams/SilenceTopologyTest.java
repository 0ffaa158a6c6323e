package io.klaxon.streams;

import static io.klaxon.streams.Samples.MINUTE;
import static io.klaxon.streams.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.control.AckState;
import io.klaxon.control.Acknowledgement;
import io.klaxon.control.ControlKeys;
import io.klaxon.control.Silence;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.CriticalInWindow;
import io.klaxon.events.LabelMatcher;
import io.klaxon.events.MaintenanceWindow;
import io.klaxon.events.MatchOp;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.Severity;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.events.Weekday;
import io.klaxon.streams.control.Suppression;
import io.klaxon.streams.dedup.DedupStoreKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Silences, maintenance windows and acknowledgements in the topology (wall clock starts at T0, a Sunday, 12:00 UTC). */
class SilenceTopologyTest {
  private TopologyFixture fx;

  @BeforeEach
  void start() {
    fx = new TopologyFixture();
    fx.putTenant(TopologyFixture.tenant("acme", Tier.ENTERPRISE));
    fx.putTenant(TopologyFixture.tenant("globex", Tier.ENTERPRISE));
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  private static LabelMatcher eq(String name, String value) {
    return new LabelMatcher(name, MatchOp.EQ, value);
  }

  private static Silence silence(String tenant, String id, long startsAt, long endsAt, LabelMatcher... matchers) {
    return new Silence(id, tenant, List.of(matchers), Instant.ofEpochMilli(startsAt), Instant.ofEpochMilli(endsAt),
        "jane", "maintenance", Instant.ofEpochMilli(T0));
  }

  private void put(Silence silence) {
    fx.silences.pipeInput(ControlKeys.of(silence), silence, T0);
  }

  private Suppression lastSuppression(String tenant, String fingerprint) {
    KeyValueStore<String, Suppression> store = fx.driver.getKeyValueStore(KlaxonTopology.STORE_SUPPRESSIONS);
    return store.get(DedupStoreKey.of(tenant, fingerprint));
  }

  private void send(String tenant, Severity severity, String fingerprint, AlertStatus status, long time) {
    fx.send(fx.alert(tenant, severity, "Disk full").setFingerprint(fingerprint).setStatus(status), time);
  }

  @Nested
  class Silences {
    @Test
    void aMatchingSilenceMutesTheAlertAndNamesItself() {
      put(silence("acme", "s-1", T0 - MINUTE, T0 + 60 * MINUTE, eq("env", "prod")));

      send("acme", Severity.HIGH, "fp-1", AlertStatus.FIRING, T0);

      assertThat(fx.drainNotifications()).isEmpty();
      assertThat(fx.outcomes.count(Outcome.SILENCED)).isEqualTo(1);
      assertThat(fx.outcomes.count(Outcome.ROUTED)).isZero();
      assertThat(lastSuppression("acme", "fp-1")).isEqualTo(new Suppression(Suppression.Kind.SILENCE, "s-1", T0));
    }

    @Test
    void aSilenceWhoseMatchersDoNotHoldLetsTheAlertThrough() {
      put(silence("acme", "s-1", T0 - MINUTE, T0 + 60 * MINUTE, eq("env", "staging")));
      put(silence("acme", "s-2", T0 - MINUTE, T0 + 60 * MINUTE, eq("env", "prod"), eq("team", "db")));

      send("acme", Severity.HIGH, "fp-1", AlertStatus.FIRING, T0);

      assertThat(fx.drainNotifications()).hasSize(3);
      assertThat(fx.outcomes.count(Outcome.SILENCED)).isZero();
      assertThat(lastSuppression("acme", "fp-1")).isNull();
    }

    @Test
    void aSilenceOnlyHoldsBetweenItsStartAndItsEnd() {
      put(silence("acme", "later", T0 + 30 * MINUTE, T0 + 60 * MINUTE, eq("env", "prod")));
      put(silence("acme", "soon-over", T0 - MINUTE, T0 + 10 * MINUTE, eq("env", "prod")));

      send("acme", Severity.HIGH, "fp-1", AlertStatus.FIRING, T0);
      fx.driver.advanceWallClockTime(Duration.ofMinutes(11));
      send("acme", Severity.HIGH, "fp-2", AlertStatus.FIRING, T0 + 11 * MINUTE);
      fx.driver.advanceWallClockTime(Duration.ofMinutes(20));
      send("acme", Severity.HIGH, "fp-3", AlertStatus.FIRING, T0 + 31 * MINUTE);

      assertThat(fx.drainNotifications()).extracting(NotificationRequest::getFingerprint).containsOnly("fp-2");
      assertThat(lastSuppression("acme", "fp-1").ref()).isEqualTo("soon-over");
      assertThat(lastSuppression("acme", "fp-3").ref()).isEqualTo("later");
    }

    @Test
    void anExpiredSilenceAndADeletedOneNoLongerHold() {
      Silence expired = silence("acme", "s-1", T0 - 10 * MINUTE, T0 + 60 * MINUTE, eq("env", "prod"));
      put(expired);
      put(Silence.newBuilder(expired).setEndsAt(Instant.ofEpochMilli(T0 - MINUTE)).build());
      Silence deleted = silence("acme", "s-2", T0 - MINUTE, T0 + 60 * MINUTE, eq("env", "prod"));
      put(deleted);
      fx.silences.pipeInput(ControlKeys.of(deleted), null, T0);

      send("acme", Severity.HIGH, "fp-1", AlertStatus.FIRING, T0);

      assertThat(fx.drainNotifications()).hasSize(3);
    }

    @Test
    void oneTenantsSilenceNeverMutesAnotherTenant() {
      put(silence("globex", "g-1", T0 - MINUTE, T0 + 60 * MINUTE, eq("env", "prod")));
      // A record under acme's key that names globex's silence is refused by the store's updater.
      Silence forged = silence("globex", "g-2", T0 - MINUTE, T0 + 60 * MINUTE, eq("env", "prod"));
      fx.silences.pipeInput(ControlKeys.silence("acme", "g-2"), forged, T0);

      send("acme", Severity.HIGH, "fp-1", AlertStatus.FIRING, T0);
      send("globex", Severity.HIGH, "fp-1", AlertStatus.FIRING, T0);

      assertThat(fx.drainNotifications()).extracting(NotificationRequest::getTenantId).containsOnly("acme").hasSize(3);
      assertThat(fx.outcomes.count(Outcome.SILENCED)).isEqualTo(1);
      assertThat(lastSuppression("globex", "fp-1").ref()).isEqualTo("g-1");
    }
  }

  @Nested
  class MaintenanceWindows {
    private TenantConfig withWindow(String tenant, String zone, int start, int end, CriticalInWindow critical,
        LabelMatcher... matchers) {
      TenantConfig base = TopologyFixture.tenant(tenant, Tier.ENTERPRISE);
      return TenantConfig.newBuilder(base).setTimeZone(zone).setMaintenanceWindows(List.of(
          new MaintenanceWindow("patching", Arrays.asList(Weekday.values()), start, end, List.of(matchers), critical)))
          .build();
    }

    @Test
    void anOpenWindowSilencesInTheTenantsTimeZone() {
      // T0 is 12:00 UTC, 21:00 in Tokyo.
      fx.putTenant(withWindow("acme", "Asia/Tokyo", 20 * 60, 22 * 60, CriticalInWindow.PASS, eq("env", "prod")));
      fx.putTenant(withWindow("globex", "UTC", 20 * 60, 22 * 60, CriticalInWindow.PASS, eq("env", "prod")));

      send("acme", Severity.WARNING, "fp-1", AlertStatus.FIRING, T0);
      send("globex", Severity.WARNING, "fp-1", AlertStatus.FIRING, T0);

      assertThat(fx.drainNotifications()).extracting(NotificationRequest::getTenantId).containsOnly("globex");
      assertThat(lastSuppression("acme", "fp-1")).isEqualTo(new Suppression(Suppression.Kind.MAINTENANCE_WINDOW, "patching", T0));
      assertThat(fx.outcomes.count(Outcome.SILENCED)).isEqualTo(1);
    }

    @Test
    void criticalPassesOrNotAsTheTenantChose() {
      fx.putTenant(withWindow("acme", "UTC", 11 * 60, 13 * 60, CriticalInWindow.PASS));
      fx.putTenant(withWindow("globex", "UTC", 11 * 60, 13 * 60, CriticalInWindow.SUPPRESS));

      send("acme", Severity.CRITICAL, "fp-1", AlertStatus.FIRING, T0);
      send("acme", Severity.HIGH, "fp-2", AlertStatus.FIRING, T0);
      send("globex", Severity.CRITICAL, "fp-1", AlertStatus.FIRING, T0);

      assertThat(fx.drainNotifications()).extracting(NotificationRequest::getFingerprint).containsOnly("fp-1")
          .hasSize(3);
      assertThat(fx.outcomes.count(Outcome.SILENCED)).isEqualTo(2);
    }

    @Test
    void aWindowWhoseMatchersDoNotHoldOrThatIsClosedLetsAlertsThrough() {
      fx.putTenant(withWindow("acme", "UTC", 11 * 60, 13 * 60, CriticalInWindow.SUPPRESS, eq("env", "staging")));
      fx.putTenant(withWindow("globex", "UTC", 13 * 60, 14 * 60, CriticalInWindow.SUPPRESS));

      send("acme", Severity.HIGH, "fp-1", AlertStatus.FIRING, T0);
      send("globex", Severity.HIGH, "fp-1", AlertStatus.FIRING, T0);

      assertThat(fx.drainNotifications()).hasSize(6);
      assertThat(fx.outcomes.count(Outcome.SILENCED)).isZero();
    }
  }

  @Nested
  class Acknowledgements {
    private void ack(String tenant, String fingerprint) {
      Acknowledgement ack = new Acknowledgement(tenant, fingerprint, AckState.ACKED, "jane", Instant.ofEpochMilli(T0),
          "on it", "cli");
      fx.acks.pipeInput(ControlKeys.of(ack), ack, T0);
    }

    @Test
    void anAckStopsRepeatsUntilTheAlertResolvesThenClears() {
      long repeat = TopologyFixture.CONFIG.defaultRepeatInterval().toMillis();
      send("acme", Severity.HIGH, "fp-1", AlertStatus.FIRING, T0);
      assertThat(fx.drainNotifications()).hasSize(3);
      ack("acme", "fp-1");

      send("acme", Severity.HIGH, "fp-1", AlertStatus.FIRING, T0 + repeat + MINUTE);
      assertThat(fx.drainNotifications()).isEmpty();
      assertThat(fx.outcomes.count(Outcome.ACKNOWLEDGED)).isEqualTo(1);
      assertThat(lastSuppression("acme", "fp-1")).isEqualTo(new Suppression(Suppression.Kind.ACKNOWLEDGEMENT, "jane", T0));

      send("acme", Severity.HIGH, "fp-1", AlertStatus.RESOLVED, T0 + repeat + 2 * MINUTE);
      assertThat(fx.drainNotifications()).extracting(n -> n.getAlert().getStatus()).containsOnly(AlertStatus.RESOLVED)
          .hasSize(3);
      assertThat(fx.acksOut.readKeyValuesToMap()).containsOnlyKeys("acme/fp-1")
          .extractingByKey("acme/fp-1").satisfies(cleared -> {
            assertThat(cleared.getState()).isEqualTo(AckState.UNACKED);
            assertThat(cleared.getVia()).isEqualTo("pipeline");
          });
    }

    @Test
    void anAckOfOneTenantDoesNotHoldAnotherTenantsAlertWithTheSameFingerprint() {
      ack("globex", "fp-1");

      send("acme", Severity.HIGH, "fp-1", AlertStatus.FIRING, T0);

      assertThat(fx.drainNotifications()).hasSize(3);
      assertThat(fx.outcomes.count(Outcome.ACKNOWLEDGED)).isZero();
      assertThat(fx.acksOut.isEmpty()).isTrue();
    }

    @Test
    void aResolutionOfAnAlertNobodyAcknowledgedWritesNoAck() {
      send("acme", Severity.HIGH, "fp-1", AlertStatus.FIRING, T0);
      send("acme", Severity.HIGH, "fp-1", AlertStatus.RESOLVED, T0 + MINUTE);

      assertThat(fx.drainNotifications()).hasSize(6);
      assertThat(fx.acksOut.isEmpty()).isTrue();
    }
  }
}
