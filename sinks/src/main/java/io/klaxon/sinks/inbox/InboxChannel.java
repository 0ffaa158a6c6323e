package io.klaxon.sinks.inbox;

import java.util.Locale;
import java.util.Optional;

/** The outside-world channel a capture arrived on. */
public enum InboxChannel {
  SLACK,
  EMAIL,
  WEBHOOK,
  PAGERDUTY;

  /** The lower-case name used in URLs and JSON ({@code slack}, {@code email}, {@code webhook}, {@code pagerduty}). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The channel named by {@code id} (any case), or empty for null, blank or unknown names. */
  public static Optional<InboxChannel> parse(String id) {
    if (id == null || id.isBlank()) {
      return Optional.empty();
    }
    for (InboxChannel channel : values()) {
      if (channel.id().equalsIgnoreCase(id.strip())) {
        return Optional.of(channel);
      }
    }
    return Optional.empty();
  }
}
