package io.klaxon.ingest.mapping;

import java.util.List;

/** A request body, read by a {@link PayloadFormat}. */
public sealed interface ParsedPayload {
  /** The body has the format's shape; each item is valid or names its problems. */
  record Items(List<IngestItem> items) implements ParsedPayload {
    public Items {
      items = List.copyOf(items);
    }
  }

  /** The body as a whole is not of the format (not JSON, or not the expected kind of value). */
  record Unreadable(String message) implements ParsedPayload {}
}
