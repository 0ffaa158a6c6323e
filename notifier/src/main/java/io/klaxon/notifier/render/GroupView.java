package io.klaxon.notifier.render;

import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertGroup;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.GroupedAlert;
import io.klaxon.events.NotificationRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The {@link NotificationView} of one flush of a group (type GROUP): the headline names the status
 * with the count of firing alerts, the routing rule and the values of the labels the group is
 * grouped by ({@code group.headline}: "Firing (3): disk-usage · prod eu-west-1", "Resolved: …"
 * once none fires); the fields show the most severe severity, the status, the tenant and when the
 * group opened; the labels are the group's labels; the {@link AlertList} has one {@code
 * group.alert} line per listed alert, marked new or resolved when it joined or resolved since the
 * previous flush, and {@code group.more} for the alerts left out. A first flush marks nothing new:
 * every alert in it is. Untrusted values (rule, label names and values, titles, sources) pass
 * through {@code untrusted} like an alert's. Stateless.
 */
final class GroupView {
  /** What {@code group.alert}'s {@code change} select is given for an alert that did not change. */
  private static final String UNCHANGED = "UNCHANGED";

  private GroupView() {}

  /**
   * @throws IllegalArgumentException when the request carries no group
   */
  static NotificationView of(NotificationRequest request, LocalizedMessages messages, UnaryOperator<String> untrusted,
      String tenant, String footer) {
    AlertGroup group = NotificationStatus.group(request);
    boolean resolved = NotificationStatus.resolved(request);
    String severity = NotificationView.severity(group.getMostSevere(), messages);
    String headline = headline(request, group, messages, untrusted);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(messages.text("field.severity"), severity);
    fields.put(messages.text("field.status"), messages.format("status", Map.of("status", status(resolved))));
    fields.put(messages.text("field.tenant"), tenant);
    fields.put(messages.text("field.startedAt"), messages.format("time.at", Map.of("at", messages.at(group.getStartedAt()))));
    Map<String, String> labels = new TreeMap<>();
    group.getGroupLabels().forEach((k, v) -> labels.put(untrusted.apply(k), untrusted.apply(v)));
    return new NotificationView(
        headline,
        messages.format("group.subject", Map.of("severity", severity, "headline", headline, "tenant", tenant)),
        group.getMostSevere(),
        resolved,
        fields,
        null,
        List.of(alerts(group, messages, untrusted)),
        messages.text("field.message"),
        messages.text("group.labels"),
        labels,
        messages.text("field.links"),
        List.of(),
        notes(request, group, messages),
        footer,
        new LabelFormat(messages));
  }

  /** The headline, then every line of the list and the notes: a webhook's {@code rendered} part. */
  static NotificationView.Brief brief(NotificationRequest request, LocalizedMessages messages,
      UnaryOperator<String> untrusted) {
    AlertGroup group = NotificationStatus.group(request);
    List<String> lines = new ArrayList<>(alerts(group, messages, untrusted).texts());
    lines.addAll(notes(request, group, messages));
    return new NotificationView.Brief(headline(request, group, messages, untrusted), lines);
  }

  private static String headline(NotificationRequest request, AlertGroup group, LocalizedMessages messages,
      UnaryOperator<String> untrusted) {
    // Alertmanager's title shows the values alone ("prod eu-west-1"): the names are in the labels part.
    List<String> values = new ArrayList<>();
    new TreeMap<>(group.getGroupLabels()).values().stream().filter(v -> !v.isEmpty())
        .forEach(v -> values.add(untrusted.apply(v)));
    return messages.format("group.headline", Map.of(
        "status", status(NotificationStatus.resolved(request)),
        "count", group.getFiring(),
        "route", untrusted.apply(request.getRouteName()),
        "grouped", values.isEmpty() ? "no" : "yes",
        "values", String.join(" ", values)));
  }

  private static AlertList alerts(AlertGroup group, LocalizedMessages messages, UnaryOperator<String> untrusted) {
    List<AlertList.Line> lines = new ArrayList<>();
    for (GroupedAlert grouped : group.getAlerts()) {
      AlertEvent alert = grouped.getAlert();
      boolean resolved = alert.getStatus() == AlertStatus.RESOLVED;
      String text = messages.format("group.alert", Map.of(
          "change", change(grouped, resolved, group.getSequence()),
          "severity", NotificationView.severity(alert, messages),
          "title", untrusted.apply(alert.getTitle()),
          "source", untrusted.apply(alert.getSource())));
      lines.add(new AlertList.Line(alert.getSeverity(), resolved, text));
    }
    String more = group.getOmitted() > 0 ? messages.format("group.more", Map.of("count", group.getOmitted())) : null;
    return new AlertList(messages.text("group.alerts"), lines, more);
  }

  /** NEW, RESOLVED or unchanged; in the first flush every alert is new, so none is marked. */
  private static String change(GroupedAlert grouped, boolean resolved, long sequence) {
    if (!grouped.getChanged()) {
      return UNCHANGED;
    }
    if (resolved) {
      return AlertStatus.RESOLVED.name();
    }
    return sequence > 1 ? "NEW" : UNCHANGED;
  }

  private static List<String> notes(NotificationRequest request, AlertGroup group, LocalizedMessages messages) {
    List<String> notes = new ArrayList<>();
    if (group.getResolved() > 0) {
      notes.add(messages.format("group.resolved", Map.of("count", group.getResolved())));
    }
    notes.addAll(NotificationView.alertNotes(request, messages));
    return notes;
  }

  private static String status(boolean resolved) {
    return resolved ? AlertStatus.RESOLVED.name() : AlertStatus.FIRING.name();
  }
}
