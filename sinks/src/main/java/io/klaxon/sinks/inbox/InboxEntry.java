package io.klaxon.sinks.inbox;

import java.util.Objects;

/**
 * A capture as the {@link Inbox} holds it.
 *
 * @param id the inbox's id for it, increasing in arrival order
 * @param capture what was received
 */
public record InboxEntry(long id, Capture capture) {
  public InboxEntry {
    Objects.requireNonNull(capture, "capture");
  }
}
