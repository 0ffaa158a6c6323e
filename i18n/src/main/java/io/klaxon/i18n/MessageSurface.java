package io.klaxon.i18n;

import java.util.Map;

/**
 * Where a message key is shown, and so how long its text may be: what the notifier's renderers do
 * with each key ({@code SlackRenderer}, {@code EmailRenderer}), written down for the checks that
 * cannot run them ({@code klaxon i18n check}).
 */
public enum MessageSurface {
  /** The first line of every channel: a Slack section (and the notification text), the email heading, the webhook title. */
  HEADLINE(SlackLimits.SECTION_TEXT, SlackLimits.HEADER_TEXT),
  /** A Slack section's text (a group's list of alerts, or each of a digest's lists, is one section, or several when long). */
  SECTION(SlackLimits.SECTION_TEXT, 0),
  /** A Slack section field: a label and its value. */
  FIELD(SlackLimits.FIELD_TEXT, 0),
  /** A Slack context element: reminders, counts, windows. */
  CONTEXT(SlackLimits.SECTION_TEXT, 0),
  /** An email subject: one header line (RFC 5322 allows 998 characters). */
  SUBJECT(998, 0),
  /** Text shown only in email bodies and webhook payloads, which have no limit of their own (or not shown). */
  BODY(0, 0);

  private static final Map<String, MessageSurface> BY_KEY = Map.ofEntries(
      Map.entry("alert.headline", HEADLINE),
      Map.entry("summary.headline", HEADLINE),
      Map.entry("alert.subject", SUBJECT),
      Map.entry("summary.subject", SUBJECT),
      Map.entry("severity", FIELD),
      Map.entry("status", FIELD),
      Map.entry("kind", FIELD),
      Map.entry("time.at", FIELD),
      Map.entry("field.severity", FIELD),
      Map.entry("field.status", FIELD),
      Map.entry("field.kind", FIELD),
      Map.entry("field.source", FIELD),
      Map.entry("field.tenant", FIELD),
      Map.entry("field.occurredAt", FIELD),
      Map.entry("field.labels", SECTION),
      Map.entry("field.links", SECTION),
      Map.entry("field.pair", SECTION),
      Map.entry("alert.repeat", CONTEXT),
      Map.entry("alert.duplicates", CONTEXT),
      Map.entry("summary.window", CONTEXT),
      Map.entry("summary.bySeverity", CONTEXT),
      Map.entry("group.headline", HEADLINE),
      Map.entry("group.subject", SUBJECT),
      Map.entry("field.startedAt", FIELD),
      Map.entry("group.alerts", SECTION),
      Map.entry("group.alert", SECTION),
      Map.entry("group.more", SECTION),
      Map.entry("group.labels", SECTION),
      Map.entry("group.resolved", CONTEXT),
      Map.entry("digest.headline", HEADLINE),
      Map.entry("digest.subject", SUBJECT),
      Map.entry("digest.severities", SECTION),
      Map.entry("digest.severity", SECTION),
      Map.entry("digest.sources", SECTION),
      Map.entry("digest.source", SECTION),
      Map.entry("digest.otherSources", SECTION),
      Map.entry("digest.titles", SECTION),
      Map.entry("digest.title", SECTION),
      Map.entry("digest.window", CONTEXT),
      Map.entry("digest.resolved", CONTEXT));

  private final int limit;
  private final int comfortable;

  MessageSurface(int limit, int comfortable) {
    this.limit = limit;
    this.comfortable = comfortable;
  }

  /** The most characters the surface takes; 0 for no limit. */
  public int limit() {
    return limit;
  }

  /** The length past which the text still fits but reads badly; 0 when none. */
  public int comfortable() {
    return comfortable;
  }

  /** Where {@code key} is shown; {@link #BODY} for keys shown only in email and webhook bodies. */
  public static MessageSurface of(String key) {
    return BY_KEY.getOrDefault(key, BODY);
  }
}
