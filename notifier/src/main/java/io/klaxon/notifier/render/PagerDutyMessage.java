package io.klaxon.notifier.render;

import com.ibm.icu.util.ULocale;
import java.util.Locale;
import java.util.Objects;

/**
 * A PagerDuty Events API v2 event without its routing key, which is a tenant's secret and is added
 * by the sender only: the action, the dedup key (the alert's fingerprint, so PagerDuty folds a
 * trigger, its acknowledgement and its resolution into one incident) and the JSON of the rest of
 * the event ({@code event_action}, {@code dedup_key}, and for a trigger {@code payload}, {@code
 * links} and {@code client}).
 *
 * @param action what the event does to the incident
 * @param dedupKey the incident's key
 * @param event the event as JSON, without {@code routing_key}
 * @param locale the rendering locale
 */
public record PagerDutyMessage(Action action, String dedupKey, String event, ULocale locale) implements RenderedMessage {
  /** The Events API v2 {@code event_action}s. */
  public enum Action {
    TRIGGER, ACKNOWLEDGE, RESOLVE;

    /** The name the Events API uses. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public PagerDutyMessage {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(dedupKey, "dedupKey");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(locale, "locale");
  }
}
