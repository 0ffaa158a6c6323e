package io.klaxon.streams.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.GroupPolicy;
import io.klaxon.events.Severity;
import io.klaxon.streams.Samples;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class GroupStateTest {
  private static final long T0 = Samples.T0;

  @Test
  void aHeaderSurvivesItsSerde() {
    GroupHeader header = GroupHeader.open("pages", "oncall", new TreeMap<>(Map.of("cluster", "a", "region", "")),
        new GroupPolicy(List.of("cluster", "region"), 30_000L, 300_000L, 3_600_000L), T0).withMembers(3);
    Serde<GroupHeader> serde = GroupHeader.serde();

    GroupHeader back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", header));

    assertThat(back).isEqualTo(header);
    assertThat(back.nextFlushMs()).isEqualTo(T0 + 30_000);
    assertThat(back.notified()).isFalse();
    assertThat(back.flushed(T0 + 30_000, 2).nextFlushMs()).isEqualTo(T0 + 30_000 + 3_600_000);
  }

  @Test
  void aMemberSurvivesItsSerdeAndABrokenOneIsAClearError() {
    AlertEvent alert = Samples.alert("e-1", "acme", Severity.HIGH, "Disk full").setLabels(Map.of("cluster", "a")).build();
    Serde<GroupMember> serde = GroupMember.serde();
    GroupMember member = new GroupMember(alert, true, T0 + 5);

    byte[] bytes = serde.serializer().serialize("t", member);
    assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(member);

    for (int i = 12; i < 20; i++) {
      bytes[i] ^= (byte) 0xff; // the schema fingerprint of the single-object encoding
    }
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", bytes)).isInstanceOf(SerializationException.class)
        .hasMessageContaining("does not decode");
    byte[] cut = java.util.Arrays.copyOf(serde.serializer().serialize("t", member), 24);
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", cut)).isInstanceOf(SerializationException.class);
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {9, 0})).isInstanceOf(SerializationException.class)
        .hasMessageContaining("group member of 2 bytes");
  }

  @Test
  void groupKeysDependOnTheGroupByValuesOnlyAndMembersStayInsideTheirGroupsRange() {
    Map<String, String> labels = Map.of("cluster", "a", "instance", "i-1");
    Map<String, String> other = Map.of("cluster", "a", "instance", "i-2");
    List<String> byCluster = List.of("cluster");
    assertThat(GroupKeys.groupKey("acme", "pages", "oncall", GroupKeys.groupLabels(byCluster, labels)))
        .isEqualTo(GroupKeys.groupKey("acme", "pages", "oncall", GroupKeys.groupLabels(byCluster, other)))
        .isNotEqualTo(GroupKeys.groupKey("acme", "pages", "email", GroupKeys.groupLabels(byCluster, labels)))
        .hasSize(32);
    assertThat(GroupKeys.groupLabels(List.of("..."), labels)).isEqualTo(labels);
    assertThat(GroupKeys.groupLabels(List.of("team"), labels)).containsExactly(Map.entry("team", ""));

    String group = GroupKeys.storeKey("acme", "0123");
    String member = GroupKeys.memberKey(group, "fp-\uffff");
    assertThat(member).isBetween(GroupKeys.membersFrom(group), GroupKeys.membersTo(group));
    assertThat(GroupKeys.storeKey("acme", "01234")).isGreaterThan(GroupKeys.membersTo(group));
    assertThat(io.klaxon.streams.TenantKeys.tenantOf(group)).isEqualTo("acme");
    assertThat(io.klaxon.streams.TenantKeys.nameOf(group)).isEqualTo("0123");
  }

  @Test
  void aStaleFiringAlertLeavesTheGroupAndAnEmptyGroupEnds() {
    GroupHeader header = GroupHeader.open("pages", "oncall", new TreeMap<>(), new GroupPolicy(List.of(), 0L, 1_000L, 10_000L), T0)
        .flushed(T0, 2);
    AlertEvent alert = Samples.alert("e-1", "acme", Severity.HIGH, "Disk full").build();
    Map<String, GroupMember> members = new TreeMap<>(Map.of(
        "old", new GroupMember(alert, false, T0 - 100_000),
        "live", new GroupMember(alert, false, T0 + 5_000)));

    GroupFlush.Outcome repeat = GroupFlush.due("k", header, members, T0 + 10_000, 50_000, fp -> false, m -> false);
    assertThat(repeat.remove()).containsExactly("old");
    assertThat(repeat.notification().getFiring()).isEqualTo(1);
    assertThat(repeat.repeat()).isTrue();

    GroupFlush.Outcome allStale = GroupFlush.due("k", header, Map.of("old", members.get("old")), T0 + 10_000, 50_000,
        fp -> false, m -> false);
    assertThat(allStale.notification()).isNull();
    assertThat(allStale.header()).isNull();
  }

  @Test
  void aNotificationStopsListingBeforeItGrowsLarge() {
    GroupHeader header = GroupHeader.open("pages", "oncall", new TreeMap<>(), new GroupPolicy(List.of(), 0L, 1_000L, 10_000L), T0)
        .withMembers(12);
    Map<String, GroupMember> members = new TreeMap<>();
    for (int i = 0; i < 12; i++) {
      AlertEvent big = Samples.alert("e-" + i, "acme", Severity.HIGH, "Disk full").setMessage("x".repeat(4_000))
          .setLabels(Map.of("a", "v".repeat(250), "b", "w".repeat(250))).setStatus(i == 0 ? AlertStatus.RESOLVED : AlertStatus.FIRING)
          .build();
      members.put("fp-" + i, new GroupMember(big, true, T0));
    }

    GroupFlush.Outcome outcome = GroupFlush.due("k", header, members, T0, 60_000, fp -> false, m -> false);

    assertThat(outcome.notification().getAlerts()).hasSize(12);
    assertThat(outcome.notification().getResolved()).isEqualTo(1);
    assertThat(outcome.representative().getStatus()).isEqualTo(AlertStatus.FIRING);
    assertThat(outcome.remove()).containsExactly("fp-0");
    assertThat(outcome.rewrite()).hasSize(11).allSatisfy((fp, m) -> assertThat(m.changed()).isFalse());

    for (int i = 12; i < 80; i++) {
      AlertEvent big = Samples.alert("e-" + i, "acme", Severity.HIGH, "Disk full").setMessage("x".repeat(4_000)).build();
      members.put("fp-" + i, new GroupMember(big, false, T0));
    }
    GroupFlush.Outcome many = GroupFlush.due("k", header, members, T0, 60_000, fp -> false, m -> false);
    assertThat(many.notification().getAlerts()).hasSize(GroupFlush.MAX_LISTED);
    assertThat(many.notification().getOmitted()).isEqualTo(80 - GroupFlush.MAX_LISTED);
    assertThat(many.notification().getAlerts().subList(0, 12)).as("changed alerts first").allMatch(a -> a.getChanged());

    Map<String, GroupMember> huge = new TreeMap<>();
    for (int i = 0; i < GroupFlush.MAX_LISTED; i++) {
      Map<String, String> labels = new TreeMap<>();
      for (int l = 0; l < 32; l++) {
        labels.put("label_" + l, "v".repeat(256));
      }
      AlertEvent big = Samples.alert("e-" + i, "acme", Severity.HIGH, "Disk full").setMessage("x".repeat(4_096))
          .setLabels(labels).build();
      huge.put("fp-" + i, new GroupMember(big, true, T0));
    }
    GroupFlush.Outcome bounded = GroupFlush.due("k", header, huge, T0, 60_000, fp -> false, m -> false);
    long listedChars = bounded.notification().getAlerts().stream().mapToLong(a -> a.getAlert().toString().length()).sum();
    assertThat(listedChars).isLessThanOrEqualTo(GroupFlush.MAX_LISTED_CHARS);
    int listed = bounded.notification().getAlerts().size();
    assertThat(listed).as("alerts of the largest size allowed fill the text budget first").isLessThan(GroupFlush.MAX_LISTED);
    assertThat(bounded.notification().getOmitted()).isEqualTo(GroupFlush.MAX_LISTED - listed);
  }
}
