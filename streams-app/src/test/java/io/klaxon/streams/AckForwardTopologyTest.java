package io.klaxon.streams;

import static io.klaxon.streams.Samples.MINUTE;
import static io.klaxon.streams.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.control.AckState;
import io.klaxon.control.Acknowledgement;
import io.klaxon.control.ControlKeys;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.Channel;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.NotificationType;
import io.klaxon.events.PagerDutyTarget;
import io.klaxon.events.Severity;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.streams.dedup.DedupStoreKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An acknowledgement made in Klaxon reaches the tenant's PagerDuty targets, once. */
class AckForwardTopologyTest {
  private TopologyFixture fx;

  @BeforeEach
  void start() {
    fx = new TopologyFixture();
    fx.putTenant(withPager(TopologyFixture.tenant("acme", Tier.ENTERPRISE)));
    fx.putTenant(TopologyFixture.tenant("globex", Tier.ENTERPRISE));
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  private static TenantConfig withPager(TenantConfig base) {
    List<ChannelTarget> targets = new ArrayList<>(base.getTargets());
    targets.add(ChannelTarget.newBuilder().setId("pager").setChannel(Channel.WEBHOOK)
        .setPagerduty(PagerDutyTarget.newBuilder().setRoutingKeyRef("env:ACME_PD_KEY").build()).build());
    return TenantConfig.newBuilder(base).setTargets(targets).build();
  }

  private void send(String tenant, String fingerprint, AlertStatus status, long time) {
    fx.send(fx.alert(tenant, Severity.HIGH, "Disk full").setFingerprint(fingerprint).setStatus(status), time);
  }

  private void ack(String tenant, String fingerprint, AckState state, long at, String via) {
    Acknowledgement ack = new Acknowledgement(tenant, fingerprint, state, "jane", Instant.ofEpochMilli(at), "on it", via);
    fx.acks.pipeInput(ControlKeys.of(ack), ack, at);
  }

  private List<NotificationRequest> afterASecond() {
    fx.driver.advanceWallClockTime(AckForwardProcessor.CHECK_INTERVAL);
    return fx.drainNotifications();
  }

  @Test
  void anAckOfAFiringAlertIsSentToEachPagerDutyTargetOnce() {
    send("acme", "fp-1", AlertStatus.FIRING, T0);
    assertThat(fx.drainNotifications()).hasSize(4);

    ack("acme", "fp-1", AckState.ACKED, T0 + MINUTE, "slack");

    assertThat(afterASecond()).singleElement().satisfies(n -> {
      assertThat(n.getTarget().getId()).isEqualTo("pager");
      assertThat(n.getType()).isEqualTo(NotificationType.ALERT);
      assertThat(n.getAlert()).isNull();
      assertThat(n.getFingerprint()).isEqualTo("fp-1");
      assertThat(n.getTenantId()).isEqualTo("acme");
      assertThat(n.getAcknowledged().getBy()).isEqualTo("jane");
      assertThat(n.getAcknowledged().getAt()).isEqualTo(Instant.ofEpochMilli(T0 + MINUTE));
      assertThat(n.getAcknowledged().getComment()).isEqualTo("on it");
    });
    assertThat(afterASecond()).as("not sent again").isEmpty();
  }

  @Test
  void aNewAckAfterAnUnackIsSentAgainWithItsOwnId() {
    send("acme", "fp-1", AlertStatus.FIRING, T0);
    fx.drainNotifications();
    ack("acme", "fp-1", AckState.ACKED, T0 + MINUTE, "cli");
    NotificationRequest first = afterASecond().get(0);

    ack("acme", "fp-1", AckState.UNACKED, T0 + 2 * MINUTE, "cli");
    assertThat(afterASecond()).as("an unack is not sent").isEmpty();
    ack("acme", "fp-1", AckState.ACKED, T0 + 3 * MINUTE, "http");

    assertThat(afterASecond()).singleElement().satisfies(n -> {
      assertThat(n.getAcknowledged().getAt()).isEqualTo(Instant.ofEpochMilli(T0 + 3 * MINUTE));
      assertThat(n.getNotificationId()).isNotEqualTo(first.getNotificationId());
    });
  }

  @Test
  void nothingIsSentForAnAlertThatDoesNotFire() {
    ack("acme", "never-seen", AckState.ACKED, T0, "cli");
    send("acme", "fp-2", AlertStatus.FIRING, T0);
    send("acme", "fp-2", AlertStatus.RESOLVED, T0 + MINUTE);
    fx.drainNotifications();
    ack("acme", "fp-2", AckState.ACKED, T0 + 2 * MINUTE, "cli");

    assertThat(afterASecond()).isEmpty();
  }

  @Test
  void nothingIsSentForATenantWithoutAPagerDutyTarget() {
    send("globex", "fp-1", AlertStatus.FIRING, T0);
    fx.drainNotifications();
    ack("globex", "fp-1", AckState.ACKED, T0 + MINUTE, "cli");

    assertThat(afterASecond()).isEmpty();
  }

  @Test
  void aRunningTaskSeesAnAckThroughTheChangesAlone() {
    send("acme", "fp-1", AlertStatus.FIRING, T0);
    fx.drainNotifications();
    assertThat(afterASecond()).as("the first look, through the whole store").isEmpty();

    ack("acme", "fp-1", AckState.ACKED, T0 + MINUTE, "slack");

    assertThat(afterASecond()).singleElement()
        .satisfies(n -> assertThat(n.getTarget().getId()).isEqualTo("pager"));
  }

  @Test
  void whatWasSentIsForgottenOnceTheAlertResolves() {
    send("acme", "fp-1", AlertStatus.FIRING, T0);
    ack("acme", "fp-1", AckState.ACKED, T0 + MINUTE, "cli");
    afterASecond();
    KeyValueStore<String, Long> forwarded = fx.driver.getKeyValueStore(KlaxonTopology.STORE_ACKS_FORWARDED);
    assertThat(forwarded.get(DedupStoreKey.of("acme", "fp-1"))).isEqualTo(T0 + MINUTE);

    send("acme", "fp-1", AlertStatus.RESOLVED, T0 + 2 * MINUTE);
    assertThat(afterASecond()).as("the pipeline's own unack is not sent")
        .noneMatch(n -> n.getAcknowledged() != null);

    assertThat(forwarded.get(DedupStoreKey.of("acme", "fp-1"))).isNull();
  }
}
