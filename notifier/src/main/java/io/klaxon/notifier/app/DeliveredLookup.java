package io.klaxon.notifier.app;

import java.time.Instant;
import java.util.Set;

/**
 * Which notifications were delivered recently: the ids of those with a DELIVERED receipt written
 * at or after a time ({@link KafkaDeliveredLookup} reads them from the receipts topic).
 */
@FunctionalInterface
interface DeliveredLookup {
  /** Looks nothing up: every notification read again is delivered again. */
  DeliveredLookup NONE = since -> Set.of();

  /**
   * The ids of the notifications with a DELIVERED receipt written at or after {@code since}, as far
   * as they could be read; an empty set when none could be.
   */
  Set<String> deliveredSince(Instant since);
}
