package io.klaxon.streams.dedup;

import io.klaxon.events.AlertEvent;
import io.klaxon.streams.Hashing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An alert's identity for deduplication: the producer's fingerprint when given, else a stable
 * SHA-256 of tenant, source, title and the labels sorted by name (so label order never matters).
 */
public final class Fingerprints {
  private Fingerprints() {}

  public static String of(AlertEvent event) {
    if (event.getFingerprint() != null && !event.getFingerprint().isBlank()) {
      return event.getFingerprint();
    }
    List<String> parts = new ArrayList<>();
    parts.add(event.getTenantId());
    parts.add(event.getSource());
    parts.add(event.getTitle());
    for (Map.Entry<String, String> label : new TreeMap<>(event.getLabels()).entrySet()) {
      parts.add(label.getKey() + "=" + label.getValue());
    }
    return Hashing.sha256(parts.toArray(String[]::new));
  }
}
