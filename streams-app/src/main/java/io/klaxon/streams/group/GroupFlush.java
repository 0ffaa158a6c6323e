package io.klaxon.streams.group;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertGroup;
import io.klaxon.events.GroupedAlert;
import io.klaxon.events.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What a group does when it comes due, as a pure function of its header, its members and the
 * time: whether it is notified (an alert joined or resolved; or it still fires and its repeat is
 * due, unless every firing alert is acknowledged), which alerts the notification lists, what stays
 * in the group afterwards, and whether the group ends (nothing fires any more). Resolved alerts are
 * listed once, in the notification after they resolved, then leave the group.
 *
 * <p>A firing alert that a silence or maintenance window holds back at flush time ({@code muted})
 * is left out of the notification and its counts, as Alertmanager does, and stays in the group:
 * one that joined while held back is shown as new once nothing holds it back. While any alert is
 * held back the group is looked at again every groupInterval rather than every repeatInterval.
 *
 * <p>A firing alert not routed again for {@code staleMs} (a live alert is routed again at its
 * repeat interval; one whose producer stopped without resolving it is not, and its dedup state
 * expires) leaves the group without a notification, as its dedup state is forgotten.
 *
 * <p>A notification lists at most {@link #MAX_LISTED} alerts and about {@link #MAX_LISTED_CHARS}
 * characters of their text: changed alerts first, then the most severe, then the newest; the rest
 * are counted in {@code omitted}. Stateless.
 */
public final class GroupFlush {
  /** Most alerts one notification lists. */
  public static final int MAX_LISTED = 20;
  /** About how much alert text one notification carries, so that a group flush stays far below Kafka's record limit. */
  public static final int MAX_LISTED_CHARS = 200_000;

  private GroupFlush() {}

  /**
   * What a due group does.
   *
   * @param notification the group as notified, or null when nothing is sent
   * @param representative the most severe listed alert (the request's {@code alert}), null with no notification
   * @param repeat whether the notification repeats an unchanged group
   * @param remove fingerprints of members that leave the group
   * @param rewrite members that stay, changed since they were read (their {@code changed} flag cleared)
   * @param header the group afterwards, or null when it ends
   */
  public record Outcome(AlertGroup notification, AlertEvent representative, boolean repeat, List<String> remove,
      Map<String, GroupMember> rewrite, GroupHeader header) {}

  /**
   * @param groupKey the group's id
   * @param members the group's members by fingerprint
   * @param acknowledged whether a fingerprint is acknowledged
   */
  public static Outcome due(String groupKey, GroupHeader header, Map<String, GroupMember> members, long now,
      long staleMs, Predicate<String> acknowledged, Predicate<GroupMember> muted) {
    List<String> remove = new ArrayList<>();
    Map<String, GroupMember> live = new LinkedHashMap<>();
    members.forEach((fingerprint, member) -> {
      if (member.firing() && !member.changed() && now - member.lastSeenMs() > staleMs) {
        remove.add(fingerprint);
      } else {
        live.put(fingerprint, member);
      }
    });
    if (live.isEmpty()) {
      return new Outcome(null, null, false, remove, Map.of(), null);
    }
    // What the notification can show: a firing alert that a silence or window holds back now is left out.
    Map<String, GroupMember> visible = new LinkedHashMap<>();
    live.forEach((fingerprint, member) -> {
      if (!member.firing() || !muted.test(member)) {
        visible.put(fingerprint, member);
      }
    });
    boolean anyMuted = visible.size() < live.size();
    long firingAll = live.values().stream().filter(GroupMember::firing).count();
    long firing = visible.values().stream().filter(GroupMember::firing).count();
    long resolved = visible.size() - firing;
    boolean changed = visible.values().stream().anyMatch(GroupMember::changed);
    boolean repeatDue = !changed && firing > 0 && (!header.notified() || now - header.lastFlushMs() >= header.repeatIntervalMs())
        && visible.entrySet().stream().anyMatch(e -> e.getValue().firing() && !acknowledged.test(e.getKey()));
    // While something is held back, the group is looked at every groupInterval, so it shows again soon after.
    long recheck = anyMuted ? header.groupIntervalMs() : header.repeatIntervalMs();
    if (!changed && !repeatDue) {
      if (firingAll == 0) {
        return new Outcome(null, null, false, List.copyOf(members.keySet()), Map.of(), null);
      }
      // Everything that fires is acknowledged or held back: nothing to send now.
      return new Outcome(null, null, false, remove, Map.of(),
          header.withMembers(live.size()).withNextFlush(GroupTimes.plus(now, recheck)));
    }
    List<Map.Entry<String, GroupMember>> order = new ArrayList<>(visible.entrySet());
    order.sort(Comparator.<Map.Entry<String, GroupMember>, Boolean>comparing(e -> !e.getValue().changed())
        .thenComparing(e -> e.getValue().alert().getSeverity().ordinal())
        .thenComparing(e -> e.getValue().alert().getOccurredAt(), Comparator.reverseOrder())
        .thenComparing(Map.Entry::getKey));
    List<GroupedAlert> listed = new ArrayList<>();
    long chars = 0;
    for (Map.Entry<String, GroupMember> entry : order) {
      long size = chars(entry.getValue().alert());
      if (listed.size() == MAX_LISTED || (!listed.isEmpty() && chars + size > MAX_LISTED_CHARS)) {
        break;
      }
      chars += size;
      listed.add(new GroupedAlert(entry.getKey(), entry.getValue().alert(), entry.getValue().changed()));
    }
    Map<String, GroupMember> rewrite = new LinkedHashMap<>();
    visible.forEach((fingerprint, member) -> {
      if (!member.firing()) {
        remove.add(fingerprint);
      } else if (member.changed()) {
        rewrite.put(fingerprint, new GroupMember(member.alert(), false, member.lastSeenMs()));
      }
    });
    AlertGroup group = AlertGroup.newBuilder()
        .setGroupKey(groupKey)
        .setGroupLabels(new LinkedHashMap<>(header.groupLabels()))
        .setSequence(header.sequence() + 1)
        .setFiring(firing)
        .setResolved(resolved)
        .setAlerts(listed)
        .setOmitted(visible.size() - listed.size())
        .setMostSevere(mostSevere(visible.values(), firing > 0))
        .setStartedAt(Instant.ofEpochMilli(header.startedAtMs()))
        .build();
    AlertEvent representative = listed.stream().map(GroupedAlert::getAlert)
        .min(Comparator.comparing((AlertEvent a) -> a.getStatus().ordinal()).thenComparing(a -> a.getSeverity().ordinal()))
        .orElseThrow();
    int remaining = (int) (live.size() - resolved);
    return new Outcome(group, representative, !changed, remove, rewrite, firingAll == 0 ? null
        : header.flushed(now, remaining).withNextFlush(GroupTimes.plus(now, recheck)));
  }

  private static Severity mostSevere(Iterable<GroupMember> members, boolean amongFiring) {
    Severity most = Severity.INFO;
    for (GroupMember member : members) {
      if (member.firing() == amongFiring && member.alert().getSeverity().ordinal() < most.ordinal()) {
        most = member.alert().getSeverity();
      }
    }
    return most;
  }

  /** About how much text an alert carries. */
  private static long chars(AlertEvent alert) {
    return alert.toString().length();
  }
}
