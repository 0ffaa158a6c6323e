package io.klaxon.notifier.render;

import io.klaxon.events.Channel;
import io.klaxon.events.ChannelLimit;
import io.klaxon.events.DigestSummary;
import io.klaxon.events.NotificationRequest;
import io.klaxon.events.Severity;
import io.klaxon.events.TitleCount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The {@link NotificationView} of a digest (type DIGEST): a tenant's low-severity alerts for one
 * target over a window, in one notification. The headline counts the firing occurrences collected
 * ({@code digest.headline}: "Digest: 42 alerts"); three {@link AlertList}s follow: one {@code
 * digest.severity} line per severity counted, most severe first, marked with its severity; one
 * {@code digest.source} line per listed source, most frequent first, then {@code
 * digest.otherSources} for the occurrences of the sources left out; one {@code digest.title} line
 * per top title, in the digest's order ("Queue slow ×12"). A list with nothing in it is not shown.
 * The fields show the tenant; the notes the window in the tenant's time zone ({@code
 * digest.window}) and, when RESOLVED events were collected, their count ({@code digest.resolved}).
 * The view's severity, and so its colour and emoji, is the most severe one counted ({@link
 * NotificationStatus#severity}); a digest is never resolved. Severity names that are not
 * severities are left out. Sources and titles pass through {@code untrusted} like an alert's.
 *
 * <p>A DIGEST whose {@code heldByLimit} is set is no digest but the summary of the notifications a
 * tenant's per-channel notification limit held back for the target over about a minute, in the
 * same fields and laid out the same way, with two differences: the headline counts the firing
 * occurrences held back ({@code held.headline}: "Notification limit reached: 42 alerts held back";
 * the email subject wraps it in {@code digest.subject} like a digest's), and the first note, before
 * the window, names the limit ({@code held.limit}: the channel by its localized name, {@code
 * channel.slack}, {@code channel.email} or {@code channel.webhook}, and its notifications a
 * minute). CRITICAL firing alerts pass the limit, so such a summary counts only less severe ones
 * and resolutions.
 *
 * <p>Stateless.
 */
final class DigestView {
  private static final Comparator<Map.Entry<String, Long>> MOST_FREQUENT_FIRST =
      Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());

  private DigestView() {}

  /**
   * @throws IllegalArgumentException when the request carries no digest
   */
  static NotificationView of(NotificationRequest request, LocalizedMessages messages, UnaryOperator<String> untrusted,
      String tenant, String footer) {
    DigestSummary digest = NotificationStatus.digest(request);
    String headline = headline(digest, messages);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(messages.text("field.tenant"), tenant);
    return new NotificationView(
        headline,
        messages.format("digest.subject", Map.of("headline", headline, "tenant", tenant)),
        NotificationStatus.mostSevere(digest),
        false,
        fields,
        null,
        lists(digest, messages, untrusted),
        messages.text("field.message"),
        messages.text("field.labels"),
        Map.of(),
        messages.text("field.links"),
        List.of(),
        notes(digest, messages),
        footer,
        new LabelFormat(messages));
  }

  /** The headline, then each list under its heading, then the notes: a webhook's {@code rendered} part. */
  static NotificationView.Brief brief(NotificationRequest request, LocalizedMessages messages,
      UnaryOperator<String> untrusted) {
    DigestSummary digest = NotificationStatus.digest(request);
    LabelFormat format = new LabelFormat(messages);
    List<String> lines = new ArrayList<>();
    for (AlertList list : lists(digest, messages, untrusted)) {
      if (!list.isEmpty()) {
        lines.add(format.heading(list.title()));
        lines.addAll(list.texts());
      }
    }
    lines.addAll(notes(digest, messages));
    return new NotificationView.Brief(headline(digest, messages), lines);
  }

  private static String headline(DigestSummary digest, LocalizedMessages messages) {
    String key = digest.getHeldByLimit() == null ? "digest.headline" : "held.headline";
    return messages.format(key, Map.of("count", digest.getFiring()));
  }

  private static List<AlertList> lists(DigestSummary digest, LocalizedMessages messages, UnaryOperator<String> untrusted) {
    List<AlertList.Line> severities = new ArrayList<>();
    for (Severity severity : Severity.values()) {
      long count = NotificationStatus.count(digest.getBySeverity(), severity);
      if (count > 0) {
        severities.add(new AlertList.Line(severity, false, messages.format("digest.severity", Map.of(
            "severity", NotificationView.severity(severity, messages), "count", count))));
      }
    }
    List<AlertList.Line> sources = digest.getBySource().entrySet().stream().sorted(MOST_FREQUENT_FIRST)
        .map(source -> AlertList.Line.plain(messages.format("digest.source", Map.of(
            "source", untrusted.apply(source.getKey()), "count", source.getValue()))))
        .toList();
    String otherSources = digest.getOtherSources() > 0
        ? messages.format("digest.otherSources", Map.of("count", digest.getOtherSources())) : null;
    List<AlertList.Line> titles = new ArrayList<>();
    for (TitleCount title : digest.getTopTitles()) {
      titles.add(AlertList.Line.plain(messages.format("digest.title", Map.of(
          "title", untrusted.apply(title.getTitle()), "count", title.getCount()))));
    }
    return List.of(
        new AlertList(messages.text("digest.severities"), severities, null),
        new AlertList(messages.text("digest.sources"), sources, otherSources),
        new AlertList(messages.text("digest.titles"), titles, null));
  }

  private static List<String> notes(DigestSummary digest, LocalizedMessages messages) {
    List<String> notes = new ArrayList<>();
    ChannelLimit limit = digest.getHeldByLimit();
    if (limit != null) {
      notes.add(messages.format("held.limit", Map.of(
          "channel", messages.text(channelKey(limit.getChannel())), "perMinute", limit.getPerMinute())));
    }
    notes.add(messages.format("digest.window", Map.of(
        "start", messages.at(digest.getWindowStart()), "end", messages.at(digest.getWindowEnd()))));
    if (digest.getResolved() > 0) {
      notes.add(messages.format("digest.resolved", Map.of("count", digest.getResolved())));
    }
    return notes;
  }

  /** The message key of {@code channel}'s localized name. */
  private static String channelKey(Channel channel) {
    return switch (channel) {
      case SLACK -> "channel.slack";
      case EMAIL -> "channel.email";
      case WEBHOOK -> "channel.webhook";
    };
  }
}
