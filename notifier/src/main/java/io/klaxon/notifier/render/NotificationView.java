package io.klaxon.notifier.render;

import io.klaxon.contract.DeliveryProfiles;
import io.klaxon.events.AlertEvent;
import io.klaxon.events.AlertStatus;
import io.klaxon.events.Link;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.Severity;
import io.klaxon.events.SuppressionSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The localized texts of one notification, channel-neutral and not yet escaped: what every
 * channel shows, in the notification's locale. Untrusted values (title, source, tenant,
 * notification id, label names and values) pass through {@code untrusted} before they are placed
 * in templates: {@link BidiIsolation#run} for chat and webhooks, {@link BidiIsolation#isolate} for
 * email (see {@link EmailRenderer}); both neutralise the producer's own bidi controls first.
 *
 * @param headline title line (status and alert title, the group's status, rule and label values,
 *     the suppression count, or the digest's count)
 * @param subject one-line summary for email subjects
 * @param severity the alert's severity, a group's or a digest's most severe (WARNING for a summary)
 * @param resolved whether the alert or every alert of the group is resolved ({@link NotificationStatus})
 * @param fields field label → value, in display order (severity, status, kind, source, tenant, time)
 * @param message the alert's message, null for a summary, a group or a digest
 * @param lists the lists shown after the headline, each under its heading: a group's alerts ({@link
 *     GroupView}), a digest's counts by severity, source and title ({@link DigestView}); empty otherwise
 * @param messageTitle label of the message
 * @param labelsTitle heading of the labels
 * @param labels label name → value, sorted by name (a group's: the labels it is grouped by)
 * @param linksTitle heading of the links
 * @param links the alert's links
 * @param notes extra lines: reminder, duplicates suppressed, suppression window and counts
 * @param footer footer line (email)
 * @param labelFormat the locale's punctuation for "label: value" lines and headings
 */
public record NotificationView(
    String headline,
    String subject,
    Severity severity,
    boolean resolved,
    Map<String, String> fields,
    String message,
    List<AlertList> lists,
    String messageTitle,
    String labelsTitle,
    Map<String, String> labels,
    String linksTitle,
    List<Link> links,
    List<String> notes,
    String footer,
    LabelFormat labelFormat) {

  /**
   * The headline and the notes of a notification: all that a webhook's {@code rendered} part
   * shows, without the texts only Slack and email lay out.
   */
  public record Brief(String headline, List<String> notes) {}

  public NotificationView {
    lists = List.copyOf(lists);
  }

  /**
   * Builds the view of {@code request} with {@code messages}.
   *
   * @throws IllegalArgumentException when a group or digest request lacks its group or digest
   */
  public static NotificationView of(NotificationRequest request, LocalizedMessages messages, UnaryOperator<String> untrusted) {
    String tenant = tenant(request, untrusted);
    String footer = messages.format("email.footer", Map.of("tenant", tenant, "id", untrusted.apply(request.getNotificationId())));
    return switch (request.getType()) {
      case GROUP -> GroupView.of(request, messages, untrusted, tenant, footer);
      case DIGEST -> DigestView.of(request, messages, untrusted, tenant, footer);
      case SUPPRESSION_SUMMARY -> summary(request, messages, tenant, footer);
      case ALERT -> request.getAlert() == null ? summary(request, messages, tenant, footer)
          : alert(request, messages, untrusted, tenant, footer);
    };
  }

  private static NotificationView alert(NotificationRequest request, LocalizedMessages messages,
      UnaryOperator<String> untrusted, String tenant, String footer) {
    AlertEvent alert = request.getAlert();
    String severity = severity(alert, messages);
    String status = messages.format("status", Map.of("status", alert.getStatus().name()));
    Map<String, Object> headlineArgs = headlineArgs(alert, untrusted, severity, tenant);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(messages.text("field.severity"), severity);
    fields.put(messages.text("field.status"), status);
    fields.put(messages.text("field.kind"), messages.format("kind", Map.of("kind", alert.getKind().name())));
    fields.put(messages.text("field.source"), untrusted.apply(alert.getSource()));
    fields.put(messages.text("field.tenant"), tenant);
    fields.put(messages.text("field.occurredAt"), messages.format("time.at", Map.of("at", messages.at(alert.getOccurredAt()))));
    Map<String, String> labels = new TreeMap<>();
    alert.getLabels().forEach((k, v) -> labels.put(untrusted.apply(k), untrusted.apply(v)));
    return new NotificationView(
        messages.format("alert.headline", headlineArgs),
        messages.format("alert.subject", headlineArgs),
        alert.getSeverity(),
        alert.getStatus() == AlertStatus.RESOLVED,
        fields,
        alert.getMessage(),
        List.of(),
        messages.text("field.message"),
        messages.text("field.labels"),
        labels,
        messages.text("field.links"),
        List.copyOf(alert.getLinks()),
        alertNotes(request, messages),
        footer,
        new LabelFormat(messages));
  }

  /**
   * The {@link Brief} of {@code request}: the same headline and notes as {@link #of}, and nothing else.
   *
   * @throws IllegalArgumentException when a group or digest request lacks its group or digest
   */
  public static Brief brief(NotificationRequest request, LocalizedMessages messages, UnaryOperator<String> untrusted) {
    return switch (request.getType()) {
      case GROUP -> GroupView.brief(request, messages, untrusted);
      case DIGEST -> DigestView.brief(request, messages, untrusted);
      case SUPPRESSION_SUMMARY -> summaryBrief(request, messages);
      case ALERT -> {
        AlertEvent alert = request.getAlert();
        if (alert == null) {
          yield summaryBrief(request, messages);
        }
        Map<String, Object> headlineArgs = headlineArgs(alert, untrusted, severity(alert, messages), tenant(request, untrusted));
        yield new Brief(messages.format("alert.headline", headlineArgs), alertNotes(request, messages));
      }
    };
  }

  private static Brief summaryBrief(NotificationRequest request, LocalizedMessages messages) {
    return new Brief(summaryHeadline(request, messages), summaryNotes(request, messages));
  }

  static String tenant(NotificationRequest request, UnaryOperator<String> untrusted) {
    String displayName = DeliveryProfiles.of(request).getDisplayName();
    return untrusted.apply(displayName != null ? displayName : request.getTenantId());
  }

  static String severity(AlertEvent alert, LocalizedMessages messages) {
    return severity(alert.getSeverity(), messages);
  }

  static String severity(Severity severity, LocalizedMessages messages) {
    return messages.format("severity", Map.of("severity", severity.name()));
  }

  private static Map<String, Object> headlineArgs(AlertEvent alert, UnaryOperator<String> untrusted, String severity,
      String tenant) {
    return Map.of("status", alert.getStatus().name(), "title", untrusted.apply(alert.getTitle()),
        "severity", severity, "tenant", tenant);
  }

  /** The notes every notification of alerts may carry: a reminder, duplicates suppressed. */
  static List<String> alertNotes(NotificationRequest request, LocalizedMessages messages) {
    List<String> notes = new ArrayList<>();
    if (request.getRepeat()) {
      notes.add(messages.text("alert.repeat"));
    }
    if (request.getDuplicatesSuppressed() > 0) {
      notes.add(messages.format("alert.duplicates", Map.of("count", request.getDuplicatesSuppressed())));
    }
    return notes;
  }

  private static String summaryHeadline(NotificationRequest request, LocalizedMessages messages) {
    SuppressionSummary summary = request.getSummary();
    long count = summary == null ? 0 : summary.getSuppressedCount();
    return messages.format("summary.headline", Map.of("count", count));
  }

  private static List<String> summaryNotes(NotificationRequest request, LocalizedMessages messages) {
    SuppressionSummary summary = request.getSummary();
    List<String> notes = new ArrayList<>();
    if (summary != null) {
      notes.add(messages.format("summary.window", Map.of(
          "start", messages.at(summary.getWindowStart()), "end", messages.at(summary.getWindowEnd()))));
      new TreeMap<>(summary.getBySeverity()).forEach((severity, n) -> notes.add(messages.format("summary.bySeverity",
          Map.of("severity", messages.format("severity", Map.of("severity", severity)), "count", n))));
    }
    return notes;
  }

  private static NotificationView summary(NotificationRequest request, LocalizedMessages messages, String tenant, String footer) {
    String headline = summaryHeadline(request, messages);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(messages.text("field.tenant"), tenant);
    List<String> notes = summaryNotes(request, messages);
    String subject = messages.format("summary.subject", Map.of("headline", headline, "tenant", tenant));
    return new NotificationView(headline, subject, Severity.WARNING, false, fields, null, List.of(),
        messages.text("field.message"), messages.text("field.labels"), Map.of(), messages.text("field.links"),
        List.of(), notes, footer, new LabelFormat(messages));
  }
}
