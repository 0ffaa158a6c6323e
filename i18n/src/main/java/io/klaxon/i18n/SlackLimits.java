package io.klaxon.i18n;

/**
 * Slack's limits on the parts of a Block Kit message that Klaxon fills (Slack's Block Kit
 * reference): the notifier lays messages out within them and {@code klaxon i18n check} reports
 * texts that would not fit.
 */
public final class SlackLimits {
  /** Characters of a section's or a context element's text. */
  public static final int SECTION_TEXT = 3_000;

  /** Characters of one section field. */
  public static final int FIELD_TEXT = 2_000;

  /** Fields of one section, and elements of one context block. */
  public static final int FIELDS = 10;

  /**
   * Characters of a header block's text: the length past which a headline no longer reads as one
   * (Slack cuts header blocks there, and notifications and previews much earlier).
   */
  public static final int HEADER_TEXT = 150;

  private SlackLimits() {}
}
