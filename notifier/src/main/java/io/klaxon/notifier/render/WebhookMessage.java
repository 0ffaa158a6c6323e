package io.klaxon.notifier.render;

import com.ibm.icu.util.ULocale;
import java.util.Objects;

/**
 * A webhook body: the versioned JSON document described in {@link WebhookPayloadRenderer}, as the
 * exact UTF-8 text that is signed and sent.
 */
public record WebhookMessage(String body, ULocale locale) implements RenderedMessage {
  public WebhookMessage {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(locale, "locale");
  }
}
