package io.klaxon.streams;

import static io.klaxon.streams.TopologyFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertKind;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.Channel;
import io.klaxon.events.ChannelTarget;
import io.klaxon.events.DeadLetter;
import io.klaxon.events.DeadLetterReason;
import io.klaxon.events.DeliveryProfile;
import io.klaxon.events.IsolationLevel;
import io.klaxon.events.LabelMatcher;
import io.klaxon.events.Link;
import io.klaxon.events.MatchOp;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.NotificationType;
import io.klaxon.events.PagerDutyTarget;
import io.klaxon.events.RateLimitOverride;
import io.klaxon.events.RoutingRule;
import io.klaxon.events.Severity;
import io.klaxon.events.TenantConfig;
import io.klaxon.events.Tier;
import io.klaxon.traffic.GeneratedRecord;
import io.klaxon.traffic.TenantProfile;
import io.klaxon.traffic.TrafficGenerator;
import io.klaxon.traffic.TrafficMix;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class KlaxonTopologyTest {
  private static final long MINUTE = 60_000L;

  private TopologyFixture fx;

  @BeforeEach
  void start() {
    fx = new TopologyFixture();
    fx.putTenant(TopologyFixture.tenant("acme", Tier.ENTERPRISE));
  }

  @AfterEach
  void stop() {
    fx.close();
  }

  @Test
  void aValidAlertIsRoutedToEveryTargetWithDeterministicIds() {
    AlertEvent.Builder alert = fx.alert("acme", Severity.HIGH, "Error rate above 5%");
    fx.send(alert, T0);

    List<NotificationRequest> sent = fx.drainNotifications();
    assertThat(sent).extracting(n -> n.getTarget().getId()).containsExactly("oncall-slack", "ops-email", "siem");
    NotificationRequest first = sent.get(0);
    assertThat(first.getType()).isEqualTo(NotificationType.ALERT);
    assertThat(first.getTenantId()).isEqualTo("acme");
    assertThat(first.getRouteName()).isEqualTo("default:enterprise");
    assertThat(first.getAlert().getTitle()).isEqualTo("Error rate above 5%");
    assertThat(first.getFingerprint()).hasSize(64);
    assertThat(first.getNotificationId())
        .isEqualTo(io.klaxon.streams.route.NotificationRequests.alertId("acme", first.getAlert().getEventId(), "oncall-slack", false));
    assertThat(sent).extracting(NotificationRequest::getNotificationId).doesNotHaveDuplicates();
    assertThat(fx.outcomes.count(Outcome.ROUTED)).isEqualTo(1);
  }

  @Test
  void topologyNamesEveryNodeAndStore() {
    TopologyDescription description = KlaxonTopology.build(TopologyFixture.CONFIG, fx.topics, PipelineListener.NONE).describe();
    assertThat(description.toString()).doesNotContain("KSTREAM-").doesNotContain("KTABLE-").doesNotContain("KSTORE-")
        .contains(KlaxonTopology.STORE_RATE_LIMIT).contains(KlaxonTopology.STORE_DEDUP).contains(KlaxonTopology.STORE_TENANTS)
        .contains(KlaxonTopology.STORE_DEDUP_EXPIRY);
    assertThat(description.subtopologies()).hasSize(1);
    assertThat(description.globalStores()).hasSize(3);
  }

  @Nested
  class Validation {
    private DeadLetter onlyDeadLetter() {
      List<DeadLetter> letters = fx.drainDeadLetters();
      assertThat(letters).hasSize(1);
      assertThat(fx.drainNotifications()).isEmpty();
      assertThat(fx.outcomes.count(Outcome.DEAD_LETTERED)).isEqualTo(1);
      return letters.get(0);
    }

    @Test
    void garbageIsUndecodableAndKeepsItsBytesAndOrigin() {
      byte[] garbage = {0, 0, 0, 0, 1, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
      fx.send(fx.alert("acme", Severity.INFO, "register the schema"), T0);
      fx.drainNotifications();
      fx.outcomes.outcomes.clear();
      fx.sendRaw("acme", garbage, T0 + 5);
      DeadLetter letter = onlyDeadLetter();
      assertThat(letter.getReason()).isEqualTo(DeadLetterReason.UNDECODABLE);
      assertThat(letter.getOriginalValue()).isEqualTo(ByteBuffer.wrap(garbage));
      assertThat(letter.getOriginalKey()).isEqualTo(ByteBuffer.wrap("acme".getBytes(StandardCharsets.UTF_8)));
      assertThat(letter.getSourceTopic()).isEqualTo("klaxon.alerts.v1");
      assertThat(letter.getSourceOffset()).isEqualTo(1);
      assertThat(letter.getOriginalTimestamp().toEpochMilli()).isEqualTo(T0 + 5);
    }

    @Test
    void wrongMagicByteIsUndecodableNamingTheByte() {
      fx.sendRaw("acme", "{\"json\":true}".getBytes(StandardCharsets.UTF_8), T0);
      DeadLetter letter = onlyDeadLetter();
      assertThat(letter.getReason()).isEqualTo(DeadLetterReason.UNDECODABLE);
      assertThat(letter.getDetail()).contains("0x7b");
    }

    @Test
    void unknownSchemaIdHasItsOwnReason() {
      fx.sendRaw("acme", new byte[] {0, 0, 0, 0x30, 0x39, 2, 4}, T0);
      DeadLetter letter = onlyDeadLetter();
      assertThat(letter.getReason()).isEqualTo(DeadLetterReason.UNKNOWN_SCHEMA);
      assertThat(letter.getSchemaId()).isEqualTo(12345);
    }

    @Test
    void nullValueIsUndecodable() {
      fx.sendRaw("acme", null, T0);
      DeadLetter letter = onlyDeadLetter();
      assertThat(letter.getReason()).isEqualTo(DeadLetterReason.UNDECODABLE);
      assertThat(letter.getOriginalValue()).isNull();
    }

    @Test
    void oversizedValueIsTooLarge() {
      fx.sendRaw("acme", new byte[TopologyFixture.CONFIG.maxEventBytes() + 1], T0);
      DeadLetter letter = onlyDeadLetter();
      assertThat(letter.getReason()).isEqualTo(DeadLetterReason.TOO_LARGE);
      assertThat(letter.getDetail()).contains("65537 bytes");
    }

    @Test
    void unknownTenant() {
      fx.send(fx.alert("nobody-here", Severity.HIGH, "x"), T0);
      DeadLetter letter = onlyDeadLetter();
      assertThat(letter.getReason()).isEqualTo(DeadLetterReason.UNKNOWN_TENANT);
      assertThat(letter.getTenantId()).isEqualTo("nobody-here");
    }

    @Test
    void aDeadLetterKeepsTheTimestampAndHeadersOfTheInputRecordForAReplay() {
      Headers headers = new RecordHeaders().add("traceparent", "00-trace".getBytes(StandardCharsets.UTF_8));
      byte[] value = fx.bytes(fx.alert("nobody-here", Severity.HIGH, "x").setOccurredAt(Instant.ofEpochMilli(T0)).build());

      fx.alerts.pipeInput(new TestRecord<>("nobody-here".getBytes(StandardCharsets.UTF_8), value, headers, T0 + 7));

      TestRecord<String, DeadLetter> letter = fx.deadLetters.readRecord();
      assertThat(letter.timestamp()).isEqualTo(T0 + 7);
      assertThat(letter.headers().lastHeader("traceparent").value()).isEqualTo("00-trace".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void deadLettersCountOnlyKnownTenantsUnderTheirOwnId() {
      for (int i = 0; i < 3; i++) {
        fx.send(fx.alert("junk-" + i, Severity.HIGH, "x"), T0);
      }
      fx.send(fx.alert("acme", Severity.HIGH, "x").setEventId("not-a-uuid"), T0);

      assertThat(fx.drainDeadLetters()).extracting(DeadLetter::getTenantId).containsExactly("junk-0", "junk-1", "junk-2", "acme");
      assertThat(fx.outcomes.count(Outcome.DEAD_LETTERED)).isEqualTo(4);
      assertThat(fx.outcomes.outcomeTenants).as("unknown tenants get no series of their own")
          .containsExactly(null, null, null, "acme");
    }

    @Test
    void disabledTenant() {
      fx.putTenant(TenantConfig.newBuilder(TopologyFixture.tenant("sleepy", Tier.STANDARD)).setEnabled(false).build());
      fx.send(fx.alert("sleepy", Severity.HIGH, "x"), T0);
      assertThat(onlyDeadLetter().getReason()).isEqualTo(DeadLetterReason.TENANT_DISABLED);
    }

    @Test
    void invalidTenantIdNamesTheField() {
      fx.send(fx.alert("Not A Tenant", Severity.HIGH, "x"), T0);
      DeadLetter letter = onlyDeadLetter();
      assertThat(letter.getReason()).isEqualTo(DeadLetterReason.INVALID_FIELD);
      assertThat(letter.getFieldPath()).isEqualTo("tenantId");
    }

    @Test
    void eachInvalidFieldIsNamedByItsPath() {
      Map<String, AlertEvent.Builder> cases = Map.of(
          "eventId", fx.alert("acme", Severity.HIGH, "x").setEventId("not-a-uuid"),
          "title", fx.alert("acme", Severity.HIGH, "x".repeat(257)),
          "source", fx.alert("acme", Severity.HIGH, "x").setSource(" "),
          "message", fx.alert("acme", Severity.HIGH, "x").setMessage("m".repeat(4097)),
          "labels.bad label", fx.alert("acme", Severity.HIGH, "x").setLabels(Map.of("bad label", "v")),
          "labels.env", fx.alert("acme", Severity.HIGH, "x").setLabels(Map.of("env", "v".repeat(257))),
          "links[0].url", fx.alert("acme", Severity.HIGH, "x").setLinks(List.of(new Link("javascript:alert(1)", null))),
          "locale", fx.alert("acme", Severity.HIGH, "x").setLocale("not_a_locale!"));
      cases.forEach((path, alert) -> {
        fx.send(alert, T0);
        List<DeadLetter> letters = fx.drainDeadLetters();
        assertThat(letters).as(path).hasSize(1);
        assertThat(letters.get(0).getReason()).as(path).isEqualTo(DeadLetterReason.INVALID_FIELD);
        assertThat(letters.get(0).getFieldPath()).as(path).isEqualTo(path);
      });
      assertThat(fx.drainNotifications()).isEmpty();
    }

    @Test
    void timestampTooFarInTheFuture() {
      AlertEvent event = fx.alert("acme", Severity.HIGH, "x").setOccurredAt(java.time.Instant.ofEpochMilli(T0 + 6 * MINUTE)).build();
      fx.sendRaw("acme", fx.bytes(event), T0);
      DeadLetter letter = onlyDeadLetter();
      assertThat(letter.getReason()).isEqualTo(DeadLetterReason.TIMESTAMP_IN_FUTURE);
      assertThat(letter.getFieldPath()).isEqualTo("occurredAt");
    }

    @Test
    void aRecordKeyedOtherwiseIsReKeyedNotDropped() {
      AlertEvent event = fx.alert("acme", Severity.HIGH, "mis-keyed").build();
      fx.sendRaw("some-other-key", fx.bytes(event), T0);
      assertThat(fx.outcomes.count(Outcome.REKEYED)).isEqualTo(1);
      // the driver feeds the re-keyed record back to the source topic, where it is routed
      assertThat(fx.drainNotifications()).hasSize(3);
      assertThat(fx.outcomes.count(Outcome.ROUTED)).isEqualTo(1);
      assertThat(fx.drainDeadLetters()).isEmpty();
    }
  }

  @Nested
  class RateLimiting {
    @BeforeEach
    void trialTenant() {
      fx.putTenant(TopologyFixture.tenant("tiny", Tier.TRIAL));
    }

    private void flood(int count, Severity severity, long time, String prefix) {
      for (int i = 0; i < count; i++) {
        fx.send(fx.alert("tiny", severity, prefix + " " + i), time);
      }
    }

    @Test
    void theBurstPassesThenTheBucketIsEmpty() {
      flood(25, Severity.HIGH, T0, "burst");
      assertThat(fx.outcomes.count(Outcome.ROUTED)).isEqualTo(20);
      assertThat(fx.outcomes.count(Outcome.RATE_LIMITED)).isEqualTo(5);
    }

    @Test
    void tokensRefillByRecordTime() {
      flood(20, Severity.HIGH, T0, "burst");
      flood(1, Severity.HIGH, T0 + 500, "too soon");
      assertThat(fx.outcomes.count(Outcome.RATE_LIMITED)).isEqualTo(1);
      flood(5, Severity.HIGH, T0 + 5_000, "after five seconds"); // TRIAL refills 1 token per second
      assertThat(fx.outcomes.count(Outcome.ROUTED)).isEqualTo(25);
      assertThat(fx.outcomes.count(Outcome.RATE_LIMITED)).isEqualTo(1);
    }

    @Test
    void criticalAlertsDrawOnTheirReserveDuringAnInfoFlood() {
      flood(200, Severity.INFO, T0, "flood");
      assertThat(fx.outcomes.count(Outcome.RATE_LIMITED)).isEqualTo(180);
      flood(5, Severity.CRITICAL, T0 + 10, "critical");
      assertThat(fx.outcomes.count(Outcome.ROUTED)).isEqualTo(20 + 5);
      flood(1, Severity.HIGH, T0 + 20, "high still limited");
      flood(1, Severity.CRITICAL, T0 + 30, "reserve spent too");
      assertThat(fx.outcomes.count(Outcome.RATE_LIMITED)).isEqualTo(182);
    }

    @Test
    void overridesReplaceTierDefaults() {
      fx.putTenant(TenantConfig.newBuilder(TopologyFixture.tenant("tiny", Tier.TRIAL))
          .setRateLimit(new RateLimitOverride(null, 3, null, null)).build());
      flood(5, Severity.HIGH, T0, "override");
      assertThat(fx.outcomes.count(Outcome.ROUTED)).isEqualTo(3);
      assertThat(fx.outcomes.count(Outcome.RATE_LIMITED)).isEqualTo(2);
    }

    @Test
    void oneSummaryPerTenantPerWindowCountsWhatWasSuppressed() {
      flood(20, Severity.INFO, T0, "burst");
      fx.drainNotifications();
      flood(7, Severity.INFO, T0 + 10, "over");
      flood(3, Severity.HIGH, T0 + 20, "over");
      flood(1, Severity.INFO, T0 + MINUTE + 1, "advances stream time");

      List<NotificationRequest> summaries = fx.drainNotifications().stream()
          .filter(n -> n.getType() == NotificationType.SUPPRESSION_SUMMARY).toList();
      assertThat(summaries).hasSize(3); // TRIAL default routing sends HIGH and up to every target
      assertThat(summaries.get(0).getSummary().getSuppressedCount()).isEqualTo(10);
      assertThat(summaries.get(0).getSummary().getBySeverity()).containsEntry("HIGH", 3L).containsEntry("INFO", 7L);
      assertThat(summaries).extracting(NotificationRequest::getNotificationId).doesNotHaveDuplicates();

      flood(1, Severity.INFO, T0 + 2 * MINUTE + 2, "next window, nothing suppressed");
      assertThat(fx.drainNotifications()).noneMatch(n -> n.getType() == NotificationType.SUPPRESSION_SUMMARY);
    }

    @Test
    void aSuppressionSummaryIsNeverSentToAPagerDutyTarget() {
      TenantConfig base = TopologyFixture.tenant("tiny", Tier.TRIAL);
      List<ChannelTarget> targets = new ArrayList<>(base.getTargets());
      targets.add(ChannelTarget.newBuilder().setId("pager").setChannel(Channel.WEBHOOK)
          .setPagerduty(PagerDutyTarget.newBuilder().setRoutingKeyRef("env:TINY_PD_KEY").build()).build());
      fx.putTenant(TenantConfig.newBuilder(base).setTargets(targets).build());
      flood(20, Severity.HIGH, T0, "burst");
      assertThat(fx.drainNotifications()).as("alerts do reach it").anyMatch(n -> n.getTarget().getId().equals("pager"));
      flood(5, Severity.HIGH, T0 + 10, "over");
      flood(1, Severity.INFO, T0 + MINUTE + 1, "advances stream time");

      List<NotificationRequest> summaries = fx.drainNotifications().stream()
          .filter(n -> n.getType() == NotificationType.SUPPRESSION_SUMMARY).toList();
      assertThat(summaries).as("one per target but PagerDuty").hasSize(3)
          .noneMatch(n -> n.getTarget().getId().equals("pager"));
    }
  }

  @Nested
  class Deduplication {
    @Test
    void aRepeatInsideTheWindowIsSuppressedAndCounted() {
      fx.send(fx.alert("acme", Severity.HIGH, "Disk full"), T0);
      fx.send(fx.alert("acme", Severity.HIGH, "Disk full"), T0 + MINUTE);
      fx.send(fx.alert("acme", Severity.HIGH, "Disk full"), T0 + 2 * MINUTE);
      assertThat(fx.outcomes.count(Outcome.ROUTED)).isEqualTo(1);
      assertThat(fx.outcomes.count(Outcome.DEDUPLICATED)).isEqualTo(2);
    }

    @Test
    void afterAQuietWindowItNotifiesAgain() {
      fx.send(fx.alert("acme", Severity.HIGH, "Disk full"), T0);
      fx.send(fx.alert("acme", Severity.HIGH, "Disk full"), T0 + 6 * MINUTE);
      assertThat(fx.outcomes.count(Outcome.ROUTED)).isEqualTo(2);
    }

    @Test
    void labelOrderDoesNotMatterButLabelValuesDo() {
      fx.send(fx.alert("acme", Severity.HIGH, "Lag").setLabels(Map.of("a", "1", "b", "2")), T0);
      fx.send(fx.alert("acme", Severity.HIGH, "Lag").setLabels(Map.of("b", "2", "a", "1")), T0 + 1);
      fx.send(fx.alert("acme", Severity.HIGH, "Lag").setLabels(Map.of("a", "1", "b", "3")), T0 + 2);
      assertThat(fx.outcomes.count(Outcome.ROUTED)).isEqualTo(2);
      assertThat(fx.outcomes.count(Outcome.DEDUPLICATED)).isEqualTo(1);
    }

    @Test
    void resolvedPassesAndClearsSoTheNextFiringNotifies() {
      fx.send(fx.alert("acme", Severity.HIGH, "Disk full"), T0);
      fx.send(fx.alert("acme", Severity.HIGH, "Disk full").setStatus(AlertStatus.RESOLVED), T0 + MINUTE);
      fx.send(fx.alert("acme", Severity.HIGH, "Disk full").setStatus(AlertStatus.RESOLVED), T0 + MINUTE + 1);
      fx.send(fx.alert("acme", Severity.HIGH, "Disk full"), T0 + 2 * MINUTE);
      assertThat(fx.outcomes.count(Outcome.ROUTED)).isEqualTo(3);
      assertThat(fx.outcomes.count(Outcome.DEDUPLICATED)).isEqualTo(1);
      List<NotificationRequest> sent = fx.drainNotifications();
      assertThat(sent).filteredOn(n -> n.getAlert().getStatus() == AlertStatus.RESOLVED).hasSize(3);
    }

    @Test
    void aStillFiringAlertRepeatsAfterTheRepeatIntervalWithItsDuplicateCount() {
      long t = T0;
      fx.send(fx.alert("acme", Severity.HIGH, "Cert expiring"), t);
      int duplicates = 0;
      while (t < T0 + Duration.ofHours(4).toMillis() - 4 * MINUTE) {
        t += 4 * MINUTE;
        fx.send(fx.alert("acme", Severity.HIGH, "Cert expiring"), t);
        duplicates++;
      }
      fx.drainNotifications();
      fx.send(fx.alert("acme", Severity.HIGH, "Cert expiring"), T0 + Duration.ofHours(4).toMillis());
      List<NotificationRequest> repeat = fx.drainNotifications();
      assertThat(repeat).hasSize(3).allMatch(NotificationRequest::getRepeat);
      assertThat(repeat.get(0).getDuplicatesSuppressed()).isEqualTo(duplicates);
      assertThat(fx.outcomes.count(Outcome.DEDUPLICATED)).isEqualTo(duplicates);
    }

    @Test
    void theTenantsWindowOverridesTheDefault() {
      fx.putTenant(TenantConfig.newBuilder(TopologyFixture.tenant("acme", Tier.ENTERPRISE)).setDedupWindowMs(MINUTE).build());
      fx.send(fx.alert("acme", Severity.HIGH, "Disk full"), T0);
      fx.send(fx.alert("acme", Severity.HIGH, "Disk full"), T0 + 2 * MINUTE);
      assertThat(fx.outcomes.count(Outcome.ROUTED)).isEqualTo(2);
    }

    @Test
    void producerFingerprintsWin() {
      fx.send(fx.alert("acme", Severity.HIGH, "A").setFingerprint("incident-42"), T0);
      fx.send(fx.alert("acme", Severity.HIGH, "B, same incident").setFingerprint("incident-42"), T0 + 1);
      assertThat(fx.outcomes.count(Outcome.DEDUPLICATED)).isEqualTo(1);
      assertThat(fx.drainNotifications().get(0).getFingerprint()).isEqualTo("incident-42");
    }
  }

  @Nested
  class Routing {
    @BeforeEach
    void tenantWithRules() {
      fx.putTenant(TenantConfig.newBuilder(TopologyFixture.tenant("acme", Tier.ENTERPRISE)).setRoutes(List.of(
          new RoutingRule("prod-critical", Severity.CRITICAL, List.of(),
              List.of(new LabelMatcher("env", MatchOp.EQ, "prod")), List.of("oncall-slack", "siem"), true, null),
          new RoutingRule("payments", Severity.HIGH, List.of(),
              List.of(new LabelMatcher("service", MatchOp.REGEX, "pay.*")), List.of("ops-email"), false, null),
          new RoutingRule("everything-else", Severity.INFO, List.of(AlertKind.WARNING), List.of(), List.of("ops-email", "ghost"), false, null)))
          .build());
    }

    private List<String> targetsOf(AlertEvent.Builder alert) {
      fx.send(alert, T0);
      return fx.drainNotifications().stream().map(n -> n.getTarget().getId() + "@" + n.getRouteName()).toList();
    }

    @Test
    void continueLetsLaterRulesAddTargets() {
      assertThat(targetsOf(fx.alert("acme", Severity.CRITICAL, "a").setLabels(Map.of("env", "prod", "service", "payments"))))
          .containsExactly("oncall-slack@prod-critical", "siem@prod-critical", "ops-email@payments");
    }

    @Test
    void matchersMustAllHold() {
      assertThat(targetsOf(fx.alert("acme", Severity.CRITICAL, "b").setLabels(Map.of("env", "staging", "service", "search"))))
          .isEmpty();
    }

    @Test
    void thresholdAndKindsFilter() {
      assertThat(targetsOf(fx.alert("acme", Severity.WARNING, "c").setLabels(Map.of("service", "payments")))).isEmpty();
      assertThat(targetsOf(fx.alert("acme", Severity.INFO, "d").setKind(AlertKind.WARNING).setLabels(Map.of())))
          .containsExactly("ops-email@everything-else");
      assertThat(fx.outcomes.count(Outcome.ROUTED)).isEqualTo(2);
    }

    @Test
    void tierDefaultsApplyWithoutRules() {
      fx.putTenant(TopologyFixture.tenant("std", Tier.STANDARD));
      fx.send(fx.alert("std", Severity.INFO, "too quiet for STANDARD"), T0);
      assertThat(fx.drainNotifications()).isEmpty();
      fx.send(fx.alert("std", Severity.WARNING, "loud enough"), T0);
      assertThat(fx.drainNotifications()).hasSize(3).allMatch(n -> n.getRouteName().equals("default:standard"));
    }
  }

  /** Kafka accepts record timestamps up to an hour ahead of the broker's clock: one producer's must not move time for others. */
  @Nested
  class TimeAhead {
    private static final long HOUR = 60 * MINUTE;

    @BeforeEach
    void otherTenants() {
      fx.putTenant(TopologyFixture.tenant("globex", Tier.STANDARD));
      fx.putTenant(TopologyFixture.tenant("tiny", Tier.TRIAL));
    }

    @Test
    void aRecordAnHourAheadFromOneTenantCannotExpireAnotherTenantsDedupEntry() {
      fx.send(fx.alert("acme", Severity.HIGH, "Disk full"), T0);

      fx.send(fx.alert("globex", Severity.HIGH, "Clock an hour fast"), T0 + HOUR); // the wall clock is at T0
      fx.send(fx.alert("acme", Severity.HIGH, "Disk full"), T0 + MINUTE);

      assertThat(fx.outcomes.count(Outcome.DEDUPLICATED)).as("acme's repeat within its window").isEqualTo(1);
    }

    @Test
    void aRecordAnHourAheadDoesNotHoldBackOtherTenantsSuppressionSummaries() {
      for (int i = 0; i < 25; i++) {
        fx.send(fx.alert("tiny", Severity.HIGH, "burst " + i), T0);
      }
      fx.send(fx.alert("globex", Severity.HIGH, "Clock an hour fast"), T0 + HOUR);
      assertThat(summaries()).as("the window closes, at most a minute ahead of the wall clock").singleElement()
          .satisfies(s -> assertThat(s.getWindowEnd().toEpochMilli()).isLessThanOrEqualTo(T0 + MINUTE));

      for (int i = 0; i < 10; i++) {
        fx.send(fx.alert("tiny", Severity.HIGH, "later " + i), T0 + 1_000); // one token refilled: nine suppressed
      }
      fx.driver.advanceWallClockTime(Duration.ofMinutes(1));

      assertThat(summaries()).as("the next window closes by the wall clock, not an hour later").singleElement()
          .satisfies(s -> assertThat(s.getSuppressedCount()).isEqualTo(9));
    }

    /** The summaries sent since the last call, one per window (each goes to three targets). */
    private List<io.klaxon.events.SuppressionSummary> summaries() {
      return fx.drainNotifications().stream().filter(n -> n.getType() == NotificationType.SUPPRESSION_SUMMARY)
          .map(NotificationRequest::getSummary).distinct().toList();
    }
  }

  @Nested
  class Tenants {
    @Test
    void anUpdateTakesEffectForTheNextEvent() {
      fx.send(fx.alert("acme", Severity.HIGH, "one"), T0);
      assertThat(fx.drainNotifications()).extracting(NotificationRequest::getTenantLocale).containsOnly("en");
      fx.putTenant(TenantConfig.newBuilder(TopologyFixture.tenant("acme", Tier.ENTERPRISE)).setDefaultLocale("fr")
          .setTimeZone("Europe/Paris").build());
      fx.send(fx.alert("acme", Severity.HIGH, "two"), T0 + 1);
      assertThat(fx.drainNotifications()).extracting(NotificationRequest::getTimeZone).containsOnly("Europe/Paris");
    }

    @Test
    void theTenantsIsolationLevelTravelsWithEachNotification() {
      fx.send(fx.alert("acme", Severity.HIGH, "default level"), T0);
      assertThat(fx.drainNotifications()).isNotEmpty().extracting(NotificationRequest::getIsolationLevel).containsOnlyNulls();
      fx.putTenant(TenantConfig.newBuilder(TopologyFixture.tenant("acme", Tier.ENTERPRISE))
          .setIsolationLevel(IsolationLevel.STRICT).build());
      fx.send(fx.alert("acme", Severity.HIGH, "strict"), T0 + 1);
      assertThat(fx.drainNotifications()).isNotEmpty().extracting(NotificationRequest::getIsolationLevel)
          .containsOnly(IsolationLevel.STRICT);
    }

    @Test
    void theTenantsDeliveryProfileTravelsWholeWithEachNotification() {
      DeliveryProfile profile = DeliveryProfile.newBuilder().setDisplayName("Acme SAS").setDefaultLocale("fr")
          .setTimeZone("Europe/Paris").setTemplateOverrides(Map.of("alert.headline", "ALERTE {title}"))
          .setIsolationLevel(IsolationLevel.MODERATE).build();
      fx.putTenant(TenantConfig.newBuilder(TopologyFixture.tenant("acme", Tier.ENTERPRISE)).setDelivery(profile).build());
      fx.send(fx.alert("acme", Severity.HIGH, "profile"), T0);
      assertThat(fx.drainNotifications()).hasSize(3).extracting(NotificationRequest::getDelivery).containsOnly(profile);
    }

    @Test
    void aTombstoneDeletesATenantWhoseAlertsWereJustRouted() {
      fx.send(fx.alert("acme", Severity.HIGH, "routed"), T0);
      assertThat(fx.drainNotifications()).isNotEmpty();
      fx.tenants.pipeInput("acme", null, T0);
      fx.send(fx.alert("acme", Severity.HIGH, "gone"), T0 + 1);
      assertThat(fx.drainNotifications()).isEmpty();
      assertThat(fx.drainDeadLetters()).extracting(DeadLetter::getReason).containsExactly(DeadLetterReason.UNKNOWN_TENANT);
    }

    @Test
    void aTombstoneDeletesTheTenant() {
      fx.tenants.pipeInput("acme", null, T0);
      fx.send(fx.alert("acme", Severity.HIGH, "gone"), T0 + 1);
      assertThat(fx.drainDeadLetters()).extracting(DeadLetter::getReason).containsExactly(DeadLetterReason.UNKNOWN_TENANT);
    }
  }

  @Test
  void everyInputEndsInExactlyOneOutcome() {
    fx.putTenant(TopologyFixture.tenant("globex", Tier.STANDARD));
    fx.putTenant(TopologyFixture.tenant("noisy-co", Tier.TRIAL));
    TrafficMix mix = TrafficMix.typical(List.of(
            new TenantProfile("acme", Tier.ENTERPRISE, List.of("fr"), 3),
            new TenantProfile("globex", Tier.STANDARD, List.of("de"), 1),
            new TenantProfile("noisy-co", Tier.TRIAL, List.of("ar"), 1)))
        .withPoison(0.05).withStorm("noisy-co", 0.4);
    TrafficGenerator generator = new TrafficGenerator(17, mix, fx::bytes);
    int inputs = 3_000;
    long[] kinds = new long[2];
    for (int i = 0; i < inputs; i++) {
      long time = T0 + i * 50L;
      GeneratedRecord record = generator.next(time);
      fx.sendRaw(record.key(), record.value(), time);
      kinds[record.kind().poison() ? 1 : 0]++;
    }
    long outcomes = fx.outcomes.count(Outcome.ROUTED) + fx.outcomes.count(Outcome.DEDUPLICATED)
        + fx.outcomes.count(Outcome.RATE_LIMITED) + fx.outcomes.count(Outcome.DEAD_LETTERED);
    assertThat(outcomes).isEqualTo(inputs + fx.outcomes.count(Outcome.REKEYED));
    assertThat(fx.outcomes.count(Outcome.DEAD_LETTERED)).isEqualTo(kinds[1]);
    assertThat(fx.drainDeadLetters()).hasSize((int) kinds[1]);
    assertThat(Arrays.stream(new Outcome[] {Outcome.ROUTED, Outcome.DEDUPLICATED, Outcome.RATE_LIMITED})
        .mapToLong(fx.outcomes::count)).allMatch(c -> c > 0);
  }
}
