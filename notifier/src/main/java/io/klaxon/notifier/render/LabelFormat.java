package io.klaxon.notifier.render;

import java.util.Map;
import java.util.Objects;

/**
 * How the notification's locale joins a label to its value and ends a heading, from the bundle
 * keys {@code field.pair} and {@code field.heading}: "Severity: Critical", "Gravité&#x202F;:
 * Critique" (French puts a narrow no-break space before the colon), "重大度：重大" (Chinese and
 * Japanese use the full-width colon). Layout code never writes punctuation of its own. Not
 * thread-safe, like the {@link LocalizedMessages} it formats with; one per rendering.
 */
public final class LabelFormat {
  private final LocalizedMessages messages;

  public LabelFormat(LocalizedMessages messages) {
    this.messages = Objects.requireNonNull(messages, "messages");
  }

  /** A label and its value on one line: {@code field.pair}. */
  public String pair(String label, String value) {
    return messages.format("field.pair", Map.of("label", label, "value", value));
  }

  /** A heading that introduces the lines below it: {@code field.heading}. */
  public String heading(String label) {
    return messages.format("field.heading", Map.of("label", label));
  }
}
