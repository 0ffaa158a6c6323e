package io.klaxon.notifier.render;

import com.ibm.icu.util.ULocale;

/**
 * A notification rendered for one channel, ready for a sender that only transports it. Rendering
 * has already escaped untrusted text for the channel.
 */
public sealed interface RenderedMessage permits SlackMessage, EmailMessage, WebhookMessage, PagerDutyMessage {
  /** The locale the texts were rendered in. */
  ULocale locale();

  /** Whether the locale is written right to left. */
  default boolean rightToLeft() {
    return locale().isRightToLeft();
  }
}
