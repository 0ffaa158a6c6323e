package io.klaxon.streams;

import static io.klaxon.streams.Samples.MINUTE;
import static io.klaxon.streams.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.control.AckState;
import io.klaxon.control.Acknowledgement;
import io.klaxon.control.ControlKeys;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.Channel;
import io.klaxon.events.ChannelLimit;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.DeadLetterReason;
import io.klaxon.events.DigestPolicy;
import io.klaxon.events.GroupPolicy;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.PagerDutyTarget;
import io.klaxon.events.RoutingRule;
import io.klaxon.events.Severity;
import io.klaxon.events.TenantChange;
import io.klaxon.events.TenantChangeAction;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.streams.dedup.ExpiryKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Erasure: a tenant's erasure marker makes every task delete the tenant's state, once, and report it. */
class EraseTopologyTest {
  private static final long SECOND = 1_000L;
  private static final List<String> KEYED_STORES = List.of(KlaxonTopology.STORE_RATE_LIMIT, KlaxonTopology.STORE_DEDUP,
      KlaxonTopology.STORE_SUPPRESSIONS, KlaxonTopology.STORE_ALERT_STATES, KlaxonTopology.STORE_GROUPS,
      KlaxonTopology.STORE_GROUP_MEMBERS, KlaxonTopology.STORE_DIGESTS, KlaxonTopology.STORE_LIMIT_BUCKETS,
      KlaxonTopology.STORE_HELD, KlaxonTopology.STORE_ACKS_FORWARDED);
  private static final List<String> INDEXES = List.of(KlaxonTopology.STORE_DEDUP_EXPIRY, KlaxonTopology.STORE_GROUP_FLUSH,
      KlaxonTopology.STORE_DIGEST_FLUSH, KlaxonTopology.STORE_HELD_FLUSH);

  private TopologyFixture fx;
  private TestOutputTopic<String, TenantChange> changes;
  private TestOutputTopic<String, io.klaxon.events.AlertState> alertStates;
  private long now = T0;
  private int fingerprints;

  @BeforeEach
  void start() {
    fx = new TopologyFixture();
    changes = fx.driver.createOutputTopic(fx.topics.tenantChanges().name(), new StringDeserializer(),
        fx.topics.tenantChanges().valueSerde().deserializer());
    alertStates = fx.driver.createOutputTopic(fx.topics.alertStates().name(), new StringDeserializer(),
        fx.topics.alertStates().valueSerde().deserializer());
    fx.putTenant(busy("acme"));
    fx.putTenant(busy("globex"));
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  /**
   * A tenant that leaves state in every store: a grouping route, a digest, a Slack limit of 1, a
   * PagerDuty target (for acknowledgements sent there).
   */
  private static TenantConfig busy(String id) {
    TenantConfig base = TopologyFixture.tenant(id, Tier.ENTERPRISE);
    List<ChannelTarget> targets = new ArrayList<>(base.getTargets());
    targets.add(ChannelTarget.newBuilder().setId("pager").setChannel(Channel.WEBHOOK)
        .setPagerduty(PagerDutyTarget.newBuilder().setRoutingKeyRef("env:PD_KEY").build()).build());
    return TenantConfig.newBuilder(base)
        .setTargets(targets)
        .setFeatures(List.of("digest"))
        .setDigest(new DigestPolicy(10 * MINUTE, Severity.WARNING, 5))
        .setNotificationLimits(List.of(new ChannelLimit(Channel.SLACK, 1, null)))
        .setRoutes(List.of(
            new RoutingRule("grouped", Severity.CRITICAL, List.of(), List.of(), List.of("ops-email"), true,
                new GroupPolicy(List.of(), 30 * SECOND, 5 * MINUTE, 60 * MINUTE)),
            new RoutingRule("pages", Severity.WARNING, List.of(), List.of(), List.of("oncall-slack"), false, null)))
        .build();
  }

  private void at(long offsetMs) {
    fx.driver.advanceWallClockTime(Duration.ofMillis(T0 + offsetMs - now));
    now = T0 + offsetMs;
  }

  private void traffic(String tenant) {
    fx.send(fx.alert(tenant, Severity.CRITICAL, "Down").setFingerprint(tenant + "-" + ++fingerprints), now);
    fx.send(fx.alert(tenant, Severity.HIGH, "Slow").setFingerprint(tenant + "-" + ++fingerprints), now);
    fx.send(fx.alert(tenant, Severity.HIGH, "Slower").setFingerprint(tenant + "-" + ++fingerprints), now);
    fx.send(fx.alert(tenant, Severity.WARNING, "Note").setFingerprint(tenant + "-" + ++fingerprints), now);
  }

  private List<String> keysOf(String tenant) {
    List<String> found = new ArrayList<>();
    for (String name : KEYED_STORES) {
      KeyValueStore<String, Object> store = fx.driver.getKeyValueStore(name);
      try (KeyValueIterator<String, Object> all = store.all()) {
        all.forEachRemaining(e -> {
          if (e.key.equals(tenant) || e.key.startsWith(tenant + "/") || e.key.startsWith(tenant + "\u0000")) {
            found.add(name + ":" + e.key);
          }
        });
      }
    }
    for (String name : INDEXES) {
      KeyValueStore<Bytes, byte[]> index = fx.driver.getKeyValueStore(name);
      try (KeyValueIterator<Bytes, byte[]> all = index.all()) {
        all.forEachRemaining(e -> {
          if (e.key.get().length > Long.BYTES && ExpiryKeys.storeKeyOf(e.key).startsWith(tenant)) {
            found.add(name + ":" + ExpiryKeys.storeKeyOf(e.key));
          }
        });
      }
    }
    return found;
  }

  private void erase(String tenant, long erasedAt) {
    fx.putTenant(TenantConfig.newBuilder().setTenantId(tenant).setTier(Tier.ENTERPRISE).setEnabled(false)
        .setErasedAt(Instant.ofEpochMilli(erasedAt)).build());
  }

  private void ack(String tenant, String fingerprint) {
    Acknowledgement ack = new Acknowledgement(tenant, fingerprint, AckState.ACKED, "jane", Instant.ofEpochMilli(now), "",
        "cli");
    fx.acks.pipeInput(ControlKeys.of(ack), ack, now);
  }

  @Test
  void theMarkerMakesTheTaskDeleteEveryEntryOfTheTenantAndReportIt() {
    traffic("acme");
    traffic("globex");
    ack("acme", "acme-1");
    ack("globex", "globex-5");
    at(AckForwardProcessor.CHECK_INTERVAL.toMillis());
    assertThat(keysOf("acme")).as("acme has state in every kind of store")
        .anyMatch(k -> k.startsWith(KlaxonTopology.STORE_DEDUP + ":"))
        .anyMatch(k -> k.startsWith(KlaxonTopology.STORE_GROUP_MEMBERS + ":"))
        .anyMatch(k -> k.startsWith(KlaxonTopology.STORE_DIGESTS + ":"))
        .anyMatch(k -> k.startsWith(KlaxonTopology.STORE_HELD + ":"))
        .anyMatch(k -> k.startsWith(KlaxonTopology.STORE_ALERT_STATES + ":"))
        .anyMatch(k -> k.startsWith(KlaxonTopology.STORE_GROUP_FLUSH + ":"))
        .anyMatch(k -> k.startsWith(KlaxonTopology.STORE_ACKS_FORWARDED + ":"));
    List<String> globexBefore = keysOf("globex");
    alertStates.readKeyValuesToList();

    erase("acme", T0 + 1);
    at(EraseProcessor.CHECK_INTERVAL.toMillis());

    assertThat(keysOf("acme")).isEmpty();
    assertThat(keysOf("globex")).as("other tenants untouched").containsExactlyElementsOf(globexBefore);
    List<KeyValue<String, TenantChange>> reports = changes.readKeyValuesToList();
    assertThat(reports).singleElement().satisfies(kv -> {
      assertThat(kv.key).isEqualTo("acme");
      TenantChange report = kv.value;
      assertThat(report.getAction()).isEqualTo(TenantChangeAction.ERASED);
      assertThat(report.getAt()).isEqualTo(Instant.ofEpochMilli(T0 + 1));
      assertThat(report.getErasure().getReporter()).startsWith("task:");
      assertThat(report.getErasure().getErasedAt()).isEqualTo(Instant.ofEpochMilli(T0 + 1));
      assertThat(report.getErasure().getStateDeleted())
          .containsEntry(KlaxonTopology.STORE_RATE_LIMIT, 1L)
          .containsEntry(KlaxonTopology.STORE_DEDUP, 4L)
          .containsEntry(KlaxonTopology.STORE_GROUP_MEMBERS, 1L)
          .containsEntry(KlaxonTopology.STORE_DIGESTS, 1L)
          .containsEntry(KlaxonTopology.STORE_ACKS_FORWARDED, 1L);
      assertThat(report.getErasure().getTombstones()).containsEntry(fx.topics.alertStates().name(), 4L);
    });
    List<KeyValue<String, io.klaxon.events.AlertState>> states = alertStates.readKeyValuesToList();
    assertThat(states).hasSize(4).allSatisfy(kv -> {
      assertThat(kv.key).startsWith("acme/");
      assertThat(kv.value).isNull();
    });

    at(2 * EraseProcessor.CHECK_INTERVAL.toMillis());
    assertThat(changes.isEmpty()).as("answered once").isTrue();
  }

  @Test
  void afterTheMarkerTheTenantsEventsAreDeadLetteredAndItsPendingNotificationsAreNotSent() {
    traffic("acme");
    fx.drainNotifications();
    erase("acme", T0 + 1);
    fx.send(fx.alert("acme", Severity.HIGH, "After").setFingerprint("acme-after"), now);

    assertThat(fx.drainDeadLetters()).singleElement().satisfies(letter -> {
      assertThat(letter.getReason()).isEqualTo(DeadLetterReason.TENANT_DISABLED);
      assertThat(letter.getDetail()).contains("tenant 'acme' was erased at");
    });
    at(EraseProcessor.CHECK_INTERVAL.toMillis());
    at(11 * MINUTE);
    List<NotificationRequest> later = fx.drainNotifications();
    assertThat(later).as("no group flush, digest or held summary of the erased tenant").isEmpty();
  }

  @Test
  void aTenantCreatedAgainAndErasedAgainIsErasedAgain() {
    traffic("acme");
    erase("acme", T0 + 1);
    at(EraseProcessor.CHECK_INTERVAL.toMillis());
    assertThat(changes.readValuesToList()).hasSize(1);

    fx.putTenant(busy("acme"));
    fx.send(fx.alert("acme", Severity.HIGH, "Back").setFingerprint("acme-back").setStatus(AlertStatus.FIRING), now);
    assertThat(keysOf("acme")).isNotEmpty();
    at(2 * EraseProcessor.CHECK_INTERVAL.toMillis());
    assertThat(changes.isEmpty()).as("a live tenant is not erased").isTrue();

    erase("acme", T0 + 2);
    at(3 * EraseProcessor.CHECK_INTERVAL.toMillis());
    assertThat(keysOf("acme")).isEmpty();
    assertThat(changes.readValuesToList()).singleElement()
        .satisfies(c -> assertThat(c.getErasure().getStateDeleted()).containsEntry(KlaxonTopology.STORE_DEDUP, 1L));
  }

  @Test
  void aTaskWithNothingOfTheTenantStillReports() {
    erase("nobody-here", T0 + 1);
    at(EraseProcessor.CHECK_INTERVAL.toMillis());
    assertThat(changes.readValuesToList()).singleElement().satisfies(c ->
        assertThat(c.getErasure().getStateDeleted().values()).containsOnly(0L));
  }
}
