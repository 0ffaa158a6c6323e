package io.klaxon.cli.history;

import io.klaxon.events.DeliveryReceipt;
import io.klaxon.events.NotificationRequest;
import io.klaxon.privacy.Keyring;
import io.klaxon.privacy.Sealer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides what of one tenant's records the history shows, and opens the sealed ones: records from
 * before the tenant's erasure are not shown (those sealed with its destroyed keys are counted as
 * erased); later ones are shown whole when they open, and without their personal fields when this
 * command cannot open them (no master key). Not thread-safe.
 */
final class Unsealed {
  private final Keyring keyring;
  private final Instant erasedAt;
  private final Sealer<NotificationRequest> notifications;
  private final Sealer<DeliveryReceipt> receipts;
  private final Map<String, Integer> erased = new TreeMap<>();
  private final Map<String, Integer> unopened = new TreeMap<>();
  private String unopenedReason;

  /** @param erasedAt where the tenant's last erasure ended, null when it was not erased */
  Unsealed(Keyring keyring, Instant erasedAt, Sealer<NotificationRequest> notifications, Sealer<DeliveryReceipt> receipts) {
    this.keyring = keyring;
    this.erasedAt = erasedAt;
    this.notifications = notifications;
    this.receipts = receipts;
  }

  Instant erasedAt() {
    return erasedAt;
  }

  /** Whether a record of {@code time} is shown: it is not from before the erasure. */
  boolean shown(long time) {
    return erasedAt == null || time >= erasedAt.toEpochMilli();
  }

  List<NotificationRequest> notification(long time, NotificationRequest request) {
    return open(time, request, notifications, "notification");
  }

  List<DeliveryReceipt> receipt(long time, DeliveryReceipt receipt) {
    return open(time, receipt, receipts, "delivery receipt");
  }

  private <V> List<V> open(long time, V value, Sealer<V> sealer, String kind) {
    Sealer.Opened<V> opened = sealer.open(value, keyring);
    boolean before = !shown(time);
    switch (opened) {
      case Sealer.Opened.Whole<V> whole -> {
        return before ? List.of() : List.of(whole.record());
      }
      case Sealer.Opened.Erased<V> gone -> {
        // Gone for good, whenever it was written: counted, never shown.
        erased.merge(kind, 1, Integer::sum);
        return List.of();
      }
      case Sealer.Opened.Unavailable<V> sealedHere -> {
        if (before) {
          return List.of();
        }
        unopened.merge(kind, 1, Integer::sum);
        unopenedReason = sealedHere.reason();
        return List.of(sealedHere.emptied());
      }
    }
  }

  /** Lines for standard error: what was erased, and what could not be opened here. */
  List<String> report(String tenant) {
    List<String> lines = new ArrayList<>();
    if (!erased.isEmpty()) {
      lines.add("klaxon: " + text(erased) + " of tenant " + tenant
          + " read as erased: the data keys that sealed them are destroyed (by an erasure, or by the tenant's retention)");
    }
    if (!unopened.isEmpty()) {
      lines.add("klaxon: " + text(unopened) + " are shown without their personal fields (" + unopenedReason + ")");
    }
    return lines;
  }

  private static String text(Map<String, Integer> counts) {
    List<String> parts = new ArrayList<>();
    counts.forEach((kind, n) -> parts.add(n + " " + kind + (n == 1 ? "" : "s")));
    return String.join(", ", parts);
  }
}
