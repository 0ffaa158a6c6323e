package io.klaxon.notifier.render;

import com.ibm.icu.util.ULocale;
import java.util.Objects;

/**
 * An email: a one-line subject (no CR or LF), a plain-text body and an HTML body whose root
 * carries {@code lang} and {@code dir}.
 */
public record EmailMessage(String subject, String text, String html, ULocale locale) implements RenderedMessage {
  public EmailMessage {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(html, "html");
    Objects.requireNonNull(locale, "locale");
    subject = HeaderText.singleLine(subject);
  }
}
